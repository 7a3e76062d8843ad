import { seededRandom } from '@plaza/test-kit/random';

/** Words every class uses: filler that carries no signal. */
const COMMON = (
  'the a of and to in is was for on that with as by at from it this be are have has not ' +
  'said year people new more time after also first two over report week local today many ' +
  'city group team plan part since while during'
).split(' ');

/** Topic words of up to four classes. */
const TOPICS = [
  'match goal coach league season players score win striker cup final stadium transfer',
  'bank rates inflation market shares profit investors economy prices budget growth trade',
  'vote election party minister parliament campaign policy senate bill coalition poll law',
  'recipe oven flour butter garlic dinner bake salad sauce kitchen chef flavor spoon',
].map((line) => line.split(' '));

/**
 * A labeled text set for pre-labeling tests and benchmarks: `count` snippets of ~`words` words,
 * each of one of `classes` topics (class `i` with probability `weights[i]`), a `signal` share of
 * their words drawn from the topic's vocabulary and the rest filler (some from other topics, so
 * no single word decides). Deterministic for a seed.
 *
 * @example
 * const items = topicTexts({ count: 200, classes: 3, seed: 1 });
 */
export function topicTexts(options: {
  count: number;
  classes: number;
  seed: number;
  words?: number;
  signal?: number;
  weights?: readonly number[];
}): Array<{ title: string; text: string; label: number }> {
  const next = seededRandom(options.seed);
  const words = options.words ?? 40;
  const signal = options.signal ?? 0.15;
  const weights = options.weights ?? Array.from({ length: options.classes }, () => 1);
  const total = weights.reduce((sum, w) => sum + w, 0);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  return Array.from({ length: options.count }, (_, n) => {
    let draw = next() * total;
    let label = 0;
    while (label < options.classes - 1 && draw >= weights[label]!) {
      draw -= weights[label]!;
      label++;
    }
    const out: string[] = [];
    for (let i = 0; i < words; i++) {
      const roll = next();
      if (roll < signal) out.push(pick(TOPICS[label]!));
      else if (roll < signal * 1.6) out.push(pick(TOPICS[Math.floor(next() * options.classes)]!));
      else out.push(pick(COMMON));
    }
    return { title: `Story ${n + 1}`, text: `${out.join(' ')}.`, label };
  });
}
