/** One figure of `bench/results.json`. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  better: 'higher' | 'lower';
  /**
   * What the value is: `measured` on real data or a real run (only these can meet a target),
   * `modelled` (a formula or policy model), `simulated` (synthetic data through real code), or
   * `in-sample` (measured on the data the code was tuned on).
   */
  kind?: 'measured' | 'modelled' | 'simulated' | 'in-sample';
  baseline?: { name: string; value: number };
  /** The target the issue names, for the report. Not part of the comparison. */
  target?: { op: '>=' | '<=' | '<' | '>'; value: number };
}

/** A benchmark module exports `run`, which returns its figures. */
export type BenchRun = () => Promise<BenchFigure[]>;
