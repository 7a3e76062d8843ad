/**
 * One figure of `bench/results.json`. A copy of the coordinator's `bench/figure.ts` (the test
 * package imports no coordinator internals); keep the two in step.
 */
export interface BenchFigure {
  name: string;
  /** How the value was obtained; only `measured` figures can meet a target. */
  kind?: 'measured' | 'modelled' | 'simulated' | 'in-sample';
  value: number;
  unit: string;
  better: 'higher' | 'lower';
  baseline?: { name: string; value: number };
  /** The target the issue names, for the report. Not part of the comparison. */
  target?: { op: '>=' | '<=' | '<' | '>'; value: number };
}

/** A benchmark module exports `run`, which returns its figures. */
export type BenchRun = () => Promise<BenchFigure[]>;
