import { type Hex, keccak256, stringToBytes } from 'viem';

/**
 * The `termsHash` a license carries on chain: keccak256 of the terms' UTF-8 bytes, exactly as
 * written (no trimming, no normalization), so anyone holding the text can check it with any
 * keccak256 tool.
 *
 * @example
 * hashTerms('Research use only.'); // '0x…' (32 bytes)
 */
export function hashTerms(terms: string): Hex {
  return keccak256(stringToBytes(terms));
}

/** Terms a buyer may propose: not blank, and at most {@link MAX_TERMS_LENGTH} characters. */
export function checkTerms(terms: string): string | null {
  if (terms.trim() === '') return 'Write the license terms: their hash goes on chain.';
  if (terms.length > MAX_TERMS_LENGTH) {
    return `The terms are ${terms.length} characters long; keep them under ${MAX_TERMS_LENGTH}.`;
  }
  return null;
}

/** The longest terms the form accepts (the chain stores only their hash). */
export const MAX_TERMS_LENGTH = 20_000;
