import { contributionTypes, receiptTypes } from '@plaza/protocol';
import { createKeccak } from 'hash-wasm';
import { createStructHasher, type StructHasher } from './create-struct-hasher.ts';

type Hex = `0x${string}`;

/** The hashes ingest computes per contribution, in WebAssembly; equal to `@plaza/protocol`'s. */
export interface FastHashes {
  /** `hashContribution`: derived from `contributionTypes`, whatever fields it has. */
  contribution: StructHasher;
  /** `hashReceipt`: derived from `receiptTypes`. */
  receipt: StructHasher;
  /** `hashItems`: keccak256 over struct hashes in order. */
  items: (structHashes: readonly Hex[]) => Hex;
  /** `hashText`: keccak256 of UTF-8 text. */
  text: (text: string) => Hex;
  /** `hashLinks`: keccak256 of the links joined by newlines. */
  links: (links: readonly string[]) => Hex;
}

/**
 * Builds the fast hashes once (hash-wasm needs an async start). viem stays the reference: the
 * tests compare every one of these with `@plaza/protocol`'s functions on random values.
 */
export async function createFastHashes(): Promise<FastHashes> {
  const [contribution, receipt, keccak] = await Promise.all([
    createStructHasher(contributionTypes, 'Contribution'),
    createStructHasher(receiptTypes, 'Receipt'),
    createKeccak(256),
  ]);
  const hex = (data: string | Uint8Array): Hex => `0x${keccak.init().update(data).digest('hex')}`;
  return {
    contribution,
    receipt,
    items: (structHashes) => hex(Buffer.from(structHashes.map((h) => h.slice(2)).join(''), 'hex')),
    text: (text) => hex(text),
    links: (links) => hex(links.join('\n')),
  };
}
