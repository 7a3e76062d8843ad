import { normalizePercentEncoding } from './normalize-percent-encoding.ts';

/** What a robots.txt lets one crawler do. */
export interface RobotsPolicy {
  /** Whether a path (with its query, e.g. `/a/b?c=d`) may be fetched. */
  isAllowed(pathWithQuery: string): boolean;
  /** The matched group's `Crawl-delay`, capped at {@link MAX_CRAWL_DELAY_SECONDS}; absent if none. */
  crawlDelaySeconds?: number;
  /** Every `Sitemap:` URL of the file, in order, without duplicates. */
  sitemaps: string[];
}

/** How {@link robotsPolicyFromResponse} read the answer. */
export type RobotsAvailability =
  /** 2xx: the file's rules. */
  | 'parsed'
  /** 4xx (404 included) or a redirect chain that never ended: no rules, everything allowed. */
  | 'unavailable'
  /** 5xx, 429, network error or timeout: everything disallowed until the next try (fail closed). */
  | 'unreachable';

/** robots.txt bytes read; RFC 9309 asks crawlers to read at least 500 KiB, the rest is ignored. */
export const MAX_ROBOTS_BYTES = 500 * 1024;

/** `Crawl-delay` is capped here, as Nutch does, so one file cannot park a host for hours. */
export const MAX_CRAWL_DELAY_SECONDS = 30;

/** The product token Plaza's crawler answers to. */
export const PLAZA_BOT_TOKEN = 'PlazaBot';

type Rule = { allow: boolean; pattern: string; anchored: boolean; length: number };
type Group = { agents: string[]; rules: Rule[]; crawlDelay?: number };

const KEYS: Record<string, 'user-agent' | 'allow' | 'disallow' | 'sitemap' | 'crawl-delay'> = {
  'user-agent': 'user-agent',
  useragent: 'user-agent',
  'user agent': 'user-agent',
  allow: 'allow',
  disallow: 'disallow',
  dissallow: 'disallow',
  dissalow: 'disallow',
  disalow: 'disallow',
  sitemap: 'sitemap',
  'site-map': 'sitemap',
  'crawl-delay': 'crawl-delay',
  crawldelay: 'crawl-delay',
};

/**
 * Parses a robots.txt per RFC 9309 for one crawler.
 * - Groups: one or more `User-agent` lines then rules; a `User-agent` after a rule starts a new
 *   group. The crawler's product token (the leading letters, `_` and `-` of `userAgent`, so
 *   `PlazaBot/1.0 (+url)` is `plazabot`) is compared case-insensitively with each line's token;
 *   every matching group is merged. Only when none matches are the `*` groups used. A matching
 *   group with no rules allows everything. Rules before any `User-agent` are ignored.
 * - Rules: `Allow` / `Disallow` with `*` (any characters) and a final `$` (end of URL). The
 *   longest matching pattern (in octets) wins; on a tie `Allow` wins; no match allows. An empty
 *   `Disallow:` is no rule. Percent-encoding of patterns and paths is normalized the same way
 *   (unreserved escapes decoded, hex uppercase, non-ASCII as UTF-8 escapes), so `/%62az` and
 *   `/baz` match and `/ツ` matches `/%E3%83%84`.
 * - `/robots.txt` is always allowed. Only the first {@link MAX_ROBOTS_BYTES} are read (the line cut
 *   there is dropped). Keys are case-insensitive; `#` starts a comment; common misspellings
 *   (`useragent`, `dissallow`) are accepted as major crawlers do.
 * - `Crawl-delay` (not in the RFC) is read from the matched groups, the largest wins, capped at
 *   {@link MAX_CRAWL_DELAY_SECONDS}. `Sitemap` lines count wherever they stand.
 *
 * @example
 * ```ts
 * const robots = parseRobots('User-agent: *\nDisallow: /private\nAllow: /private/ok\n');
 * robots.isAllowed('/private/x'); // false
 * robots.isAllowed('/private/ok?page=2'); // true
 * ```
 */
export function parseRobots(text: string, userAgent: string = PLAZA_BOT_TOKEN): RobotsPolicy {
  const groups: Group[] = [];
  const sitemaps: string[] = [];
  let current: Group | undefined;
  let inAgentLines = false;

  for (const rawLine of splitLines(capRobotsText(text))) {
    const hash = rawLine.indexOf('#');
    const line = (hash === -1 ? rawLine : rawLine.slice(0, hash)).trim();
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const key = KEYS[line.slice(0, colon).trim().toLowerCase()];
    const value = line.slice(colon + 1).trim();
    if (key === undefined) continue;
    if (key === 'sitemap') {
      if (value !== '' && !sitemaps.includes(value)) sitemaps.push(value);
      continue;
    }
    if (key === 'user-agent') {
      if (!inAgentLines || current === undefined) {
        current = { agents: [], rules: [] };
        groups.push(current);
      }
      current.agents.push(productToken(value));
      inAgentLines = true;
      continue;
    }
    inAgentLines = false;
    if (current === undefined) continue;
    if (key === 'crawl-delay') {
      const seconds = Number(value);
      if (value !== '' && Number.isFinite(seconds) && seconds >= 0) {
        current.crawlDelay = Math.max(current.crawlDelay ?? 0, seconds);
      }
      continue;
    }
    const rule = compileRule(key === 'allow', value);
    if (rule) current.rules.push(rule);
  }

  const token = productToken(userAgent);
  let matched = groups.filter((group) => group.agents.includes(token));
  if (matched.length === 0) matched = groups.filter((group) => group.agents.includes('*'));
  const rules = matched.flatMap((group) => group.rules);
  const delays = matched.flatMap((group) =>
    group.crawlDelay === undefined ? [] : [group.crawlDelay],
  );

  const policy: RobotsPolicy = {
    isAllowed: (pathWithQuery) => isAllowedByRules(rules, pathWithQuery),
    sitemaps,
  };
  if (delays.length > 0) {
    policy.crawlDelaySeconds = Math.min(MAX_CRAWL_DELAY_SECONDS, Math.max(...delays));
  }
  return policy;
}

/**
 * Turns the outcome of fetching `/robots.txt` into a policy, per RFC 9309 §2.3.1:
 * - 2xx: the body's rules (`availability: 'parsed'`);
 * - 3xx (the caller follows up to 5 redirects itself; one still here means the chain did not end)
 *   and 4xx other than 429: no usable file, everything allowed (`'unavailable'`);
 * - 5xx, 429, any other status, or `null` for a network error or timeout: everything disallowed
 *   (`'unreachable'`, fail closed); try again later.
 *
 * @example
 * ```ts
 * robotsPolicyFromResponse(404, '').isAllowed('/anything'); // true
 * robotsPolicyFromResponse(503, '').isAllowed('/anything'); // false
 * robotsPolicyFromResponse(null).availability; // 'unreachable'
 * ```
 */
export function robotsPolicyFromResponse(
  status: number | null,
  body = '',
  userAgent: string = PLAZA_BOT_TOKEN,
): RobotsPolicy & { availability: RobotsAvailability } {
  if (status !== null && status >= 200 && status < 300) {
    return { ...parseRobots(body, userAgent), availability: 'parsed' };
  }
  if (status !== null && status >= 300 && status < 500 && status !== 429) {
    return { isAllowed: () => true, sitemaps: [], availability: 'unavailable' };
  }
  return {
    isAllowed: (pathWithQuery) => isRobotsTxtPath(normalizePath(pathWithQuery)),
    sitemaps: [],
    availability: 'unreachable',
  };
}

/**
 * Cuts a robots.txt body to {@link MAX_ROBOTS_BYTES} of UTF-8 and drops the line the cut went
 * through (a half rule could allow more than the whole one), and a leading byte-order mark.
 */
export function capRobotsText(text: string): string {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  // UTF-8 takes at most 3 bytes per UTF-16 unit: short texts need no encoding to be measured.
  if (body.length * 3 <= MAX_ROBOTS_BYTES) return body;
  const bytes = new TextEncoder().encode(body);
  if (bytes.length <= MAX_ROBOTS_BYTES) return body;
  const head = new TextDecoder().decode(bytes.subarray(0, MAX_ROBOTS_BYTES));
  const lastBreak = Math.max(head.lastIndexOf('\n'), head.lastIndexOf('\r'));
  return lastBreak === -1 ? '' : head.slice(0, lastBreak);
}

function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function productToken(value: string): string {
  const trimmed = value.trim();
  if (trimmed === '*' || /^\*\s/.test(trimmed)) return '*';
  return (/^[A-Za-z_-]+/.exec(trimmed)?.[0] ?? '').toLowerCase();
}

function compileRule(allow: boolean, value: string): Rule | null {
  if (value === '') return null;
  let pattern = value;
  let anchored = false;
  if (pattern.endsWith('$')) {
    anchored = true;
    pattern = pattern.slice(0, -1);
  }
  if (!pattern.startsWith('/') && !pattern.startsWith('*')) pattern = `/${pattern}`;
  pattern = normalizePercentEncoding(pattern, { encodeUnsafe: true });
  // The RFC ranks rules by the octets of their path value; '$' counts as one.
  return { allow, pattern, anchored, length: pattern.length + (anchored ? 1 : 0) };
}

function normalizePath(pathWithQuery: string): string {
  const hash = pathWithQuery.indexOf('#');
  let path = hash === -1 ? pathWithQuery : pathWithQuery.slice(0, hash);
  if (!path.startsWith('/')) path = `/${path}`;
  return normalizePercentEncoding(path, { encodeUnsafe: true });
}

function isRobotsTxtPath(path: string): boolean {
  return path === '/robots.txt' || path.startsWith('/robots.txt?');
}

function isAllowedByRules(rules: readonly Rule[], pathWithQuery: string): boolean {
  const path = normalizePath(pathWithQuery);
  if (isRobotsTxtPath(path)) return true;
  let best: Rule | undefined;
  for (const rule of rules) {
    if (best && (rule.length < best.length || (rule.length === best.length && !rule.allow))) {
      continue;
    }
    if (matchesRule(rule, path)) best = rule;
  }
  return best === undefined || best.allow;
}

/**
 * Matches `pattern` (with `*` wildcards) against the start of `path`, or all of it when anchored.
 * Leftmost matching of each literal piece is optimal for a prefix match, and with an anchor only
 * the last piece must sit at the end: linear-time, no backtracking.
 */
function matchesRule(rule: Rule, path: string): boolean {
  const pieces = rule.pattern.split('*');
  const first = pieces[0]!;
  if (!path.startsWith(first)) return false;
  if (pieces.length === 1) return !rule.anchored || path.length === first.length;
  let position = first.length;
  const lastIndex = pieces.length - 1;
  for (let index = 1; index < lastIndex; index++) {
    const piece = pieces[index]!;
    const found = path.indexOf(piece, position);
    if (found === -1) return false;
    position = found + piece.length;
  }
  const last = pieces[lastIndex]!;
  if (!rule.anchored) return path.indexOf(last, position) !== -1;
  return path.length - last.length >= position && path.endsWith(last);
}
