/**
 * One figure of `bench/results.json`. A copy of the coordinator's `bench/figure.ts` (the test
 * package imports no coordinator internals); keep the two in step.
 */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  better: 'higher' | 'lower';
  baseline?: { name: string; value: number };
  /** The target the issue names, for the report. Not part of the comparison. */
  target?: { op: '>=' | '<=' | '<' | '>'; value: number };
}

/** A benchmark module exports `run`, which returns its figures. */
export type BenchRun = () => Promise<BenchFigure[]>;
