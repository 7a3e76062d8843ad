export {
  type DedupText,
  findNearDuplicate,
  isNewGroupMember,
  type NearDuplicateMatch,
} from './find-near-duplicate.ts';
export {
  candidateProbability,
  deserializeSignature,
  estimateJaccard,
  LSH_BANDS,
  LSH_ROWS,
  type LshBand,
  type LshBandsOptions,
  lshBands,
  NEAR_DUPLICATE_JACCARD,
  NEAR_DUPLICATE_MIN_ESTIMATE,
  NEAR_DUPLICATE_THRESHOLD,
  serializeSignature,
} from './lsh.ts';
export {
  createMinHasher,
  DEFAULT_MINHASH_SEED,
  DEFAULT_NUM_HASHES,
  DEFAULT_SHINGLE_SIZE,
  type MinHasher,
  type MinHasherOptions,
} from './minhash.ts';
export { type ContentHash, contentHash, normalizeText } from './normalize-text.ts';
export { shingleJaccard } from './shingle-jaccard.ts';
