import fc from 'fast-check';
import { adversarialValue } from './adversarial-values.ts';

type Json = unknown;
type Path = ReadonlyArray<string | number>;

/** One change to a JSON value, applied at the node `at` picks (modulo the number of nodes). */
export type Mutation =
  | { kind: 'replace'; at: number; value: Json }
  | { kind: 'delete'; at: number }
  | { kind: 'add-key'; at: number; key: string; value: Json }
  | { kind: 'duplicate'; at: number; times: number }
  | { kind: 'empty'; at: number }
  | { kind: 'tweak'; at: number; how: Tweak };

/** How `tweak` changes a number (or a string of digits), a string or an array in place. */
type Tweak = 'negate' | 'fraction' | 'huge' | 'int32' | 'int64' | 'zero' | 'nul' | 'long' | 'upper';

/** Every path in `value`, the root first (depth-first, bounded so huge templates stay cheap). */
export function pathsOf(value: Json, limit = 500): Path[] {
  const paths: Path[] = [];
  const walk = (node: Json, path: Path) => {
    if (paths.length >= limit) return;
    paths.push(path);
    if (Array.isArray(node)) {
      for (const [i, child] of node.slice(0, 20).entries()) walk(child, [...path, i]);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) walk(child, [...path, key]);
    }
  };
  walk(value, []);
  return paths;
}

function getAt(value: Json, path: Path): Json {
  let node = value;
  for (const key of path) node = (node as Record<string | number, Json>)[key];
  return node;
}

/** A copy of `value` with the node at `path` replaced (or removed, when `next` is `REMOVE`). */
function setAt(value: Json, path: Path, next: Json | typeof REMOVE): Json {
  if (path.length === 0) return next === REMOVE ? undefined : next;
  const [head, ...rest] = path as [string | number, ...Path];
  if (Array.isArray(value)) {
    const copy = [...value];
    const child = setAt(copy[head as number], rest, next);
    if (child === undefined && rest.length === 0 && next === REMOVE) {
      copy.splice(head as number, 1);
    } else copy[head as number] = child;
    return copy;
  }
  const copy: Record<string, Json> = {};
  for (const [key, child] of Object.entries(value as Record<string, Json>)) {
    if (key !== head) {
      copy[key] = child;
      continue;
    }
    const replaced = setAt(child, rest, next);
    if (!(replaced === undefined && rest.length === 0 && next === REMOVE)) copy[key] = replaced;
  }
  return copy;
}

const REMOVE = Symbol('remove');

function tweakNumber(node: number, how: Tweak): number {
  if (how === 'negate') return -node - 1;
  if (how === 'fraction') return node + 0.5;
  if (how === 'huge') return node * 1e12 + 1;
  // Just past the 32-bit and 64-bit integer columns a database may hold the value in.
  if (how === 'int32') return 2 ** 31 + node;
  if (how === 'int64') return 2 ** 63;
  if (how === 'zero') return 0;
  return node === 0 ? Number.MAX_SAFE_INTEGER : node * 1000;
}

function tweak(node: Json, how: Tweak): Json {
  if (typeof node === 'number') return tweakNumber(node, how);
  if (typeof node === 'string' && /^\d{1,15}$/.test(node) && how !== 'nul' && how !== 'long') {
    return how === 'int64' ? '9223372036854775808' : String(tweakNumber(Number(node), how));
  }
  if (typeof node === 'string') {
    if (how === 'nul') return `${node}\u0000`;
    if (how === 'long' || how === 'huge') return node.repeat(Math.ceil(5000 / (node.length + 1)));
    if (how === 'upper') return node.toUpperCase();
    return node.slice(0, Math.floor(node.length / 2));
  }
  if (Array.isArray(node))
    return how === 'huge' ? Array(3000).fill(node[0] ?? 0) : [...node].reverse();
  return node;
}

/** Applies one mutation to a JSON value; pure. */
export function applyMutation(value: Json, mutation: Mutation): Json {
  const all = pathsOf(value);
  // Duplicates matter in lists (ids given twice): aim at them when there are any.
  const lists = all.filter((p) => Array.isArray(getAt(value, p)));
  const paths = mutation.kind === 'duplicate' && lists.length > 0 ? lists : all;
  const path = paths[mutation.at % paths.length] ?? [];
  const node = getAt(value, path);
  switch (mutation.kind) {
    case 'replace':
      return setAt(value, path, mutation.value);
    case 'delete':
      return path.length === 0 ? undefined : setAt(value, path, REMOVE);
    case 'add-key': {
      if (node === null || typeof node !== 'object' || Array.isArray(node)) {
        return setAt(value, path, { [mutation.key]: mutation.value, value: node });
      }
      const widened = JSON.parse(
        // A function, not a string: `$'` or `$&` in a generated value are not replacement patterns.
        JSON.stringify({ ...(node as object) }).replace(
          /^\{/,
          () =>
            `{${JSON.stringify(mutation.key)}:${JSON.stringify(mutation.value) ?? 'null'}${Object.keys(node as object).length > 0 ? ',' : ''}`,
        ),
      ) as Json;
      return setAt(value, path, widened);
    }
    case 'duplicate':
      return Array.isArray(node)
        ? setAt(value, path, [...node, ...Array(mutation.times).fill(node[0] ?? null)])
        : setAt(value, path, Array(mutation.times).fill(node));
    case 'empty':
      return setAt(
        value,
        path,
        Array.isArray(node) ? [] : typeof node === 'string' ? '' : node === null ? 0 : {},
      );
    case 'tweak':
      return setAt(value, path, tweak(node, mutation.how));
  }
}

/** One random mutation: what to do and where. */
export function mutation(): fc.Arbitrary<Mutation> {
  const at = fc.nat({ max: 10_000 });
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({ kind: fc.constant('replace'), at, value: adversarialValue() }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete'), at }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('add-key'),
        at,
        key: fc.oneof(
          fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', ''),
          fc.string({ maxLength: 12 }),
        ),
        value: adversarialValue(),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('duplicate'),
        at,
        times: fc.constantFrom(1, 2, 49, 65, 257, 1001),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('empty'), at }) },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('tweak'),
        at,
        how: fc.constantFrom<Tweak>(
          'negate',
          'fraction',
          'huge',
          'int32',
          'int64',
          'zero',
          'nul',
          'long',
          'upper',
        ),
      }),
    },
  ) as fc.Arbitrary<Mutation>;
}

/** A template with one to three mutations applied in turn. */
export function mutatedJson(template: Json): fc.Arbitrary<Json> {
  return fc
    .array(mutation(), { minLength: 1, maxLength: 3 })
    .map((mutations) => mutations.reduce(applyMutation, template));
}
