/**
 * What a figure is, so that nobody mistakes a model for a measurement:
 * - `measured`: timed or counted on this machine, in this run, on the real code path;
 * - `modelled`: computed from a formula or a model of people or machines (e.g. reading speed);
 * - `simulated`: the real functions driven by generated inputs whose truth the generator decides;
 * - `in-sample`: measured on the data the method was tuned on.
 * Only `measured` figures can meet a target.
 */
export const FIGURE_KINDS = ['measured', 'modelled', 'simulated', 'in-sample'] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];

/** The baseline a figure is compared with: run beside it in the same run, or quoted from elsewhere. */
export interface FigureBaseline {
  name: string;
  value: number;
  /** `measured` in the same run (the default), `quoted` from a document, a paper or an earlier run, or `modelled` from a formula. */
  source?: 'measured' | 'quoted' | 'modelled';
}

/** Where and when a figure was produced; the runner fills it in. */
export interface FigureProvenance {
  /** `git rev-parse HEAD`, with `-dirty` when the tree had changes. */
  commit: string;
  /** ISO 8601 time the figure's benchmark started. */
  date: string;
  /** The benchmark file that produced it, e.g. `coordinator/bench/neardup.bench.ts`. */
  bench: string;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGiB: number;
    /** One-minute load average when the benchmark started: how busy the machine already was. */
    loadAverage: number;
    node: string;
  };
}

/** One figure of `bench/results.json`. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  better: 'higher' | 'lower';
  kind: FigureKind;
  baseline?: FigureBaseline;
  /** A target a benchmark names itself; `bench/targets.json` takes precedence. */
  target?: { op: '>=' | '<=' | '<' | '>'; value: number };
  /** One sentence on how the figure is produced, when its name does not say. */
  note?: string;
  provenance?: FigureProvenance;
}

/** A benchmark module exports `run`, which returns its figures. */
export type BenchRun = () => Promise<BenchFigure[]>;
