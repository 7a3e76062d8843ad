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
  const manifest = manifestSchema.parse(
    JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')),
  );
  const files = await readVersionFiles(dir, manifest);
  const { rows, problems: rowProblems } = readRows(files.jsonl, manifest);
  const problems = [...checkFileHashes(files.entries), ...rowProblems];
  problems.push(...(await compareParquet(files.parquet, rows)));
  if (manifest.rows.csv && files.csv) {
    const labelSchema = manifest.labelSchema as Parameters<typeof compareCsv>[2];
    problems.push(...compareCsv(files.csv.toString('utf8'), rows, labelSchema));
  }
  const built = await rebuildVersion(rows, manifest);
  problems.push(...(await checkAttributionV2(dir, manifest, built, options.rpcUrl)));
  problems.push(...checkRoots(built, manifest));
  problems.push(...checkSharesFile(files.shares, built));
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

type FileEntry = Manifest['rows']['jsonl'];

/**
 * The version's files and, for the hash check, each with its manifest entry: rows (JSONL,
 * Parquet, CSV), shares, the dataset card and Croissant file (versions since they were added),
 * and rule v2's files that exist.
 */
async function readVersionFiles(dir: string, manifest: Manifest) {
  const read = (entry: FileEntry) => readFile(join(dir, entry.name));
  const jsonl = await read(manifest.rows.jsonl);
  const parquet = await read(manifest.rows.parquet);
  const shares = await read(manifest.shares.file);
  const extra = [manifest.rows.csv, manifest.card?.readme, manifest.card?.croissant].filter(
    (entry) => entry !== undefined,
  );
  const extraFiles = await Promise.all(extra.map(read));
  const entries: Array<[Buffer, FileEntry]> = [
    [jsonl, manifest.rows.jsonl],
    [parquet, manifest.rows.parquet],
    [shares, manifest.shares.file],
    ...extra.map((entry, i) => [extraFiles[i] as Buffer, entry] as [Buffer, FileEntry]),
  ];
  const attribution = manifest.attribution;
  if (attribution.rule === 'plaza-attribution/2') {
    const { values, neighbours, fidelity } = attribution.files;
    for (const entry of [values, neighbours, ...(fidelity ? [fidelity] : [])]) {
      const data = await read(entry).catch(() => null);
      if (data) entries.push([data, entry]);
    }
  }
  const csv = manifest.rows.csv ? (extraFiles[0] as Buffer) : null;
  return { jsonl, parquet, shares, csv, entries };
}

/** Each file's size and sha256 against its manifest entry. */
function checkFileHashes(entries: ReadonlyArray<[Buffer, FileEntry]>): string[] {
  const problems: string[] = [];
  for (const [data, entry] of entries) {
    if (data.byteLength !== entry.bytes) {
      problems.push(`${entry.name}: ${data.byteLength} bytes, the manifest says ${entry.bytes}.`);
    }
    const hash = sha256(data);
    if (hash !== entry.sha256) {
      problems.push(`${entry.name}: sha256 ${hash} differs from the manifest's ${entry.sha256}.`);
    }
  }
  return problems;
}

/** The JSONL rows, each checked to be JSON, in canonical form and at its index. */
function readRows(jsonl: Buffer, manifest: Manifest): { rows: DatasetRow[]; problems: string[] } {
  const problems: string[] = [];
  const lines = jsonl.toString('utf8').split('\n');
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
  return { rows, problems };
}

type BuiltVersion = Awaited<ReturnType<typeof buildVersion>>;

/** The version rebuilt from its rows with the manifest's attribution rule and parameters. */
function rebuildVersion(rows: readonly DatasetRow[], manifest: Manifest): Promise<BuiltVersion> {
  const attribution = manifest.attribution;
  return buildVersion([...rows], {
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
}

/** Under rule v2: the values, neighbours and their roots, and the beacon (on chain with an RPC). */
async function checkAttributionV2(
  dir: string,
  manifest: Manifest,
  built: BuiltVersion,
  rpcUrl: string | undefined,
): Promise<string[]> {
  const attribution = manifest.attribution;
  if (attribution.rule !== 'plaza-attribution/2' || !built.v2) return [];
  const problems = await verifyAttributionV2(dir, attribution, built.v2);
  if (
    attribution.beacon.kind === 'rows-root' &&
    attribution.beacon.value !== keccak256(built.rowsRoot)
  ) {
    problems.push(`beacon ${attribution.beacon.value} is not keccak256 of the rows root.`);
  }
  if (rpcUrl) problems.push(...(await verifyBeacon(attribution, built.rowsRoot, rpcUrl)));
  return problems;
}

/** The recomputed rows root, shares root and total shares against the manifest. */
function checkRoots(built: BuiltVersion, manifest: Manifest): string[] {
  const problems: string[] = [];
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
  return problems;
}

/** `shares.json`'s holders and tree root against the recomputed shares. */
function checkSharesFile(shares: Buffer, built: BuiltVersion): string[] {
  const problems: string[] = [];
  const sharesFile = sharesFileSchema.parse(JSON.parse(shares.toString('utf8')));
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
  return problems;
}
