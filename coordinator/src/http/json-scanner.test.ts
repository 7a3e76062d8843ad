import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createJsonScanner } from './json-scanner.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const loose = { maxNodes: 1e9, maxDepth: 1e9 };

/** Values in a parsed JSON value, counted the scanner's way: every element, member and the root. */
function countValues(value: unknown): number {
  if (Array.isArray(value)) return 1 + value.reduce((n: number, v) => n + countValues(v), 0);
  if (value !== null && typeof value === 'object') {
    return 1 + Object.values(value).reduce((n: number, v) => n + countValues(v), 0);
  }
  return 1;
}

function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOf));
  if (value !== null && typeof value === 'object') {
    return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  }
  return 0;
}

function scan(text: string, limits = loose, chunkSize = Number.POSITIVE_INFINITY) {
  const scanner = createJsonScanner(limits);
  const all = bytes(text);
  let problem = null;
  for (let i = 0; i < all.length && problem === null; i += chunkSize) {
    problem = scanner.write(all.subarray(i, Math.min(all.length, i + chunkSize)));
  }
  return { problem, nodes: scanner.nodes, hasNul: scanner.hasNul };
}

describe('createJsonScanner', () => {
  it('counts every value of any JSON text exactly, however the bytes are split', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 7 }), (value, chunk) => {
        const text = JSON.stringify(value, null, chunk % 2 === 0 ? 1 : undefined);
        const result = scan(text, loose, chunk);
        expect(result.nodes).toBe(countValues(value));
        expect(result.problem).toBeNull();
        expect(result.hasNul).toBe(text.includes('\\u0000'));
      }),
      { numRuns: 300, seed: 15 },
    );
  });

  it('stops at the first value past maxNodes and the first level past maxDepth', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        const nodes = countValues(value);
        const depth = depthOf(value);
        expect(scan(text, { maxNodes: nodes, maxDepth: depth }).problem).toBeNull();
        if (nodes > 1) {
          expect(scan(text, { maxNodes: nodes - 1, maxDepth: 1e9 }).problem).toBe('TOO_MANY_NODES');
        }
        if (depth > 0) {
          expect(scan(text, { maxNodes: 1e9, maxDepth: depth - 1 }).problem).toBe('TOO_DEEP');
        }
      }),
      { numRuns: 300, seed: 16 },
    );
  });

  it('ignores structure inside strings and finds a \\u0000 escape split across chunks', () => {
    const text = JSON.stringify({ 'k,[{': 'a,b]}"\\', nested: ['x\u0000y'] });
    for (let chunk = 1; chunk <= text.length; chunk++) {
      const result = scan(text, loose, chunk);
      expect(result.nodes).toBe(4);
      expect(result.hasNul).toBe(true);
    }
    expect(scan(JSON.stringify({ a: '\\u0000 is text here', b: '\u0001' })).hasNul).toBe(false);
  });

  it('reads 8 MB of small numbers with constant state, stopping at the cap', () => {
    const scanner = createJsonScanner({ maxNodes: 200_000, maxDepth: 64 });
    const chunk = bytes(`[${'1,'.repeat(32 * 1024)}`);
    let problem = null;
    let chunks = 0;
    while (problem === null && chunks < 128) {
      problem = scanner.write(chunk);
      chunks++;
    }
    expect(problem).toBe('TOO_MANY_NODES');
    // The cap is met within the first 400 KB, not after reading the whole 8 MB.
    expect(chunks).toBeLessThanOrEqual(7);
  });
});
