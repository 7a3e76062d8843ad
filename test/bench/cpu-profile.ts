import type { Profiler, Runtime } from 'node:inspector';
import { Session } from 'node:inspector/promises';

/** Where the sampled CPU time of a profiled run went. */
export interface CpuBreakdown {
  /** Share of the busy (non-idle) samples per category, largest first. */
  shares: Map<string, number>;
  /** Busy milliseconds per category. */
  ms: Map<string, number>;
  /** The functions with the most self time in each category, largest first (up to 5). */
  top: Map<string, { name: string; ms: number }[]>;
  /** A printable table of both. */
  table: string;
  profile: Profiler.Profile;
}

/**
 * Runs `work` under V8's sampling profiler (the same one `node --cpu-prof` uses, but only for
 * this span) and sorts the samples of this thread into categories with {@link breakdownCpuProfile}.
 */
export async function profileCpu(
  work: () => Promise<unknown>,
  samplingIntervalUs = 500,
): Promise<CpuBreakdown> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: samplingIntervalUs });
    await session.post('Profiler.start');
    let profile: Profiler.Profile;
    try {
      await work();
    } finally {
      ({ profile } = await session.post('Profiler.stop'));
    }
    return breakdownCpuProfile(profile);
  } finally {
    session.disconnect();
  }
}

/** A category by the frame's own script, or null to inherit the caller's. */
function ownCategory(frame: Runtime.CallFrame): string | null {
  const { url, functionName } = frame;
  if (functionName === '(garbage collector)') return 'gc';
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(program)') return 'vm_other';
  if (url.includes('/@noble/curves/')) return 'secp256k1';
  if (url.includes('/@noble/hashes/')) return 'keccak';
  if (url.includes('/coordinator/src/dedup/')) return 'minhash_normalize';
  if (url.includes('/coordinator/src/quality/') || url.includes('fasttext')) return 'quality';
  if (url.includes('@electric-sql/pglite') || url.includes('/drizzle-orm/')) return 'sql';
  if (url.includes('/postgres/src/') || url.includes('/postgres@')) return 'sql';
  if (url.includes('/zod/')) return 'zod_validation';
  if (url.includes('/viem/')) return 'eip712_encoding';
  if (url.includes('/hono/') || url.includes('@hono/node-server') || url.includes('undici')) {
    return 'http';
  }
  if (url.includes('/coordinator/src/')) return 'coordinator_other';
  if (url.includes('/coordinator/protocol/src/')) return 'protocol_other';
  if (url.includes('/test/')) return 'bench_client';
  return null;
}

/**
 * Sorts a V8 CPU profile's samples into categories: each frame gets the category of its own
 * script (noble curves → `secp256k1`, noble hashes → `keccak`, the coordinator's dedup → minhash,
 * its quality rules and fastText → `quality`, PGlite, drizzle and postgres.js → `sql`, …) or,
 * for natives, Node's own modules, wasm and unknown scripts, its caller's (socket writes of
 * postgres.js count as `sql`, of the HTTP server as `http`; what no library called, such as the
 * event loop and stream callbacks, is `node_runtime`). Keccak is split by who called it: text and
 * links hashes (`keccak_text`), the curve's own hashing (counted as `secp256k1`), or EIP-712 struct
 * hashing (`keccak_eip712`); secp256k1 by recovery (`secp256k1_recover`) or signing.
 */
export function breakdownCpuProfile(profile: Profiler.Profile): CpuBreakdown {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const category = new Map<number, string>();
  const root = profile.nodes[0]!;
  const stack: { id: number; inherited: string; markers: string }[] = [
    { id: root.id, inherited: 'node_runtime', markers: '' },
  ];
  while (stack.length > 0) {
    const { id, inherited, markers } = stack.pop()!;
    const node = byId.get(id)!;
    const name = node.callFrame.functionName;
    let own = ownCategory(node.callFrame) ?? inherited;
    let nextMarkers = markers;
    if (/^hash(Text|Links)$/.test(name)) nextMarkers += 'T';
    if (/recover/i.test(name)) nextMarkers += 'R';
    if (/^sign(TypedData|Message)?$/.test(name)) nextMarkers += 'S';
    if (own === 'keccak') {
      if (inherited.startsWith('secp256k1')) own = inherited;
      else if (nextMarkers.includes('T')) own = 'keccak_text';
      else own = 'keccak_eip712';
    }
    if (own === 'secp256k1') {
      const last = nextMarkers.replace(/T/g, '').at(-1);
      own = last === 'R' ? 'secp256k1_recover' : last === 'S' ? 'secp256k1_sign' : 'secp256k1';
    }
    category.set(id, own);
    for (const child of node.children ?? []) {
      stack.push({ id: child, inherited: own, markers: nextMarkers });
    }
  }

  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const ms = new Map<string, number>();
  const byFunction = new Map<string, Map<string, number>>();
  for (let i = 0; i < samples.length; i++) {
    const key = category.get(samples[i]!) ?? 'other';
    // timeDeltas[i + 1] is the time until the next sample: the time spent in sample i.
    const spent = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
    ms.set(key, (ms.get(key) ?? 0) + spent);
    const frame = byId.get(samples[i]!)!.callFrame;
    const name = `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}`.trim();
    const functions = byFunction.get(key) ?? new Map<string, number>();
    functions.set(name, (functions.get(name) ?? 0) + spent);
    byFunction.set(key, functions);
  }
  ms.delete('idle');
  const busy = [...ms.values()].reduce((a, b) => a + b, 0);
  const sorted = [...ms.entries()].sort((a, b) => b[1] - a[1]);
  const shares = new Map(sorted.map(([key, value]) => [key, busy > 0 ? value / busy : 0]));
  const top = new Map(
    sorted.map(([key]) => [
      key,
      [...(byFunction.get(key) ?? new Map<string, number>())]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([name, value]) => ({ name, ms: value })),
    ]),
  );
  const width = Math.max(8, ...sorted.map(([key]) => key.length));
  const table = [
    `  ${'category'.padEnd(width)}  ${'busy ms'.padStart(9)}  share`,
    ...sorted.map(
      ([key, value]) =>
        `  ${key.padEnd(width)}  ${value.toFixed(0).padStart(9)}  ${((value / busy) * 100).toFixed(1).padStart(5)} %` +
        `   ${(top.get(key) ?? [])
          .slice(0, 3)
          .map((f) => `${f.name} ${f.ms.toFixed(0)}`)
          .join('; ')}`,
    ),
    `  ${'total busy'.padEnd(width)}  ${busy.toFixed(0).padStart(9)}`,
  ].join('\n');
  return { shares, ms: new Map(sorted), top, table, profile };
}

/** The package and file of a script URL, without the store path. */
function shortUrl(url: string): string {
  if (url === '') return '';
  const tail = url.replace(/^.*\/node_modules\//, '').replace(/^file:\/\/.*\/work\/main\//, '');
  return `(${tail.length > 60 ? `…${tail.slice(-59)}` : tail})`;
}
