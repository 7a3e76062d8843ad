import { request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

/** What `security.bench.ts` asks of this thread. */
export interface SecurityLoadConfig {
  url: string;
  /** Health probes without hostile load (the baseline). */
  idleProbes: number;
  /** Health probes under hostile load. */
  hostileProbes: number;
  /** Hostile clients at once; each sends one body after the other until the probes are done. */
  attackers: number;
  /** Size of each hostile body, bytes. */
  bodyBytes: number;
  /** Pause between two health probes, ms. */
  probeGapMs: number;
}

/** What the thread measured. */
export interface SecurityLoadResult {
  idleMs: number[];
  hostileMs: number[];
  /** Answers to the hostile bodies, by status (0: the connection failed before any answer). */
  hostileStatuses: Record<number, number>;
  /** Hostile bodies answered. */
  hostileBodies: number;
  hostileElapsedMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function healthz(url: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(`${url}/healthz`, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`/healthz answered ${res.statusCode}`));
        else resolve(performance.now() - started);
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Sends one body to the unauthenticated device registration; resolves with the status. */
function sendHostile(url: string, body: Buffer): Promise<number> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (status: number) => {
      if (!settled) resolve(status);
      settled = true;
    };
    const req = request(
      `${url}/v1/devices`,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': body.byteLength },
      },
      (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode ?? 0));
        res.on('error', () => done(res.statusCode ?? 0));
      },
    );
    // The server may answer and close before the whole body is written: that is the point.
    req.on('error', () => done(0));
    req.end(body);
  });
}

/**
 * The load of `security.bench.ts`, on its own thread so its own work (writing 8 MB bodies,
 * timing) never waits on the server's event loop: first `idleProbes` health probes one after the
 * other, then `hostileProbes` more while `attackers` clients each send hostile bodies (an 8 MB
 * JSON array of small numbers) one after the other, from before the first probe to the last.
 */
async function main(config: SecurityLoadConfig): Promise<SecurityLoadResult> {
  const idleMs: number[] = [];
  for (let i = 0; i < config.idleProbes; i++) {
    idleMs.push(await healthz(config.url));
    await sleep(config.probeGapMs);
  }
  const count = Math.floor((config.bodyBytes - 2) / 2);
  const body = Buffer.from(`[${'1,'.repeat(count - 1)}1]`);
  const hostileStatuses: Record<number, number> = {};
  let hostileBodies = 0;
  let probing = true;
  const started = performance.now();
  const attacks = Promise.all(
    Array.from({ length: config.attackers }, async () => {
      while (probing) {
        const status = await sendHostile(config.url, body);
        hostileStatuses[status] = (hostileStatuses[status] ?? 0) + 1;
        hostileBodies++;
      }
    }),
  );
  const hostileMs: number[] = [];
  try {
    for (let i = 0; i < config.hostileProbes; i++) {
      hostileMs.push(await healthz(config.url));
      await sleep(config.probeGapMs);
    }
  } finally {
    probing = false;
  }
  await attacks;
  return {
    idleMs,
    hostileMs,
    hostileStatuses,
    hostileBodies,
    hostileElapsedMs: performance.now() - started,
  };
}

if (parentPort) {
  const port = parentPort;
  main(workerData as SecurityLoadConfig).then(
    (result) => port.postMessage({ type: 'result', result }),
    (error: unknown) => port.postMessage({ type: 'error', message: String(error) }),
  );
}
