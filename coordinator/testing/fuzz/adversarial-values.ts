import fc from 'fast-check';

/** An object whose own `__proto__` key survives `JSON.stringify` (a literal would set the prototype). */
function ownKey(key: string, value: unknown): Record<string, unknown> {
  return JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(value)}}`) as Record<string, unknown>;
}

/** An array nested `depth` times around `inner`. */
export function nested(depth: number, inner: unknown = 1): unknown {
  let value: unknown = inner;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/**
 * Strings that break naive code: empty and blank, NUL and control characters, bidi overrides,
 * lone surrogates, astral characters, path tricks, numbers and hex that are almost right, and
 * strings far beyond every bound the protocol sets.
 */
export const adversarialStrings: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0007\b\f\n\r\t\u001b[31m',
  '\u202eevil',
  '\ud800',
  '\udfff\ud800',
  '💩',
  'ﷺ',
  'Ａ',
  'e\u0301',
  '..',
  '../../etc/passwd',
  '..%2f..%2f',
  '%00',
  '%zz',
  '%',
  '\\',
  '/',
  '?',
  '#',
  "'; drop table items; --",
  '\u0024{process.exit(1)}',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1e308',
  '9999999999999999999',
  '18446744073709551616',
  '-9223372036854775809',
  '0x',
  '0X00',
  `0x${'0'.repeat(40)}`,
  `0x${'f'.repeat(64)}`,
  `0x${'0'.repeat(130)}`,
  `0x${'1b'.repeat(65)}`,
  `0x${'g'.repeat(40)}`,
  'http://',
  'https://127.0.0.1/',
  'http://[::1]/',
  'https://user:pass@news.example.com/',
  'javascript:alert(1)',
  'file:///etc/passwd',
  'a'.repeat(65),
  'a'.repeat(300),
  'x'.repeat(5000),
  'é'.repeat(70_000),
];

/** Numbers at and past every bound: zero, negatives, fractions, huge, unsafe integers. */
export const adversarialNumbers: readonly number[] = [
  0,
  -0,
  -1,
  1,
  0.5,
  -0.000001,
  49,
  50,
  51,
  255,
  256,
  65_535,
  65_536,
  2 ** 31 - 1,
  2 ** 31,
  2 ** 32,
  2 ** 40 + 1,
  2 ** 53 - 1,
  2 ** 53,
  2 ** 63,
  2 ** 64,
  1e21,
  1e308,
  -1e308,
  Number.MIN_VALUE,
];

/** Values of the wrong type or shape for any field. */
export function adversarialValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...adversarialStrings) },
    { weight: 4, arbitrary: fc.constantFrom(...adversarialNumbers) },
    {
      weight: 3,
      arbitrary: fc.constantFrom<unknown>(
        null,
        true,
        false,
        [],
        {},
        [null],
        [[]],
        ownKey('__proto__', { admin: true, polluted: 1 }),
        ownKey('constructor', { prototype: { polluted: 1 } }),
        { toString: 'x', valueOf: 1 },
        nested(64),
        nested(2000),
        Array.from({ length: 2000 }, (_, i) => i),
        Array.from({ length: 300 }, () => 'x'.repeat(100)),
      ),
    },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.double() },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}
