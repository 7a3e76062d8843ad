import fc from 'fast-check';
import { adversarialStrings } from './adversarial-values.ts';
import type { FuzzWorld } from './fuzz-world.ts';
import { mutatedJson } from './mutate-json.ts';
import type { AuthKind, RouteSpec } from './route-specs.ts';

/** A request body as the fuzzer sends it. */
export type FuzzBody =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown; resign: boolean }
  | { kind: 'text'; text: string }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'oversized'; bytes: number };

/** One generated request: printed by fast-check as the counterexample when a property fails. */
export interface FuzzCase {
  method: string;
  /** Path parameters, already in the form they take in the URL (encoded or deliberately raw). */
  params: Record<string, string>;
  /** The query string without `?`. */
  query: string;
  auth: AuthKind | 'garbage' | 'malformed';
  contentType: string | null;
  body: FuzzBody;
}

/** Path segments sent raw, not encoded: traversal, NUL, bad percent-encoding. */
const rawSegments = [
  '..',
  '.',
  '%00',
  '%zz',
  '%2e%2e',
  '%2F',
  '%2f..%2f',
  '%C0%AE',
  '%E2%80%AE',
  '%ff',
];

/** `encodeURIComponent` that also takes lone surrogates (as U+FFFD, the way a browser sends them). */
export function encode(text: string): string {
  return encodeURIComponent(
    text.replace(
      /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      '\ufffd',
    ),
  );
}

function paramArbitrary(valid: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...valid) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(...adversarialStrings).map((s) => encode(s)),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary' }).map((s) => encode(s)) },
    { weight: 1, arbitrary: fc.constantFrom(...rawSegments) },
    { weight: 1, arbitrary: fc.constantFrom(...valid).map((s) => `${s}${'0'.repeat(3000)}`) },
  );
}

function queryString(record: Record<string, unknown>): string {
  return Object.entries(record)
    .map(([key, value]) => {
      const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
      return `${encode(key)}=${encode(text)}`;
    })
    .join('&');
}

const junkQueries = [
  'a=%zz',
  '=&&=',
  'limit=1&limit=2',
  'campaignId[]=x',
  '%00=%00',
  'x'.repeat(3000),
];

function queryArbitrary(valid: Record<string, string>[] | undefined): fc.Arbitrary<string> {
  const junk = fc.oneof(
    fc.constantFrom(...junkQueries),
    fc
      .dictionary(fc.string({ maxLength: 10 }), fc.string({ unit: 'binary', maxLength: 20 }))
      .map(queryString),
  );
  if (!valid || valid.length === 0) {
    return fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 1, arbitrary: junk });
  }
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...valid).map(queryString) },
    {
      weight: 5,
      arbitrary: fc
        .constantFrom(...valid)
        .chain((q) => mutatedJson(q))
        .map((q) =>
          q !== null && typeof q === 'object' && !Array.isArray(q)
            ? queryString(q as Record<string, unknown>)
            : `q=${encode(JSON.stringify(q) ?? '')}`,
        ),
    },
    { weight: 2, arbitrary: junk },
  );
}

function rawTextArbitrary(templates: readonly unknown[]): fc.Arbitrary<string> {
  const texts = templates.map((t) => JSON.stringify(t));
  const cut =
    texts.length > 0
      ? [
          fc
            .tuple(fc.constantFrom(...texts), fc.nat())
            .map(([t, n]) => t.slice(0, n % (t.length + 1))),
        ]
      : [];
  const withText = (f: (t: string) => string) =>
    texts.length > 0 ? [fc.constantFrom(...texts).map(f)] : [];
  return fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.json(),
    fc.constantFrom(
      '',
      'null',
      '"x"',
      '0',
      'true',
      '[]',
      '{',
      '{"a":',
      '\uFEFF{}',
      'NaN',
      '{"__proto__":{"x":1}}',
    ),
    fc.nat({ max: 200_000 }).map((n) => '['.repeat((n % 100_000) + 1)),
    fc.nat({ max: 5_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
    ...cut,
    // Duplicate keys: JSON.parse keeps the last one.
    ...withText((t) => t.replace(/^\{/, '{"items":[],"labels":[],"urls":[],"max":1,')),
    ...withText((t) => `\uFEFF${t}`),
    ...withText((t) => `${t}garbage`),
  );
}

function bodyArbitrary(templates: readonly unknown[], resignable: boolean): fc.Arbitrary<FuzzBody> {
  const random: Array<fc.WeightedArbitrary<FuzzBody>> = [
    {
      weight: 1,
      arbitrary: fc
        .jsonValue({ maxDepth: 4 })
        .map((value) => ({ kind: 'json', value, resign: false })),
    },
    {
      weight: 1,
      arbitrary: fc
        .anything({ maxDepth: 3 })
        .map((value) => ({ kind: 'json', value, resign: false })),
    },
    { weight: 2, arbitrary: rawTextArbitrary(templates).map((text) => ({ kind: 'text', text })) },
    {
      weight: 1,
      arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ kind: 'bytes', bytes })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<FuzzBody>(
        { kind: 'oversized', bytes: 256 * 1024 + 1 },
        { kind: 'oversized', bytes: 2 * 1024 * 1024 },
      ),
    },
  ];
  if (templates.length === 0) {
    return fc.oneof({ weight: 8, arbitrary: fc.constant<FuzzBody>({ kind: 'none' }) }, ...random);
  }
  return fc.oneof(
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(...templates)
        .map((value): FuzzBody => ({ kind: 'json', value, resign: false })),
    },
    {
      weight: 10,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...templates).chain((t) => mutatedJson(t)),
          fc.boolean(),
        )
        .map(
          ([value, resign]): FuzzBody => ({ kind: 'json', value, resign: resignable && resign }),
        ),
    },
    { weight: 1, arbitrary: fc.constant<FuzzBody>({ kind: 'none' }) },
    ...random,
  );
}

const authKinds: ReadonlyArray<FuzzCase['auth']> = [
  'none',
  'admin',
  'device',
  'labeler',
  'reviewer',
  'disposable',
  'garbage',
  'malformed',
];

/** The arbitrary of requests to one route: random and shaped after the route's real inputs. */
export async function fuzzCaseArbitrary(
  world: FuzzWorld,
  method: string,
  path: string,
  spec: RouteSpec,
): Promise<fc.Arbitrary<FuzzCase>> {
  const validParams = spec.params?.(world) ?? {};
  const names = [...path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
  const params = fc.record(
    Object.fromEntries(
      names.map((name) => [name, paramArbitrary(validParams[name] ?? ['x'])]),
    ) as Record<string, fc.Arbitrary<string>>,
  );
  const templates = (await spec.bodies?.(world)) ?? [];
  const body: fc.Arbitrary<FuzzBody> =
    method === 'GET' ? fc.constant({ kind: 'none' }) : bodyArbitrary(templates, !!spec.resign);
  return fc.record({
    method: fc.constant(method),
    params,
    query: queryArbitrary(spec.queries?.(world)),
    auth: fc.oneof(
      { weight: 6, arbitrary: fc.constant(spec.auth) },
      { weight: 3, arbitrary: fc.constantFrom(...authKinds) },
    ),
    contentType: fc.oneof(
      { weight: 8, arbitrary: fc.constant('application/json') },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          null,
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/json; charset=utf-16',
        ),
      },
    ),
    body,
  });
}
