import { seededRandom } from '@plaza/test-kit/random';
import { type FixtureResponse, html } from './fixture-internet.ts';

/** The kinds of low-quality page a crawl meets. */
export const SPAM_KINDS = ['stuffing', 'boilerplate', 'short'] as const;
export type SpamKind = (typeof SPAM_KINDS)[number];

const products = (
  'watches|sneakers|phones|loans|pills|casino|crypto|tickets|perfume|handbags|laptops|' +
  'headphones|vitamins|insurance|hosting|followers|diplomas|jackets|sunglasses|tablets'
).split('|');
const adjectives = 'cheap|best|discount|free|top|premium|wholesale|genuine|fast|instant'.split('|');
const places = 'london|paris|berlin|madrid|rome|oslo|vienna|dublin|lisbon|prague'.split('|');

/**
 * The text of a low-quality page, different for every seed (so no two are exact duplicates):
 * - `stuffing`: keyword stuffing, the same few phrases repeated with no prose around them;
 * - `boilerplate`: navigation, cookie and legal lines and placeholder "lorem ipsum" copy;
 * - `short`: a page with almost nothing on it ("coming soon").
 * Each fails the Gopher, C4 or FineWeb rules that decide whether a text is a document at all.
 */
export function spamText(kind: SpamKind, seed: number): { title: string; text: string } {
  const random = seededRandom(seed * 7919 + 13);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const product = `${products[seed % products.length]!}`;
  const other = pick(products.filter((p) => p !== product));
  const place = pick(places);
  switch (kind) {
    case 'stuffing': {
      const phrases = [
        `${pick(adjectives)} ${product}`,
        `buy ${product} ${place}`,
        `${product} ${pick(adjectives)} ${other}`,
        `${product} online ${seed}`,
        `order ${product} now`,
      ];
      const words: string[] = [];
      for (let i = 0; i < 90; i++) words.push(pick(phrases));
      return {
        title: `${product} ${product} ${product} ${seed}`,
        text: [0, 1, 2, 3].map((p) => words.slice(p * 22, p * 22 + 22).join(' ')).join('\n\n'),
      };
    }
    case 'boilerplate': {
      const lines = [
        'Home | About us | Contact | Shop | Blog',
        `Accept all cookies ${seed}`,
        'Lorem ipsum dolor sit amet, consectetur adipiscing elit.',
        `Sed do eiusmod tempor ${pick(places)} incididunt ut labore.`,
        'Privacy policy',
        'Terms of use',
        `© ${2000 + (seed % 25)} ${other} ltd`,
        'Subscribe',
        'Log in',
        'Lorem ipsum dolor sit amet.',
        `Item ${seed} ${product}`,
        'Read more',
      ];
      return { title: `${product} | page ${seed}`, text: lines.join('\n\n') };
    }
    case 'short':
      return {
        title: `${product} ${seed}`,
        text: `Coming soon: ${product} in ${place}, page ${seed}.`,
      };
  }
}

/** A low-quality page as a spam site serves it: the text in a bare page with a nav bar. */
export function spamPage(kind: SpamKind, seed: number): FixtureResponse {
  const { title, text } = spamText(kind, seed);
  const body = text
    .split('\n\n')
    .map((p) => `<p>${p}</p>`)
    .join('\n');
  return html(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body><nav><a href="/">Home</a></nav>
<main><h1>${title}</h1>
${body}
</main></body></html>`);
}
