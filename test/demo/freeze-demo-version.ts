/**
 * The demo operator's freeze: `POST /v1/campaigns/:id/versions`, as `plaza freeze` does, forced past
 * the safe-freeze check (not every row is labelled), and the version's `shares.json` read back.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What the coordinator answers to a freeze, as far as the demo reads it. */
export interface FrozenVersion {
  dir: string;
  publication: { datasetId: string; activated: boolean } | null;
  manifest: {
    datasetId: string;
    version: number;
    rows: { count: number; root: string };
    shares: { root: string };
    attribution: {
      holders: number;
      totalShares: string;
      weights: { fetch: number; labels: number; compute: number };
    };
  };
}

/** A version's `shares.json`. */
export interface SharesFile {
  datasetId: string;
  version: number;
  holders: Array<{ account: string; amount: string }>;
}

/** Freezes (and publishes) a version of `campaignId`; throws with the coordinator's error code. */
export async function freezeDemoVersion(
  baseUrl: string,
  adminKey: string,
  campaignId: string,
): Promise<FrozenVersion> {
  const response = await fetch(`${baseUrl}/v1/campaigns/${campaignId}/versions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    // Not every row is labelled: force past the safe-freeze check.
    body: JSON.stringify({ force: true }),
  });
  const body = (await response.json()) as FrozenVersion & {
    error?: { code: string; message: string };
  };
  if (!response.ok) {
    throw new Error(`freeze failed: ${body.error?.code ?? response.status} ${body.error?.message}`);
  }
  return body;
}

/** Reads the frozen version's `shares.json`. */
export async function readSharesFile(dir: string): Promise<SharesFile> {
  return JSON.parse(await readFile(join(dir, 'shares.json'), 'utf8')) as SharesFile;
}
