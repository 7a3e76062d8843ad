/** A figure of bench/results.json. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  better: 'higher' | 'lower';
  baseline?: { name: string; value: number };
  /** The target a benchmark wrote beside its figure (bench/targets.json takes precedence). */
  target?: { op: '<' | '<=' | '>=' | '>'; value: number };
}

/** A target of bench/targets.json. */
export interface Target {
  op: '<' | '<=' | '>=' | '>';
  target?: number;
  ratio?: number;
  baseline?: boolean;
  source?: string;
}

export function judge(figure: Figure, target: Target): 'met' | 'missed' | 'unknown';
export function format(value: number): string;
export function renderReport(
  figures: Figure[],
  targets: Record<string, Target>,
  options?: { generatedAt?: string },
): string;
