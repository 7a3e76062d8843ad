/** Deterministic synthetic text for the benchmarks: a vocabulary and documents. */

const SYLLABLES = [
  'ba',
  'ce',
  'di',
  'fo',
  'gu',
  'ha',
  'je',
  'ki',
  'lo',
  'mu',
  'na',
  'pe',
  'qui',
  'ro',
  'su',
  'ta',
  've',
  'wi',
  'xo',
  'yu',
  'za',
  'an',
  'el',
  'in',
  'or',
  'us',
  'th',
  'st',
  'er',
  'ing',
];

/** `size` distinct pseudo-words of 1–4 syllables. */
export function createVocabulary(size: number, random: () => number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const syllables = 1 + Math.floor(random() * 4);
    let word = '';
    for (let i = 0; i < syllables; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    words.add(word);
  }
  return [...words];
}

/** Draws words with a Zipf-like distribution (rank^-1), as natural text does. */
export function createWordSampler(
  vocabulary: readonly string[],
  random: () => number,
): () => string {
  const cumulative = new Float64Array(vocabulary.length);
  let total = 0;
  for (let i = 0; i < vocabulary.length; i++) {
    total += 1 / (i + 1);
    cumulative[i] = total;
  }
  return () => {
    const target = random() * total;
    let low = 0;
    let high = vocabulary.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! < target) low = mid + 1;
      else high = mid;
    }
    return vocabulary[low]!;
  };
}

/** A document of `min`–`max` words. */
export function createDocument(
  sample: () => string,
  random: () => number,
  min: number,
  max: number,
): string[] {
  const length = min + Math.floor(random() * (max - min + 1));
  return Array.from({ length }, sample);
}
