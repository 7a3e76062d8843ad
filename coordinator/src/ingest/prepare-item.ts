import { hashContribution, hashLinks, type ParsedContributionItem } from '@plaza/protocol';
import {
  contentHash,
  type LshBand,
  lshBands,
  type MinHasher,
  normalizeText,
} from '../dedup/index.ts';

import { keccakText } from './keccak-text.ts';
/** A submitted item with everything ingest computes before touching the database. */
export interface PreparedItem {
  item: ParsedContributionItem;
  structHash: `0x${string}`;
  /** The fetch succeeded with text worth keeping (2xx and non-empty). */
  isFetched: boolean;
  normalized: string;
  contentHash: `0x${string}`;
  signature: Uint32Array;
  bands: LshBand[];
}

/** An item whose signed hashes do not match its content. */
export interface ItemMismatch {
  field: 'textHash' | 'linksHash';
}

/**
 * Checks that `textHash` and `linksHash` commit to the submitted text and links, then normalizes
 * the text, hashes it, and computes its MinHash signature and LSH bands. Pure CPU work, done before
 * the transaction so the transaction stays short.
 */
export async function prepareItem(
  item: ParsedContributionItem,
  minHasher: MinHasher,
): Promise<PreparedItem | ItemMismatch> {
  if ((await keccakText(item.text)) !== item.textHash) return { field: 'textHash' };
  if (hashLinks(item.links) !== item.linksHash) return { field: 'linksHash' };
  const normalized = normalizeText(item.text);
  const signature = minHasher.signature(normalized);
  return {
    item,
    structHash: hashContribution(item),
    isFetched: item.httpStatus >= 200 && item.httpStatus < 300 && normalized.length > 0,
    normalized,
    contentHash: contentHash(normalized),
    signature,
    bands: lshBands(signature),
  };
}
