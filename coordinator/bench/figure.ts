/** One figure of `bench/results.json`. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  better: 'higher' | 'lower';
  /**
   * How the figure was obtained: measured on this machine, modelled, simulated, or in-sample (a
   * quality figure computed on the data it was tuned on). Only measured figures can meet a target.
   */
  kind?: 'measured' | 'modelled' | 'simulated' | 'in-sample';
  baseline?: { name: string; value: number };
  /** The target the issue names, for the report. Not part of the comparison. */
  target?: { op: '>=' | '<=' | '<' | '>'; value: number };
}

/** A benchmark module exports `run`, which returns its figures. */
export type BenchRun = () => Promise<BenchFigure[]>;
