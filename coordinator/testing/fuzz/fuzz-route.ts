import fc from 'fast-check';
import { tableRowCounts } from './check-consistency.ts';
import { type FuzzCase, fuzzCaseArbitrary } from './fuzz-case.ts';
import type { FuzzWorld } from './fuzz-world.ts';
import type { RouteSpec } from './route-specs.ts';
import { sendFuzzCase } from './send-fuzz-case.ts';

/** What fuzzing one route saw. */
export interface RouteFuzzStats {
  route: string;
  /** Requests sent (cases whose URL could not be built are not counted). */
  cases: number;
  /** Answers by status. */
  statuses: Record<number, number>;
  serverErrors: number;
  /** Each distinct problem once, with the request that showed it first. */
  problems: Array<{ problem: string; example: FuzzCase }>;
}

/**
 * Fuzzes one route with `numRuns` generated requests. With `strict`, the first problem fails the
 * run, and fast-check shrinks it and reports the seed and the smallest request that shows it;
 * otherwise every problem is counted and the run goes on (the benchmark). `checkWrites` also checks
 * that a refused request (4xx) changed no table's row count.
 */
export async function fuzzRoute(
  world: FuzzWorld,
  route: { method: string; path: string; spec: RouteSpec },
  options: { numRuns: number; seed?: number; strict: boolean; checkWrites: boolean },
): Promise<RouteFuzzStats> {
  const key = `${route.method} ${route.path}`;
  const stats: RouteFuzzStats = {
    route: key,
    cases: 0,
    statuses: {},
    serverErrors: 0,
    problems: [],
  };
  const seen = new Set<string>();
  const arbitrary = await fuzzCaseArbitrary(world, route.method, route.path, route.spec);
  const property = fc.asyncProperty(arbitrary, async (fuzzCase) => {
    const before = options.checkWrites ? await tableRowCounts(world.t.db) : null;
    const answer = await sendFuzzCase(world, { key, ...route }, fuzzCase);
    if (!answer) return true;
    const problems = [...answer.problems];
    if (before && answer.status >= 400 && answer.status < 500) {
      const after = await tableRowCounts(world.t.db);
      const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
      // A session made for this request (the `disposable` credentials) is the fuzzer's own row.
      const own = fuzzCase.auth === 'disposable' || route.spec.endsSession ? ['sessions'] : [];
      const written = changed.filter((table) => !own.includes(table));
      if (written.length > 0) {
        problems.push(`a refused request (${answer.code}) wrote rows to ${written.join(', ')}`);
      }
    }
    stats.cases++;
    stats.statuses[answer.status] = (stats.statuses[answer.status] ?? 0) + 1;
    if (answer.serverError) stats.serverErrors++;
    for (const problem of problems) {
      const kind = problem.slice(0, 120);
      if (!seen.has(kind)) {
        seen.add(kind);
        stats.problems.push({ problem, example: fuzzCase });
      }
    }
    if (options.strict && problems.length > 0) throw new Error(problems.join('\n'));
    return true;
  });
  const params = {
    numRuns: options.numRuns,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  };
  if (options.strict) await fc.assert(property, params);
  else await fc.check(property, params);
  return stats;
}
