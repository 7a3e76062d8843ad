import { type ContributionOutcome, CoordinatorError } from '@plaza/protocol';
import type { Hex } from 'viem';
import { createSimulatedDevice } from '../harness/create-simulated-device.ts';
import { extractHtml } from '../harness/extract-html.ts';
import { fetchThroughProxy } from '../harness/fetch-through-proxy.ts';

/** A contributor's device in the demo: a key, and how much bandwidth it lends. */
export interface DemoDevice {
  name: string;
  privateKey: Hex;
  /** Jobs it asks for at once. */
  perLease: number;
  /** Pause between two leases, ms (a slower connection). */
  pauseMs: number;
}

/** What one device did, counted from its receipts. */
export interface DeviceTally {
  name: string;
  address: `0x${string}`;
  /** Pages fetched and submitted. */
  fetched: number;
  outcomes: Record<ContributionOutcome, number>;
  /** Items refused with an error code instead of a receipt. */
  errors: number;
}

/** Options of {@link crawlWithDevices}. */
export interface CrawlWithDevicesOptions {
  baseUrl: string;
  /** The fixture internet's proxy: devices fetch every page through it. */
  proxyUrl: string;
  devices: readonly DemoDevice[];
  /** URLs reachable from the seeds: the crawl is done when each has a receipt. */
  reachable: number;
  /** Give up after this long. */
  deadlineMs: number;
  /** Called after every submitted batch. */
  onProgress?: (done: number, tallies: readonly DeviceTally[]) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs contributor devices in parallel until every reachable page has a receipt: each registers
 * with its key (a signed `DeviceRegistration`), then loops lease → fetch the page from the fixture
 * web → extract it as the extension does → sign the batch → submit, and counts the outcome of each
 * receipt. Links found on pages go back to the coordinator, which adds them to the frontier.
 */
export async function crawlWithDevices(options: CrawlWithDevicesOptions): Promise<DeviceTally[]> {
  const deadline = Date.now() + options.deadlineMs;
  const received = new Set<string>();
  const tallies: DeviceTally[] = [];
  const devices = await Promise.all(
    options.devices.map(async (spec) => {
      const device = await createSimulatedDevice({
        baseUrl: options.baseUrl,
        privateKey: spec.privateKey,
      });
      const tally: DeviceTally = {
        name: spec.name,
        address: device.address,
        fetched: 0,
        outcomes: { accepted: 0, low_quality: 0, duplicate: 0, near_duplicate: 0, fetch_failed: 0 },
        errors: 0,
      };
      tallies.push(tally);
      return { spec, device, tally };
    }),
  );
  const done = () => received.size >= options.reachable || Date.now() > deadline;

  // Every device contributes: one that has submitted a batch waits before its next lease until
  // every other device has submitted one too (or given up). A fast device could otherwise drain
  // the frontier before a slow one's first lease is answered, which happens on a busy machine. The
  // waiting devices hold no leases, so the frontier they grew is there for the one still starting.
  const starting = new Set(devices.map((d) => d.tally));
  let everyoneStarted!: () => void;
  const started = new Promise<void>((resolve) => (everyoneStarted = resolve));
  const markStarted = (tally: DeviceTally) => {
    if (starting.delete(tally) && starting.size === 0) everyoneStarted();
  };

  await Promise.all(
    devices.map(async ({ spec, device, tally }) => {
      try {
        while (!done()) {
          let jobs: Awaited<ReturnType<typeof device.lease>>['lease']['jobs'];
          try {
            jobs = (await device.lease({ max: spec.perLease })).lease.jobs;
          } catch (error) {
            if (!(error instanceof CoordinatorError) || !error.retryable) throw error;
            await sleep(200);
            continue;
          }
          if (jobs.length === 0) {
            await sleep(150);
            continue;
          }
          const items = await Promise.all(
            jobs.map(async (job) => {
              const page = await fetchThroughProxy(options.proxyUrl, job.url);
              const extracted = extractHtml(page.body, job.url, job.extraction);
              return device.contribution(job, {
                httpStatus: page.status,
                title: extracted.title,
                text: extracted.text,
                links: extracted.links,
              });
            }),
          );
          const answer = await device.submit(await device.sign(items));
          markStarted(tally);
          tally.fetched += items.length;
          answer.results.forEach((result, i) => {
            if (result.ok) {
              tally.outcomes[result.receipt.outcome]++;
              received.add(jobs[i]!.url);
            } else tally.errors++;
          });
          options.onProgress?.(received.size, tallies);
          if (starting.size > 0) await started;
          if (spec.pauseMs > 0) await sleep(spec.pauseMs);
        }
      } finally {
        markStarted(tally);
      }
    }),
  );
  return options.devices.map((spec) => tallies.find((t) => t.name === spec.name)!);
}
