/**
 * Runs for the property-based suites. CI keeps them small so the suite stays fast; set
 * `PLAZA_FUZZ_RUNS` (e.g. 256) for a deeper local run.
 */
export function fuzzRuns(ciDefault: number): number {
  const fromEnv = Number(process.env.PLAZA_FUZZ_RUNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : ciDefault;
}
