import type {
  AttributionResponse,
  RowAttribution,
  RowValueProof,
  ValidationEffect,
} from '@plaza/protocol';
import { accountPartOfRow, TOTAL_SHARES, weightUnits } from '../attribution/compute-shares.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { type AttributionIndex, loadAttributionIndex } from './load-attribution-index.ts';

/** A fraction as millionths, floored (0 when the whole is 0). */
const ppm = (part: bigint, whole: bigint) =>
  whole === 0n ? 0 : Number((part * 1_000_000n) / whole);

/** Whether `account` fetched, labelled or computed row `row`. */
const hasRole = (row: AttributionIndex['rows'][number], account: string) =>
  row.fetcher.toLowerCase() === account ||
  row.labelers.some((l) => l.account.toLowerCase() === account) ||
  row.compute.some((c) => c.toLowerCase() === account);

/** The validation rows that named row `i`, with what each gave it. */
function effects(index: AttributionIndex, i: number): ValidationEffect[] {
  const v2 = index.v2;
  if (!v2) return [];
  return (v2.placesOf[i] ?? [])
    .filter(([l]) => !v2.lists[l]?.dropped)
    .map(([l, position]) => {
      const list = v2.lists[l] as NonNullable<(typeof v2.lists)[number]>;
      const [, similarity, match] = list.neighbours[position] as [number, number, number];
      return {
        validation: list.validation,
        rank: position + 1,
        similarity,
        match: match === 1,
        amount: String(v2.amounts[l]?.[position] ?? 0),
      };
    });
}

/** One row's value and why (see `rowAttributionSchema`). */
export function explainRow(index: AttributionIndex, i: number, account?: string): RowAttribution {
  const row = index.rows[i] as AttributionIndex['rows'][number];
  const line = index.v2?.values[i];
  const all = effects(index, i);
  const byAmount = (a: ValidationEffect, b: ValidationEffect) =>
    Number(BigInt(b.amount) - BigInt(a.amount));
  let status: RowAttribution['status'] = 'quality_only';
  if (line) {
    if (line.nearCopy) status = 'near_copy';
    else if (row.label === null) status = 'unlabeled';
    else if (line.review) status = 'review';
    else status = line.value > 0 ? 'valued' : 'unvalued';
  }
  const explained: RowAttribution = {
    index: i,
    itemId: row.itemId,
    contentHash: row.contentHash,
    quality: row.quality,
    label: row.label,
    status,
    value: String(line?.value ?? 0),
    raw: String(line?.raw ?? 0),
    valuePpm: ppm(BigInt(line?.value ?? 0), index.totalValue),
    weightPpm: ppm(row.weight, index.totalWeight),
    nearCopy: line?.nearCopy ?? null,
    helped: all.filter((e) => BigInt(e.amount) > 0n).sort(byAmount),
    hurt: all.filter((e) => BigInt(e.amount) < 0n).sort((a, b) => byAmount(b, a)),
    roles: {
      fetcher: row.fetcher,
      labelers: row.labelers.map((l) => ({ account: l.account, posterior: l.posterior })),
      compute: [...row.compute],
    },
  };
  if (account !== undefined && index.totalWeight > 0n) {
    const part = accountPartOfRow(row, index.manifest.attribution.weights, account);
    const total = BigInt(index.manifest.attribution.total ?? TOTAL_SHARES);
    explained.accountShares = String((total * part) / weightUnits(index.totalWeight));
  }
  return explained;
}

/**
 * Each row's value in a version and why, paged: all rows, or those `account` fetched, labelled or
 * computed (with its shares from each). Public and without row content.
 */
export async function explainAttribution(
  exportsDir: string,
  params: {
    campaignId: string;
    version: number;
    account?: string | undefined;
    offset: number;
    limit: number;
  },
): Promise<AttributionResponse> {
  const index = await loadAttributionIndex(exportsDir, params);
  const account = params.account?.toLowerCase();
  const matching = index.rows.flatMap((row, i) =>
    account === undefined || hasRole(row, account) ? [i] : [],
  );
  const page = matching.slice(params.offset, params.offset + params.limit);
  const attribution = index.manifest.attribution;
  return {
    campaignId: params.campaignId,
    version: params.version,
    rule: attribution.rule,
    v2:
      attribution.rule === 'plaza-attribution/2'
        ? {
            params: attribution.params,
            beacon: { ...attribution.beacon, value: attribution.beacon.value as `0x${string}` },
            roots: attribution.roots as NonNullable<AttributionResponse['v2']>['roots'],
            summary: attribution.summary,
          }
        : null,
    fidelity: index.fidelity,
    total: matching.length,
    offset: params.offset,
    rows: page.map((i) => explainRow(index, i, account)),
  };
}

/** One row's `values.jsonl` line and the neighbour lists naming it, each with its Merkle proof. */
export async function rowValueProof(
  exportsDir: string,
  params: { campaignId: string; version: number; index: number },
): Promise<RowValueProof> {
  const index = await loadAttributionIndex(exportsDir, params);
  const v2 = index.v2;
  const attribution = index.manifest.attribution;
  if (!v2 || attribution.rule !== 'plaza-attribution/2') {
    throw new ValidationError(
      `Version ${params.version} of "${params.campaignId}" is not valued under rule v2.`,
    );
  }
  if (params.index >= index.rows.length) {
    throw new NotFoundError('NOT_FOUND', `Version ${params.version} has no row ${params.index}.`);
  }
  const lists = [...new Set((v2.placesOf[params.index] ?? []).map(([l]) => l))];
  return {
    index: params.index,
    k: attribution.params.k,
    valuesRoot: attribution.roots.values as `0x${string}`,
    neighboursRoot: attribution.roots.neighbours as `0x${string}`,
    value: { line: v2.valueLines[params.index] as string, proof: v2.valueTree.proof(params.index) },
    lists: lists.map((l) => ({ line: v2.listLines[l] as string, proof: v2.listTree.proof(l) })),
  };
}
