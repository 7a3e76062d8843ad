import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConsistency } from '#testing/fuzz/check-consistency.ts';
import { fuzzRoute } from '#testing/fuzz/fuzz-route.ts';
import { createFuzzWorld, type FuzzWorld } from '#testing/fuzz/fuzz-world.ts';
import { routeSpecs, servedRoutes } from '#testing/fuzz/route-specs.ts';

/** Cases per route: few here, 10,000 in the benchmark (`bench/fuzz.bench.ts`). */
const CASES = Number(process.env.PLAZA_FUZZ_CASES ?? 30);
/** Fixed, so a run is repeatable; fast-check prints the seed and the shrunk request on failure. */
const SEED = Number(process.env.PLAZA_FUZZ_SEED ?? 20_260_301);

describe('fuzzing every API route (fast-check)', () => {
  let world: FuzzWorld;
  beforeAll(async () => {
    world = await createFuzzWorld();
  }, 180_000);
  afterAll(() => world?.close());

  it('has a fuzz spec for every route the app serves, and none for routes it does not', () => {
    const served = servedRoutes(world.app).sort();
    expect(served.length).toBeGreaterThan(40);
    expect(served).toEqual(Object.keys(routeSpecs).sort());
  });

  it('starts from bodies the protocol accepts', async () => {
    for (const [key, spec] of Object.entries(routeSpecs)) {
      if (!spec.schema) continue;
      const [first] = (await spec.bodies?.(world)) ?? [];
      const parsed = spec.schema.safeParse(first);
      expect(parsed.success, `${key}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
  });

  it('starts from a sound database', async () => {
    expect(await checkConsistency(world.t.db)).toEqual([]);
  });

  it.each(Object.keys(routeSpecs).map((key, index) => [key, index] as const))(
    '%s: no 5xx, every refusal is a coded JSON error that wrote nothing',
    async (key, index) => {
      const [method, path] = key.split(' ') as [string, string];
      const stats = await fuzzRoute(
        world,
        { method, path, spec: routeSpecs[key]! },
        { numRuns: CASES, seed: SEED + index, strict: true, checkWrites: true },
      );
      expect(stats.serverErrors).toBe(0);
      expect(stats.cases).toBeGreaterThan(CASES / 2);
    },
    120_000,
  );

  it('is still up and its database still consistent after the run', async () => {
    const health = await world.app.request('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    expect(await checkConsistency(world.t.db)).toEqual([]);
  });
});
