import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { randomUuid } from './random-uuid.ts';

describe('randomUuid', () => {
  it('falls back to getRandomValues outside secure contexts', () => {
    const insecure = {
      getRandomValues: (array: Uint8Array) => globalThis.crypto.getRandomValues(array),
    } as unknown as Crypto;
    const ids = new Set(Array.from({ length: 20 }, () => randomUuid(insecure)));
    expect(ids.size).toBe(20);
    for (const id of ids) expect(z.uuid().safeParse(id).success).toBe(true);
  });
});
