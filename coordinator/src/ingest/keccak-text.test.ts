import { hashText } from '@plaza/protocol';
import { expect, it } from 'vitest';
import { keccakText } from './keccak-text.ts';

it('hashes text exactly as the protocol does, ASCII and not', async () => {
  for (const text of ['', 'hello', 'Grüße aus Köln — 東京 🚀', 'x'.repeat(100_000)]) {
    expect(await keccakText(text)).toBe(hashText(text));
  }
});
