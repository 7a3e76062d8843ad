/** One figure of `bench/results.json`. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  better: 'higher' | 'lower';
  baseline?: { name: string; value: number };
  /**
   * How the value was obtained: `measured` (timed on this machine), `modelled`, `simulated` or
   * `in-sample`. Only measured figures can meet a target.
   */
  kind?: 'measured' | 'modelled' | 'simulated' | 'in-sample';
  /** The target the issue names, for the report. Not part of the comparison. */
  target?: { op: '>=' | '<=' | '<' | '>'; value: number };
}

/** A benchmark module exports `run`, which returns its figures. */
export type BenchRun = () => Promise<BenchFigure[]>;
