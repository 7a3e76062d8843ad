import { describe, expect, it } from 'vitest';
import { createKeySet } from './key-set.ts';

describe('createKeySet', () => {
  it('reports keys seen since the last reset', () => {
    const set = createKeySet();
    set.reset(4);
    expect(set.seen(1, 2)).toBe(false);
    expect(set.seen(1, 2)).toBe(true);
    expect(set.seen(1, 3)).toBe(false); // same slot, other key
    set.reset(4);
    expect(set.seen(1, 2)).toBe(false);
  });

  it('grows for many keys and keeps them apart', () => {
    const set = createKeySet();
    set.reset(10_000);
    for (let i = 0; i < 10_000; i++) expect(set.seen(i * 64, i)).toBe(false);
    for (let i = 0; i < 10_000; i++) expect(set.seen(i * 64, i)).toBe(true);
  });
});
