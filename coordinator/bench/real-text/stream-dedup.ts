import {
  contentHash,
  createMinHasher,
  type DedupText,
  estimateJaccard,
  findNearDuplicate,
  isNewGroupMember,
  lshBands,
  NEAR_DUPLICATE_THRESHOLD,
  type NearDuplicateMatch,
  normalizeText,
} from '../../src/dedup/index.ts';

/** How a streaming run decides, to compare the ingest rule with the variants it replaced. */
export interface StreamPolicy {
  /** Text normalization before hashing and shingling. */
  normalize: (text: string) => string;
  /** `confirmed`: the ingest rule (`findNearDuplicate`); `estimate`: MinHash estimate ≥ 0.8 alone. */
  rule: 'confirmed' | 'estimate';
  /** Compare with every member of a group (ingest now), or only with its first text (before). */
  members: 'all' | 'first';
}

/** The ingest's policy: `normalizeText`, the confirmed rule, every member of a group. */
export const INGEST_POLICY: StreamPolicy = {
  normalize: normalizeText,
  rule: 'confirmed',
  members: 'all',
};

/** FineWeb's digit folding (every digit to `0`), as `normalizeText` did before. */
export const foldDigits = (text: string) => normalizeText(text).replace(/[0-9]/g, '0');

interface Member extends DedupText {
  id: number;
}

/**
 * Streams documents in `order` through the coordinator's dedup code as ingest does, and says
 * for each whether it was declared a duplicate of an earlier one: exact (same content hash of the
 * normalized text) or near (LSH candidates, then the policy's rule). Returns the declared ids.
 * The LSH index is an in-memory map of bucket → members, what `lsh_buckets` holds in the database.
 */
export function streamDedup(
  texts: readonly string[],
  order: readonly number[],
  policy: StreamPolicy,
): Set<number> {
  const hasher = createMinHasher();
  const buckets = new Map<bigint, Member[]>();
  const hashes = new Set<string>();
  const declared = new Set<number>();
  const position = new Map(order.map((id, i) => [id, i]));
  for (const id of order) {
    const normalized = policy.normalize(texts[id]!);
    const doc: Member = { id, normalized, signature: hasher.signature(normalized) };
    const bands = lshBands(doc.signature);
    const hash = contentHash(normalized);
    if (hashes.has(hash)) {
      declared.add(id);
      continue;
    }
    const candidates = new Set<Member>();
    for (const { bucket } of bands) for (const m of buckets.get(bucket) ?? []) candidates.add(m);
    const ordered = [...candidates].sort((x, y) => position.get(x.id)! - position.get(y.id)!);
    const match =
      policy.rule === 'confirmed' ? findNearDuplicate(doc, ordered) : bestEstimate(doc, ordered);
    if (match !== null) declared.add(id);
    else hashes.add(hash);
    const isMember = match === null || (policy.members === 'all' && isNewGroupMember(match));
    if (isMember) {
      for (const { bucket } of bands) {
        const list = buckets.get(bucket);
        if (list) list.push(doc);
        else buckets.set(bucket, [doc]);
      }
    }
  }
  return declared;
}

/** The candidate with the highest MinHash estimate, if it reaches `NEAR_DUPLICATE_THRESHOLD`. */
function bestEstimate(
  doc: Member,
  candidates: readonly Member[],
): NearDuplicateMatch<Member> | null {
  let best: NearDuplicateMatch<Member> | null = null;
  for (const candidate of candidates) {
    const similarity = estimateJaccard(doc.signature, candidate.signature);
    if (similarity >= NEAR_DUPLICATE_THRESHOLD && (!best || similarity > best.similarity)) {
      best = { candidate, similarity };
    }
  }
  return best;
}
