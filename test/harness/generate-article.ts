import { seededRandom } from '@plaza/test-kit/random';

const subjects = (
  'the council|the museum|a local farmer|the harbour master|our reporter|the new library|' +
  'the regional bank|a young engineer|the school board|the orchestra|the ferry company|' +
  'a group of students|the night nurse|the city planner|the village baker|the old miller|' +
  'the football club|the weather service|a retired teacher|the market traders|the mayor|' +
  'the railway workers|the science centre|the river authority|a visiting professor|' +
  'the hospital staff|the fishing crew|the parish choir|the bookshop owner|the film society'
).split('|');
const verbs = (
  'described|repaired|studied|opened|painted|measured|crossed|rebuilt|questioned|celebrated|' +
  'reviewed|protected|discovered|planned|organised|remembered|welcomed|followed|finished|' +
  'improved|supported|collected|recorded|inspected|restored|mapped|funded|delayed|announced|' +
  'photographed|cleaned|widened|closed|rented|sold|borrowed|explained|visited|tested|compared'
).split('|');
const objects = (
  'the stone bridge|the eastern pier|a small garden|the clock tower|the winter schedule|' +
  'the flood barrier|an old map of the valley|the station roof|the summer festival|' +
  'a new cycling route|the public archive|the village square|the lighthouse lamp|' +
  'the apple orchard|the concert hall|a forgotten chapel|the school kitchen|the canal locks|' +
  'the harvest budget|the mountain road|the island ferry|the tram depot|the north meadow|' +
  'a painting of the coast|the fire station|the castle walls|the marsh boardwalk|the water mill'
).split('|');
const adverbs = (
  'slowly|carefully|quietly|eventually|recently|openly|gladly|patiently|briefly|thoroughly|' +
  'suddenly|cautiously|proudly|reluctantly|swiftly'
).split('|');
const reasons = (
  'because the spring rains came early|after a long public debate|before the tourists arrived|' +
  'while the roads were closed|since nobody else had offered|although the money ran short|' +
  'when the old plans were found|until the repairs were done|as the season turned colder|' +
  'once the volunteers had signed up|so that the children could use it|even though it was late'
).split('|');
const openers = (
  'Last week|In the end|For many years|According to the minutes|Early on Tuesday|' +
  'By the afternoon|Later that month|At first|Even so|In recent days|On Saturday morning|' +
  'Despite the wind|Shortly after noon|Over the winter'
).split('|');
const topics = (
  'harbour|market|railway|orchard|library|festival|river|school|bridge|museum|ferry|garden|' +
  'theatre|canal|forest|island|valley|village|tower|mill'
).split('|');

/** A generated article: a short title and paragraphs of plain English prose. */
export interface GeneratedArticle {
  title: string;
  text: string;
}

/** Options of {@link generateArticle}. */
export interface GenerateArticleOptions {
  /**
   * Length of the text in characters, roughly (the last sentence ends past it).
   * @default 4000
   */
  chars?: number;
}

/**
 * A readable English article built from a seed: it passes the usual quality rules (stop words,
 * sentences, mean word length), and two different seeds share very few 5-word shingles, so they
 * are never near-duplicates of each other. The same seed always gives the same article.
 *
 * @example
 * const { title, text } = generateArticle(7, { chars: 4000 });
 */
export function generateArticle(
  seed: number,
  options: GenerateArticleOptions = {},
): GeneratedArticle {
  const chars = options.chars ?? 4000;
  const random = seededRandom(seed * 2654435761);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const count = () => 2 + Math.floor(random() * 900);
  const sentence = (): string => {
    switch (Math.floor(random() * 6)) {
      case 0:
        return `${pick(openers)}, ${pick(subjects)} ${pick(verbs)} ${pick(objects)} ${pick(adverbs)}.`;
      case 1:
        return `${capitalize(pick(subjects))} ${pick(verbs)} ${pick(objects)} ${pick(reasons)}.`;
      case 2:
        return `${capitalize(pick(subjects))} and ${pick(subjects)} ${pick(verbs)} ${pick(objects)} with ${count()} volunteers.`;
      case 3:
        return `${capitalize(pick(objects))} was ${pick(verbs)} ${pick(adverbs)} by ${pick(subjects)}, ${pick(reasons)}.`;
      case 4:
        return `"We have ${pick(verbs)} ${pick(objects)} ${pick(adverbs)}," said ${pick(subjects)}.`;
      default:
        return `It is not clear whether ${pick(subjects)} ${pick(verbs)} ${pick(objects)} ${pick(reasons)}.`;
    }
  };
  const paragraphs: string[] = [];
  let length = 0;
  while (length < chars) {
    const sentences: string[] = [];
    const n = 3 + Math.floor(random() * 4);
    for (let i = 0; i < n && length < chars; i++) {
      const s = sentence();
      sentences.push(s);
      length += s.length + 1;
    }
    paragraphs.push(sentences.join(' '));
    length += 1;
  }
  const title = `${capitalize(pick(topics))} news ${seed}: ${pick(subjects)} ${pick(verbs)} ${pick(objects)}`;
  return { title, text: paragraphs.join('\n\n') };
}

/**
 * A near-duplicate of `text` whose 5-word-shingle Jaccard similarity to it is about `jaccard`: as
 * a page that was lightly edited or carries a different byline. It replaces k words, at least five
 * words apart so each edit changes exactly the five shingles that contain it, with k chosen so that
 * (n − 5k) / (n + 5k) ≈ `jaccard` for n shingles. At least one word changes.
 *
 * @example
 * const edited = nearDuplicateOf(text, 1, 0.9);
 */
export function nearDuplicateOf(text: string, seed: number, jaccard = 0.92): string {
  if (!(jaccard > 0 && jaccard < 1)) throw new RangeError(`jaccard ${jaccard} is not in (0, 1).`);
  const random = seededRandom(seed * 40503 + 17);
  const words = text.split(' ');
  const shingles = Math.max(1, words.length - 4);
  const edits = Math.max(
    1,
    Math.min(
      Math.floor(words.length / 5),
      Math.round((shingles * (1 - jaccard)) / (5 * (1 + jaccard))),
    ),
  );
  const span = words.length / edits;
  for (let e = 0; e < edits; e++) {
    // One edit per span, kept off the span's last 5 words so consecutive edits stay 5 apart.
    const start = Math.floor(e * span);
    const room = Math.max(1, Math.floor(span) - 5);
    const i = Math.min(words.length - 1, start + Math.floor(random() * room));
    const word = words[i]!;
    const match = /^([A-Za-z]*)(.*)$/s.exec(word)!;
    let replacement = topics[Math.floor(random() * topics.length)]!;
    if (replacement === match[1]!.toLowerCase()) replacement = `${replacement}s`;
    words[i] = `${replacement}${match[2]}`;
  }
  return words.join(' ');
}

/**
 * The same content as `text` in a different layout: other case, extra spaces and blank lines.
 * Normalization (case, punctuation and whitespace folded) makes it an exact duplicate.
 */
export function reformatArticle(text: string): string {
  return text
    .split('\n\n')
    .map((paragraph, i) => (i === 0 ? paragraph.toUpperCase() : paragraph.replaceAll('. ', '.  ')))
    .join('\n\n\n');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
