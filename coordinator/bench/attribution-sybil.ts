import type { BenchFigure } from '@plaza/test-kit/bench';
import { blendWeights } from '../src/attribution/v2/blend-weights.ts';
import { type ValuationRow, valueRows } from '../src/attribution/v2/value-rows.ts';
import { benchBeacon, benchParams, scenario, seeded } from './attribution-scenario.ts';

/** Rows with who owns them (the attacker or not). */
interface Owned extends ValuationRow {
  attacker: boolean;
}

/** The attacker's part of the version's weight (shares follow it), every row of quality 0.8. */
function attackerShare(rows: readonly Owned[]): { share: number; values: number[] } {
  const valuation = valueRows(rows, benchBeacon, benchParams);
  const weights = blendWeights(
    rows.map((_, i) => ({
      quality: 0.8,
      tokens: valuation.features.tokens[i] as number,
      value: valuation.values[i] as number,
      nearCopy: valuation.nearCopies[i] !== null,
    })),
    benchParams.valueWeight,
  );
  const total = weights.reduce((a, b) => a + b, 0n);
  const mine = weights.reduce((a, w, i) => (rows[i]?.attacker ? a + w : a), 0n);
  return { share: Number((mine * 1_000_000_000n) / total) / 1e9, values: valuation.values };
}

/** A re-upload with a light edit (a few words appended), as an attacker dodging exact dedup would. */
const edited = (row: ValuationRow, k: number): ValuationRow => ({
  ...row,
  text: `${row.text}\n(sent again, copy ${k})`,
  candidate: false,
});

/** The text cut into `n` parts at whitespace, each keeping the row's label. */
function split(row: ValuationRow, n: number): ValuationRow[] {
  const words = row.text.split(/(\s+)/);
  const size = Math.ceil(words.length / n);
  return Array.from({ length: n }, (_, p) => ({
    ...row,
    text: words.slice(p * size, (p + 1) * size).join(''),
    candidate: false,
  }));
}

/**
 * Sybil attacks on a clean version of the corpus: an attacker owns a random 2 % of the rows and
 * (a) uploads each again 5 times, lightly edited; (b) splits each into 3 rows; (c) uploads
 * edited copies of the 50 top-valued honest rows. Figure: the attacker's share after / before.
 */
export async function sybilFigures(): Promise<BenchFigure[]> {
  const s = await scenario(0, 7);
  const rand = seeded(2024);
  const base: Owned[] = s.rows.map((row) => ({ ...row, attacker: rand() < 0.02 }));
  const before = attackerShare(base);
  const copies = [
    ...base,
    ...base
      .filter((r) => r.attacker)
      .flatMap((r) => [1, 2, 3, 4, 5].map((k) => ({ ...edited(r, k), attacker: true }))),
  ];
  const splits = base.flatMap((r) =>
    r.attacker ? split(r, 3).map((p) => ({ ...p, attacker: true })) : [r],
  );
  const top = base
    .map((_, i) => i)
    .filter((i) => !base[i]?.attacker)
    .sort((a, b) => (before.values[b] as number) - (before.values[a] as number) || a - b)
    .slice(0, 50);
  const copyTop = [
    ...base,
    ...top.map((i) => ({ ...edited(base[i] as Owned, 1), attacker: true })),
  ];
  const figure = (name: string, after: number): BenchFigure => ({
    name: `attribution.sybil_gain_${name}`,
    value: after / before.share,
    unit: 'ratio',
    better: 'lower',
    kind: 'measured',
    baseline: { name: 'attribution.sybil_share_before', value: before.share },
    target: { op: '<=', value: 1 },
  });
  return [
    {
      name: 'attribution.sybil_share_before',
      value: before.share,
      unit: 'share',
      better: 'lower',
      kind: 'measured',
    },
    figure('copies5', attackerShare(copies).share),
    figure('split3', attackerShare(splits).share),
    figure('copy_top50', attackerShare(copyTop).share),
  ];
}
