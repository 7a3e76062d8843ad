import { keccak256, toHex } from 'viem';
import { describe, expect, it } from 'vitest';
import { checkTerms, hashTerms, MAX_TERMS_LENGTH } from './terms-hash.ts';

describe('hashTerms', () => {
  it('is keccak256 of the UTF-8 bytes', () => {
    // keccak256 of the empty string, a well-known constant.
    expect(hashTerms('')).toBe(
      '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470',
    );
    expect(hashTerms('Research use only.')).toBe(keccak256(toHex('Research use only.')));
    // Non-ASCII text hashes its UTF-8 encoding: "é" is two bytes.
    expect(hashTerms('é')).toBe(keccak256('0xc3a9'));
  });

  it('changes with any change of the text, whitespace included', () => {
    const terms = 'Research use only.\nNo redistribution.';
    expect(hashTerms(terms)).not.toBe(hashTerms(`${terms}\n`));
    expect(hashTerms(terms)).not.toBe(hashTerms(terms.replace('\n', '\r\n')));
  });
});

describe('checkTerms', () => {
  it('refuses blank or overlong terms', () => {
    expect(checkTerms('  \n')).toMatch(/Write the license terms/);
    expect(checkTerms('x'.repeat(MAX_TERMS_LENGTH + 1))).toMatch(/keep them under/);
    expect(checkTerms('Research use only.')).toBeNull();
  });
});
