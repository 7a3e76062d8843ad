import { seededRandom } from '@plaza/test-kit/random';

const nouns =
  'harbour village council river library market bridge school festival garden museum station farmer teacher reporter mayor doctor baker artist engineer student neighbour family visitor company factory hospital road island forest mountain valley lake season winter summer autumn spring morning evening budget plan survey report record archive letter journey meeting decision project street window kitchen orchard vineyard lighthouse ferry tram castle chapel theatre concert painting map clock tower square fountain harvest storm flood drought election museum quarter workshop gallery stadium boat canal meadow'.split(
    ' ',
  );
const adjectives =
  'old new quiet busy small large ancient modern careful famous local distant narrow wide bright dark early late heavy light patient curious generous stubborn cheerful serious gentle rough strange familiar hidden open crowded empty golden rainy windy frozen warm'.split(
    ' ',
  );
const verbs =
  'described visited repaired studied opened closed painted measured crossed watched rebuilt explained questioned celebrated reviewed protected discovered planned organised remembered welcomed followed finished started improved changed supported collected shared recorded'.split(
    ' ',
  );
const adverbs =
  'slowly quickly carefully quietly happily finally suddenly eventually recently openly gladly barely nearly clearly'.split(
    ' ',
  );
const connectors = ['because', 'although', 'while', 'after', 'before', 'since', 'when', 'until'];
const openers = [
  'Last week',
  'In the end',
  'For many years',
  'According to the report',
  'Early on',
  'By the afternoon',
  'Later that month',
  'At first',
  'Even so',
  'In recent days',
];

/**
 * A readable English article of about `words` words built from a seed: passes the quality rules,
 * and two different seeds share few 5-word shingles.
 */
export function generateArticle(seed: number, words = 600): string {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const phrase = () => `the ${pick(adjectives)} ${pick(nouns)}`;
  const clause = () => `${phrase()} ${pick(verbs)} ${phrase()}`;
  const sentence = () => {
    const form = Math.floor(random() * 4);
    if (form === 0) return `${pick(openers)}, ${clause()} ${pick(adverbs)}.`;
    if (form === 1) return `${capitalize(clause())} ${pick(connectors)} ${clause()}.`;
    if (form === 2)
      return `${capitalize(clause())} with ${phrase()} and ${Math.floor(random() * 900 + 100)} people.`;
    return `${capitalize(phrase())} was ${pick(verbs)} ${pick(adverbs)} near ${phrase()}.`;
  };
  const paragraphs: string[] = [];
  let count = 0;
  while (count < words) {
    const sentences: string[] = [];
    const n = 3 + Math.floor(random() * 4);
    for (let i = 0; i < n; i++) {
      const s = sentence();
      sentences.push(s);
      count += s.split(' ').length;
    }
    paragraphs.push(sentences.join(' '));
  }
  return paragraphs.join('\n\n');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
