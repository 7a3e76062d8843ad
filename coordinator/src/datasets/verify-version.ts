import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { plazaAbi } from '@plaza/contracts';
import { createPublicClient, http, keccak256 } from 'viem';
import { buildVersion } from './build-version.ts';
import { type DatasetRow, rowLine } from './dataset-row.ts';
import { type Manifest, manifestSchema, sharesFileSchema } from './manifest.ts';
import { verifyAttributionV2, verifyBeacon } from './verify-attribution-v2.ts';
import { compareCsv, compareParquet } from './verify-copies.ts';

/** What `verifyVersion` found: `problems` is empty when the export is what its manifest says. */
export interface VerifyVersionResult {
  manifest: Manifest;
  problems: string[];
  /** Recomputed from the rows. */
  rowsRoot: string;
  sharesRoot: string;
  totalShares: bigint;
  holders: number;
}

/**
 * Compares the version with the chain named in its `publication.json`: the shares root, the total
 * shares and the hash of `manifest.json` that `proposeVersion` recorded.
 */
async function compareWithChain(dir: string, manifest: Manifest, rpcUrl: string) {
  const publication = await readFile(join(dir, 'publication.json'), 'utf8')
    .then(
      (text) => JSON.parse(text) as { plaza: `0x${string}`; datasetId: string; version: number },
    )
    .catch(() => null);
  if (!publication) return ['publication.json is missing: the version was not published.'];
  const client = createPublicClient({ transport: http(rpcUrl) });
  const onChain = await client.readContract({
    address: publication.plaza,
    abi: plazaAbi,
    functionName: 'getVersion',
    args: [BigInt(manifest.datasetId), manifest.version],
  });
  const problems: string[] = [];
  if (onChain.sharesRoot !== manifest.shares.root) {
    problems.push(
      `chain: shares root ${onChain.sharesRoot}, the manifest says ${manifest.shares.root}.`,
    );
  }
  if (String(onChain.totalShares) !== manifest.attribution.totalShares) {
    problems.push(
      `chain: total shares ${onChain.totalShares}, the manifest says ${manifest.attribution.totalShares}.`,
    );
  }
  const manifestHash = keccak256(await readFile(join(dir, 'manifest.json')));
  if (onChain.manifestHash !== manifestHash) {
    problems.push(
      `chain: manifest hash ${onChain.manifestHash}, manifest.json hashes to ${manifestHash}.`,
    );
  }
  return problems;
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * Checks a frozen version from its files alone, as anyone can: file sizes and hashes against the
 * manifest (the dataset card and Croissant file too); every JSONL line in canonical form; the
 * Parquet and CSV copies row by row against the JSONL (naming the first rows and fields that
 * differ); the rows root, every account's shares and the
 * shares root recomputed with the attribution rule and compared with the manifest and
 * `shares.json` (naming the accounts whose shares differ). Under rule v2 also every row's value,
 * near-copy mark and neighbour list, and the roots committing to them (see `verifyAttributionV2`).
 */
export async function verifyVersion(
  dir: string,
  options: { rpcUrl?: string } = {},
): Promise<VerifyVersionResult> {
  const problems: string[] = [];
  const manifest = manifestSchema.parse(
    JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')),
  );
  const files = {
    jsonl: await readFile(join(dir, manifest.rows.jsonl.name)),
    parquet: await readFile(join(dir, manifest.rows.parquet.name)),
    shares: await readFile(join(dir, manifest.shares.file.name)),
  };
  const attribution = manifest.attribution;
  // The CSV copy, the dataset card and the Croissant file (versions since they were added).
  const extra = [manifest.rows.csv, manifest.card?.readme, manifest.card?.croissant].filter(
    (entry) => entry !== undefined,
  );
  const extraFiles = await Promise.all(extra.map((entry) => readFile(join(dir, entry.name))));
  const entries: Array<[Buffer, Manifest['rows']['jsonl']]> = [
    [files.jsonl, manifest.rows.jsonl],
    [files.parquet, manifest.rows.parquet],
    [files.shares, manifest.shares.file],
    ...extra.map((entry, i) => [extraFiles[i] as Buffer, entry] as [Buffer, typeof entry]),
  ];
  if (attribution.rule === 'plaza-attribution/2') {
    const { values, neighbours, fidelity } = attribution.files;
    for (const entry of [values, neighbours, ...(fidelity ? [fidelity] : [])]) {
      const data = await readFile(join(dir, entry.name)).catch(() => null);
      if (data) entries.push([data, entry]);
    }
  }
  for (const [data, entry] of entries) {
    if (data.byteLength !== entry.bytes) {
      problems.push(`${entry.name}: ${data.byteLength} bytes, the manifest says ${entry.bytes}.`);
    }
    const hash = sha256(data);
    if (hash !== entry.sha256) {
      problems.push(`${entry.name}: sha256 ${hash} differs from the manifest's ${entry.sha256}.`);
    }
  }

  const lines = files.jsonl.toString('utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const rows: DatasetRow[] = [];
  lines.forEach((line, i) => {
    let row: DatasetRow;
    try {
      row = JSON.parse(line) as DatasetRow;
    } catch {
      problems.push(`rows.jsonl line ${i + 1} is not JSON.`);
      return;
    }
    if (rowLine(row) !== line) problems.push(`rows.jsonl line ${i + 1} is not in canonical form.`);
    if (row.index !== i) problems.push(`rows.jsonl line ${i + 1} has index ${row.index}.`);
    rows.push(row);
  });
  if (rows.length !== manifest.rows.count) {
    problems.push(`rows.jsonl has ${rows.length} rows, the manifest says ${manifest.rows.count}.`);
  }

  problems.push(...(await compareParquet(files.parquet, rows)));
  if (manifest.rows.csv) {
    const csv = extraFiles[0] as Buffer;
    const labelSchema = manifest.labelSchema as Parameters<typeof compareCsv>[2];
    problems.push(...compareCsv(csv.toString('utf8'), rows, labelSchema));
  }

  const built = await buildVersion(rows, {
    datasetId: BigInt(manifest.datasetId),
    version: manifest.version,
    weights: attribution.weights,
    total: BigInt(attribution.total),
    ...(attribution.rule === 'plaza-attribution/2'
      ? {
          rule: {
            rule: attribution.rule,
            params: attribution.params,
            beacon: attribution.beacon.value as `0x${string}`,
          },
        }
      : {}),
  });
  if (attribution.rule === 'plaza-attribution/2' && built.v2) {
    problems.push(...(await verifyAttributionV2(dir, attribution, built.v2)));
    if (
      attribution.beacon.kind === 'rows-root' &&
      attribution.beacon.value !== keccak256(built.rowsRoot)
    ) {
      problems.push(`beacon ${attribution.beacon.value} is not keccak256 of the rows root.`);
    }
    if (options.rpcUrl) {
      problems.push(...(await verifyBeacon(attribution, built.rowsRoot, options.rpcUrl)));
    }
  }
  if (built.rowsRoot !== manifest.rows.root) {
    problems.push(`rows root ${built.rowsRoot} differs from the manifest's ${manifest.rows.root}.`);
  }
  if (built.tree.root !== manifest.shares.root) {
    problems.push(
      `shares root ${built.tree.root} differs from the manifest's ${manifest.shares.root}.`,
    );
  }
  if (String(built.shares.totalShares) !== manifest.attribution.totalShares) {
    problems.push(
      `total shares ${built.shares.totalShares} differ from the manifest's ${manifest.attribution.totalShares}.`,
    );
  }
  const sharesFile = sharesFileSchema.parse(JSON.parse(files.shares.toString('utf8')));
  const stated = new Map(sharesFile.holders.map((h) => [h.account.toLowerCase(), h.amount]));
  const computed = new Map(built.shares.holders.map((h) => [h.account, String(h.amount)]));
  for (const account of new Set([...stated.keys(), ...computed.keys()])) {
    const a = stated.get(account) ?? '0';
    const b = computed.get(account as `0x${string}`) ?? '0';
    if (a !== b) {
      problems.push(`shares of ${account}: shares.json says ${a}, the rows give ${b}.`);
    }
  }
  if (sharesFile.tree.tree[0] !== built.tree.root) {
    problems.push(`shares.json's tree root ${sharesFile.tree.tree[0]} is not the recomputed root.`);
  }
  if (options.rpcUrl) {
    problems.push(...(await compareWithChain(dir, manifest, options.rpcUrl)));
  }
  return {
    manifest,
    problems,
    rowsRoot: built.rowsRoot,
    sharesRoot: built.tree.root,
    totalShares: built.shares.totalShares,
    holders: built.shares.holders.length,
  };
}
