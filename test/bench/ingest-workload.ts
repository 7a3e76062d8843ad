import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCoordinatorClient, type SubmitContributionsRequest } from '@plaza/protocol';
import { createSimulatedDevice, type SimulatedDevice } from '../harness/create-simulated-device.ts';
import type { GeneratedSite } from '../harness/generate-pages.ts';
import { markHostsReady, type SqlRunner } from '../harness/mark-hosts-ready.ts';
import { childResult } from './child-result.ts';
import type { SubmitLoadConfig, SubmitLoadResult } from './submit-load.ts';

const testDir = fileURLToPath(new URL('..', import.meta.url));
const loadScript = fileURLToPath(new URL('./submit-load.ts', import.meta.url));

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
  /** CPU of this process (every thread) during the run, ms per contribution; not the sender's. */
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

/** A sender process with its bodies loaded, waiting for `send()`. */
export interface Sender {
  /** Sends every body and resolves to what the run measured. */
  send(): Promise<SubmitRun>;
  /** Stops the sender if it never sent, and removes its files. */
  close(): Promise<void>;
}

/**
 * Sends every submitter's bodies to `url` (`POST`) from a child process (`submit-load.ts`), the
 * submitters at once and each one batch after the other, timing the whole and each batch.
 */
export async function submitBodies(
  url: string,
  submitters: readonly Submitter[],
  answers: SubmitLoadConfig['answers'] = 'plaza',
): Promise<SubmitRun> {
  const sender = await startSender(url, submitters, answers);
  try {
    return await sender.send();
  } finally {
    await sender.close();
  }
}

/**
 * Starts the sender of {@link submitBodies} and resolves once it has read its bodies, so that
 * starting it costs nothing inside a measured window. The CPU figure of `send()` is this
 * process's (every thread: the coordinator or plain server it hosts, and its workers) from the
 * sender's first batch to its last answer; the sender's own CPU is not in it.
 */
export async function startSender(
  url: string,
  submitters: readonly Submitter[],
  answers: SubmitLoadConfig['answers'] = 'plaza',
): Promise<Sender> {
  const dir = await mkdtemp(join(tmpdir(), 'plaza-submit-load-'));
  const file = join(dir, 'submitters.json');
  await writeFile(file, JSON.stringify(submitters));
  const config: SubmitLoadConfig = { url, file, answers };
  const child = spawn(process.execPath, ['--import', 'tsx', loadScript], {
    cwd: testDir,
    env: { ...process.env, SUBMIT_LOAD_CONFIG: JSON.stringify(config) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let announceReady!: () => void;
  const announced = new Promise<void>((resolve) => (announceReady = resolve));
  const exited = childResult<SubmitLoadResult>(
    child,
    'SUBMIT_LOAD_RESULT',
    'The ingest load generator',
    (output) => {
      if (output.includes('SUBMIT_LOAD_READY\n')) announceReady();
    },
  );
  exited.catch(() => {});
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill();
    await exited.catch(() => {});
    await rm(dir, { recursive: true, force: true });
  };
  const ready = Promise.race([
    announced,
    exited.then(() => {
      throw new Error('The ingest load generator ended before it was ready.');
    }),
  ]);
  await ready.catch(async (error: unknown) => {
    await close();
    throw error;
  });
  return {
    async send() {
      const cpu = process.cpuUsage();
      child.stdin.end('go\n');
      const result = await exited;
      const used = process.cpuUsage(cpu);
      return {
        contributions: result.contributions,
        seconds: result.seconds,
        outcomes: new Map(Object.entries(result.outcomes)),
        batchMs: result.batchMs,
        cpuMsPerContribution: (used.user + used.system) / 1000 / Math.max(1, result.contributions),
      };
    },
    close,
  };
}

/** Takes each submitter's first body out, to send before the clock starts (thread start-up). */
export function takeWarmup(submitters: Submitter[]): Submitter[] {
  return submitters.map((s) => ({ token: s.token, bodies: s.bodies.splice(0, 1) }));
}
