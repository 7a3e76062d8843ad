import { normalizePercentEncoding } from './percent-encoding.ts';

type Token =
  | { kind: 'literal'; text: string }
  | { kind: 'star' } // `*`: any run of characters without '/'
  | { kind: 'globstar' } // `**`: any run of characters
  | { kind: 'slash-globstar-slash' }; // `/**/`: '/' or '/…/'

/**
 * Compiles a URL glob into a matcher over whole strings (anchored at both ends):
 * - `*` matches any run of characters within one path segment (never `/`);
 * - `**` matches any run of characters, `/` included; `/**\/` also matches a single `/`, so
 *   `https://x.com/a/**\/b` matches `https://x.com/a/b` and `https://x.com/a/1/2/b`;
 * - everything else, `?` included, is literal (in URLs `?` starts the query).
 *
 * The pattern's percent-encoding is normalized like the URLs it is matched against
 * (`%7e` → `~`, non-ASCII as UTF-8 escapes). Matching is dynamic programming over pattern tokens
 * and text positions, O(tokens × length): no regular expression, so no catastrophic backtracking
 * whatever the operator writes.
 *
 * @example
 * ```ts
 * const isBlogPost = compileUrlGlob('https://example.com/blog/*\/**');
 * isBlogPost('https://example.com/blog/2024/post'); // true
 * ```
 */
export function compileUrlGlob(pattern: string): (text: string) => boolean {
  const tokens = tokenize(normalizePercentEncoding(pattern, { encodeUnsafe: true }));
  return (text) => matchTokens(tokens, text);
}

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let literal = '';
  const flush = (): void => {
    if (literal !== '') tokens.push({ kind: 'literal', text: literal });
    literal = '';
  };
  for (let index = 0; index < pattern.length; ) {
    if (pattern.startsWith('/**/', index)) {
      flush();
      tokens.push({ kind: 'slash-globstar-slash' });
      index += 4;
      continue;
    }
    if (pattern.startsWith('**', index)) {
      flush();
      while (pattern[index] === '*') index++;
      tokens.push({ kind: 'globstar' });
      continue;
    }
    if (pattern[index] === '*') {
      flush();
      tokens.push({ kind: 'star' });
      index++;
      continue;
    }
    literal += pattern[index];
    index++;
  }
  flush();
  return tokens;
}

function matchTokens(tokens: readonly Token[], text: string): boolean {
  const size = text.length + 1;
  // reachable[i]: the tokens so far can consume exactly text[0, i).
  let reachable = new Uint8Array(size);
  reachable[0] = 1;
  for (const token of tokens) {
    const next = new Uint8Array(size);
    let any = false;
    if (token.kind === 'literal') {
      for (let i = 0; i + token.text.length < size; i++) {
        if (reachable[i] && text.startsWith(token.text, i)) {
          next[i + token.text.length] = 1;
          any = true;
        }
      }
    } else if (token.kind === 'globstar') {
      let open = false;
      for (let i = 0; i < size; i++) {
        if (reachable[i]) open = true;
        if (open) {
          next[i] = 1;
          any = true;
        }
      }
    } else if (token.kind === 'star') {
      let open = false;
      for (let i = 0; i < size; i++) {
        if (reachable[i]) open = true;
        if (open) {
          next[i] = 1;
          any = true;
        }
        if (text[i] === '/') open = false;
      }
    } else {
      // '/' then anything then '/', where the two slashes may be the same character.
      let open = false;
      for (let i = 0; i < text.length; i++) {
        if (reachable[i] && text[i] === '/') open = true;
        if (open && text[i] === '/') {
          next[i + 1] = 1;
          any = true;
        }
      }
    }
    if (!any) return false;
    reachable = next;
  }
  return reachable[text.length] === 1;
}
