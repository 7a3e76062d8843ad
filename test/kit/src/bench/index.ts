export type {
  BenchFigure,
  BenchRun,
  FigureBaseline,
  FigureKind,
  FigureProvenance,
} from './figure.ts';
export { FIGURE_KINDS } from './figure.ts';
export { percentile } from './percentile.ts';
export { currentCommit, provenanceNow } from './provenance.ts';
export { type BenchFailure, benchMain, type PackageResults, runBenches } from './run-benches.ts';
