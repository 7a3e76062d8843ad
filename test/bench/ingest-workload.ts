import {
  createCoordinatorClient,
  type SubmitContributionsRequest,
  type SubmitContributionsResponse,
} from '@plaza/protocol';
import { createSimulatedDevice, type SimulatedDevice } from '../harness/create-simulated-device.ts';
import type { GeneratedSite } from '../harness/generate-pages.ts';
import { markHostsReady, type SqlRunner } from '../harness/mark-hosts-ready.ts';

/** The campaign API's batches stay under PostgreSQL's 65,535 bind parameters per statement. */
const URLS_PER_REQUEST = 5_000;

/** A device with its signed batches, ready to send: the serialized request bodies. */
export interface Submitter {
  token: string;
  bodies: string[];
}

/** What a timed submission of batches measured. */
export interface SubmitRun {
  contributions: number;
  seconds: number;
  /** Outcome or error code → count. */
  outcomes: Map<string, number>;
  batchMs: number[];
  /** CPU of this whole process (every thread) during the run, ms per contribution. */
  cpuMsPerContribution: number;
}

/**
 * Creates campaign `id` over the site's URLs (one URL per host, hosts marked ready), leases every
 * job to `devices` simulated devices and builds their signed batches of `batch` items: everything
 * a device does before it submits, so a timed run covers only the submissions.
 */
export async function prepareIngestWorkload(params: {
  baseUrl: string;
  adminKey: string;
  /** Marks the site's hosts ready first; leave out when that was done already. */
  run?: SqlRunner;
  site: GeneratedSite;
  id: string;
  devices: number;
  batch: number;
}): Promise<Submitter[]> {
  const { baseUrl, site, id } = params;
  if (params.run) await markHostsReady(params.run, site.hosts);
  await createSiteCampaign({ baseUrl, adminKey: params.adminKey, site, id });
  const perDevice = Math.ceil(site.pages.length / params.devices);
  const submitters: Submitter[] = [];
  for (let d = 0; d < params.devices; d++) {
    const device = await createSimulatedDevice({ baseUrl });
    const jobs: { jobId: string; url: string }[] = [];
    while (jobs.length < perDevice) {
      const max = Math.min(32, perDevice - jobs.length);
      const { lease } = await device.lease({ max, campaignId: id });
      if (lease.jobs.length === 0) break;
      jobs.push(...lease.jobs);
    }
    submitters.push({
      token: device.token,
      bodies: await signBodies(device, jobs, site, params.batch),
    });
  }
  return submitters;
}

/** Creates campaign `id` over every URL of the site (hosts `*.example.com`). */
export async function createSiteCampaign(params: {
  baseUrl: string;
  adminKey: string;
  site: GeneratedSite;
  id: string;
}): Promise<void> {
  const { id } = params;
  const admin = createCoordinatorClient({ baseUrl: params.baseUrl, adminKey: params.adminKey });
  const urls = params.site.pages.map((page) => page.url);
  const { frontier } = await admin.createCampaign({
    id,
    name: `Benchmark ${id}`,
    seeds: urls.slice(0, URLS_PER_REQUEST),
    scope: { hosts: ['*.example.com'] },
    maxPages: urls.length,
    politeness: { minDelayMs: 0 },
    labelSchema: { kind: 'classification', classes: ['news', 'other'] },
  });
  let queued = frontier.added;
  for (let i = URLS_PER_REQUEST; i < urls.length; i += URLS_PER_REQUEST) {
    queued += (await admin.addUrls(id, { urls: urls.slice(i, i + URLS_PER_REQUEST) })).added;
  }
  if (queued !== urls.length) throw new Error(`Only ${queued} of ${urls.length} URLs were queued.`);
}

/** A device's signed batches of `batch` contributions for its jobs, serialized. */
export async function signBodies(
  device: SimulatedDevice,
  jobs: readonly { jobId: string; url: string }[],
  site: GeneratedSite,
  batch: number,
): Promise<string[]> {
  const bodies: string[] = [];
  for (let i = 0; i < jobs.length; i += batch) {
    const items = jobs.slice(i, i + batch).map((job) => {
      const page = site.byUrl.get(job.url);
      if (!page) throw new Error(`No page for leased URL ${job.url}.`);
      return device.contribution(job, { text: page.text, title: page.title, fetchedAt: 1 });
    });
    const body: SubmitContributionsRequest = await device.sign(items);
    bodies.push(JSON.stringify(body));
  }
  return bodies;
}

/**
 * Sends every submitter's bodies to `url` (`POST`), the submitters at once and each one batch
 * after the other, timing the whole and each batch, and the CPU this process used meanwhile.
 */
export async function submitBodies(
  url: string,
  submitters: readonly Submitter[],
  countOf: (answer: unknown) => Map<string, number> = plazaOutcomes,
): Promise<SubmitRun> {
  const outcomes = new Map<string, number>();
  const batchMs: number[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    submitters.map(async ({ token, bodies }) => {
      for (const body of bodies) {
        const sent = performance.now();
        const response = await fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body,
        });
        const answer: unknown = await response.json();
        batchMs.push(performance.now() - sent);
        if (!response.ok) throw new Error(`Batch refused: ${JSON.stringify(answer)}`);
        for (const [key, n] of countOf(answer)) outcomes.set(key, (outcomes.get(key) ?? 0) + n);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const contributions = [...outcomes.values()].reduce((a, b) => a + b, 0);
  return {
    contributions,
    seconds,
    outcomes,
    batchMs,
    cpuMsPerContribution: (used.user + used.system) / 1000 / Math.max(1, contributions),
  };
}

function plazaOutcomes(answer: unknown): Map<string, number> {
  const counts = new Map<string, number>();
  for (const result of (answer as SubmitContributionsResponse).results) {
    const key = result.ok ? result.receipt.outcome : result.error.code;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Takes each submitter's first body out, to send before the clock starts (thread start-up). */
export function takeWarmup(submitters: Submitter[]): Submitter[] {
  return submitters.map((s) => ({ token: s.token, bodies: s.bodies.splice(0, 1) }));
}
