import { seededRandom } from '@plaza/test-kit/random';

/** Words every topic uses: filler that carries no signal. */
const COMMON = (
  'the a of and to in is was for on that with as by at from it this be are have has not ' +
  'said year people new more time after also first two over report week local today many'
).split(' ');

/** The topics' own words (class 0, 1, 2). */
const TOPICS = [
  'match goal coach league season players score win striker cup final stadium transfer',
  'bank rates inflation market shares profit investors economy prices budget growth trade',
  'vote election party minister parliament campaign policy senate bill coalition poll law',
].map((line) => line.split(' '));

/** The class names of {@link topicSnippets}. */
export const TOPIC_CLASSES = ['sport', 'business', 'politics'];

/**
 * Deterministic labeled snippets of ~`words` words for pre-labeling specs and benchmarks: each of
 * one of three topics, a `signal` share of its words from the topic's vocabulary, some from
 * another topic, the rest filler. A text classifier can learn them; no single word decides.
 */
export function topicSnippets(options: {
  count: number;
  seed: number;
  words?: number;
  signal?: number;
}): Array<{ title: string; text: string; label: number }> {
  const next = seededRandom(options.seed);
  const words = options.words ?? 50;
  const signal = options.signal ?? 0.15;
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  return Array.from({ length: options.count }, (_, n) => {
    const label = Math.floor(next() * TOPICS.length);
    const out: string[] = [];
    for (let i = 0; i < words; i++) {
      const roll = next();
      if (roll < signal) out.push(pick(TOPICS[label]!));
      else if (roll < signal * 1.6) out.push(pick(pick(TOPICS)));
      else out.push(pick(COMMON));
    }
    return { title: `Report ${n + 1}`, text: `${out.join(' ')}.`, label };
  });
}
