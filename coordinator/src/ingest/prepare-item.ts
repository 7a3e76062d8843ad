import type { ParsedContributionItem } from '@plaza/protocol';
import {
  contentHash,
  type LshBand,
  lshBands,
  type MinHasher,
  normalizeText,
} from '../dedup/index.ts';
import { measureQuality, type QualityMeasure } from '../quality/index.ts';
import type { FastHashes } from '../signing/create-fast-hashes.ts';

/** What ingest computes for one submitted item before touching the database. */
export interface ItemDigest {
  structHash: `0x${string}`;
  /** The fetch succeeded with text worth keeping (2xx and non-empty). */
  isFetched: boolean;
  normalized: string;
  contentHash: `0x${string}`;
  signature: Uint32Array;
  bands: LshBand[];
  /** The campaign-independent part of the quality score; null for failed fetches. */
  quality: QualityMeasure | null;
}

/** A submitted item with its digest. */
export interface PreparedItem extends ItemDigest {
  item: ParsedContributionItem;
}

/** An item whose signed hashes do not match its content. */
export interface ItemMismatch {
  field: 'textHash' | 'linksHash';
}

/**
 * Checks that `textHash` and `linksHash` commit to the submitted text and links, then normalizes
 * the text, hashes it, computes its MinHash signature and LSH bands and measures its quality.
 * Pure CPU work: it runs in the ingest worker threads, before the transaction.
 */
export async function digestItem(
  item: ParsedContributionItem,
  tools: { hashes: FastHashes; minHasher: MinHasher },
): Promise<ItemDigest | ItemMismatch> {
  if (tools.hashes.text(item.text) !== item.textHash) return { field: 'textHash' };
  if (tools.hashes.links(item.links) !== item.linksHash) return { field: 'linksHash' };
  const normalized = normalizeText(item.text);
  const signature = tools.minHasher.signature(normalized);
  const isFetched = item.httpStatus >= 200 && item.httpStatus < 300 && normalized.length > 0;
  return {
    structHash: tools.hashes.contribution(item),
    isFetched,
    normalized,
    contentHash: contentHash(normalized),
    signature,
    bands: lshBands(signature),
    quality: isFetched ? await measureQuality(item.text) : null,
  };
}
