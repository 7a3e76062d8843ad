import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createPublicClient, type Hex, http } from 'viem';
import type { AttributionV2 } from './attribute-v2.ts';
import type { AttributionV2Manifest } from './manifest.ts';

/** At most this many differing rows are named per file (the count of the rest is stated). */
const NAMED = 20;

/** The lines of a JSONL file (without the empty string after the last newline). */
const jsonlLines = (text: string) => {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
};

/** The top-level fields whose JSON differs between a stated and a recomputed line. */
function differingFields(stated: string, computed: string): string[] {
  let a: Record<string, unknown>;
  try {
    a = JSON.parse(stated) as Record<string, unknown>;
  } catch {
    return ['(not JSON)'];
  }
  const b = JSON.parse(computed) as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]),
  );
}

/** Compares a JSONL file line by line with the recomputed lines, naming each differing line. */
function compareLines(
  name: string,
  stated: string[],
  computed: string[],
  label: (i: number) => string,
): string[] {
  const problems: string[] = [];
  if (stated.length !== computed.length) {
    problems.push(`${name} has ${stated.length} lines, the rows give ${computed.length}.`);
  }
  let differing = 0;
  for (let i = 0; i < Math.max(stated.length, computed.length); i++) {
    if (stated[i] === computed[i]) continue;
    differing++;
    if (differing > NAMED) continue;
    const fields =
      stated[i] === undefined || computed[i] === undefined
        ? ['(missing)']
        : differingFields(stated[i] as string, computed[i] as string);
    problems.push(`${name}: ${label(i)}: ${fields.join(', ')} differ from the recomputation.`);
  }
  if (differing > NAMED) problems.push(`${name}: ${differing - NAMED} more lines differ.`);
  return problems;
}

/**
 * Checks rule v2's part of a version against its recomputation from the rows: the Merkle roots of
 * features, neighbour lists and values in the manifest, and `values.jsonl` and `neighbours.jsonl`
 * line by line, naming every row whose value, near-copy mark or review flag differs and every
 * validation row whose neighbour list differs.
 */
export async function verifyAttributionV2(
  dir: string,
  attribution: AttributionV2Manifest,
  built: AttributionV2,
): Promise<string[]> {
  const problems: string[] = [];
  for (const [name, computed] of [
    ['features', built.trees.features.root],
    ['neighbours', built.trees.neighbours.root],
    ['values', built.trees.values.root],
  ] as const) {
    const stated = attribution.roots[name];
    if (stated !== computed) {
      problems.push(`${name} root ${computed} differs from the manifest's ${stated}.`);
    }
  }
  const read = (name: string) => readFile(join(dir, name), 'utf8').catch(() => null);
  const values = await read(attribution.files.values.name);
  const neighbours = await read(attribution.files.neighbours.name);
  if (values === null) problems.push(`${attribution.files.values.name} is missing.`);
  else {
    problems.push(
      ...compareLines(
        attribution.files.values.name,
        jsonlLines(values),
        built.values,
        (i) => `row ${i}`,
      ),
    );
  }
  if (neighbours === null) problems.push(`${attribution.files.neighbours.name} is missing.`);
  else {
    const drawn = built.valuation.validation;
    problems.push(
      ...compareLines(
        attribution.files.neighbours.name,
        jsonlLines(neighbours),
        built.neighbours,
        (i) => `line ${i + 1} (validation row ${drawn[i]?.row ?? '?'})`,
      ),
    );
  }
  for (const [key, value] of Object.entries(built.summary)) {
    const stated = attribution.summary[key as keyof typeof built.summary];
    if (JSON.stringify(stated) !== JSON.stringify(value)) {
      problems.push(
        `summary.${key}: the manifest says ${JSON.stringify(stated)}, the rows give ${JSON.stringify(value)}.`,
      );
    }
  }
  return problems;
}

/**
 * Checks a block beacon on chain: the transaction named in the manifest carries the rows root as
 * its data, and the beacon is the hash of the block that included it.
 */
export async function verifyBeacon(
  attribution: AttributionV2Manifest,
  rowsRoot: Hex,
  rpcUrl: string,
): Promise<string[]> {
  const beacon = attribution.beacon;
  if (beacon.kind !== 'block') return [];
  const client = createPublicClient({ transport: http(rpcUrl) });
  const tx = await client.getTransaction({ hash: beacon.txHash as Hex }).catch(() => null);
  if (!tx) return [`beacon: transaction ${beacon.txHash} is not on the chain.`];
  const problems: string[] = [];
  if (tx.input.toLowerCase() !== rowsRoot.toLowerCase()) {
    problems.push(
      `beacon: transaction ${beacon.txHash} commits to ${tx.input}, not the rows root ${rowsRoot}.`,
    );
  }
  if (tx.blockHash?.toLowerCase() !== beacon.value.toLowerCase()) {
    problems.push(
      `beacon: ${beacon.value} is not the hash of the block that included ${beacon.txHash} (${tx.blockHash}).`,
    );
  }
  return problems;
}
