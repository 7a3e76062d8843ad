import type { BenchFailure, BenchFigure } from '@plaza/test-kit/bench';

/** A figure of bench/results.json. */
export type Figure = BenchFigure;

/** A target of bench/targets.json. */
export interface Target {
  op: '<' | '<=' | '>=' | '>';
  target?: number;
  ratio?: number;
  baseline?: boolean;
  source?: string;
}

export function judge(figure: Figure, target: Target): 'met' | 'missed' | 'unknown' | 'not judged';
export function format(value: number): string;
export function renderReport(
  figures: Figure[],
  targets: Record<string, Target>,
  options?: { generatedAt?: string; failures?: BenchFailure[] },
): string;
