import { availableParallelism } from 'node:os';
import type { BenchFigure } from '@plaza/test-kit/bench';
import { chromiumPath } from '@plaza/test-kit/env';
import { valueRowsInChromium } from '#testing/value-rows-in-chromium.ts';
import { buildRowsTree } from '../src/attribution/rows-tree.ts';
import {
  featureLines,
  neighbourLines,
  valueLines,
} from '../src/attribution/v2/attribution-files.ts';
import { blendWeights } from '../src/attribution/v2/blend-weights.ts';
import { type ValuationRow, valueRows } from '../src/attribution/v2/value-rows.ts';
import { valueRowsDigest } from '../src/attribution/v2/values-digest.ts';
import { benchBeacon, benchParams, scenario, seeded } from './attribution-scenario.ts';

const ROWS = Number(process.env.BENCH_ATTRIBUTION_ROWS ?? 100_000);

/**
 * `ROWS` rows of real email text recombined: each row joins three windows of ~700 characters from
 * three random emails of the corpus (labelled as the first one); 2 % are validation candidates.
 */
async function bigVersion(): Promise<ValuationRow[]> {
  const { emails } = await scenario(0);
  const rand = seeded(31);
  const pick = () => emails[Math.floor(rand() * emails.length)] as (typeof emails)[number];
  return Array.from({ length: ROWS }, () => {
    const parts = [pick(), pick(), pick()];
    const text = parts
      .map((e) => {
        const start = Math.floor(rand() * Math.max(1, e.text.length - 700));
        return e.text.slice(start, start + 700);
      })
      .join('\n');
    return { text, label: parts[0]?.spam ? 'spam' : 'ham', candidate: rand() < 0.02 };
  });
}

/**
 * Rule v2 on a 100,000-row version, as a freeze runs it: features, near-copies, 1,000 validation
 * rows' neighbour lists, values, weights and the three Merkle trees. One thread (the machine's
 * cores are stated with the figure).
 */
export async function speedFigures(): Promise<BenchFigure[]> {
  const rows = await bigVersion();
  const started = performance.now();
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
  await Promise.all([
    buildRowsTree(featureLines(valuation)),
    buildRowsTree(neighbourLines(valuation)),
    buildRowsTree(valueLines(valuation, weights)),
  ]);
  const seconds = (performance.now() - started) / 1000;
  return [
    {
      name: 'attribution.seconds_100k_rows',
      value: seconds,
      unit: `s (${ROWS} rows, 1 thread of ${availableParallelism()} cores)`,
      better: 'lower',
      kind: 'measured',
      target: { op: '<=', value: 300 },
    },
  ];
}

/**
 * The same valuation (10 % of labels flipped) in Node and in Chromium from the same source,
 * bundled with esbuild: 1 when the digests of features, near-copies, lists and values agree.
 */
export async function bitExactFigures(): Promise<BenchFigure[]> {
  const s = await scenario(0.1);
  const node = valueRowsDigest(s.rows, benchBeacon, benchParams);
  const chromium = await valueRowsInChromium(s.rows, benchBeacon, benchParams, chromiumPath());
  return [
    {
      name: 'attribution.bit_exact',
      value: chromium.digest === node ? 1 : 0,
      unit: `digest equal (Node ${process.versions.node} vs Chromium ${chromium.browser})`,
      better: 'higher',
      kind: 'measured',
      target: { op: '>=', value: 1 },
    },
  ];
}
