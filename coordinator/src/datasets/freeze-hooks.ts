import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors.ts';
import type { BuiltVersion } from './build-version.ts';
import type { DatasetRow } from './dataset-row.ts';
import { frozenVersions, versionDir } from './freeze-version.ts';
import { manifestSchema } from './manifest.ts';

/** A step of a freeze, for progress reports. */
export type FreezeStep =
  | 'loading rows'
  | 'computing shares'
  | 'writing files'
  | 'uploading'
  | 'publishing';

/** Optional callbacks of a freeze: progress, and a check between computing and writing. */
export interface FreezeHooks {
  progress?: (step: FreezeStep, detail?: Record<string, number>) => void;
  /** Runs once the version is computed, before anything is written; throw to refuse it. */
  beforeWrite?: (rows: readonly DatasetRow[], built: BuiltVersion) => Promise<void> | void;
}

/** The rows root of a campaign's last frozen version, or null when it has none. */
export async function lastRowsRoot(exportsDir: string, campaignId: string): Promise<string | null> {
  const last = (await frozenVersions(exportsDir, campaignId)).at(-1);
  if (last === undefined) return null;
  const text = await readFile(
    join(versionDir(exportsDir, campaignId, last), 'manifest.json'),
    'utf8',
  );
  return manifestSchema.parse(JSON.parse(text)).rows.root;
}

/**
 * The checks of a safe freeze, as `beforeWrite`: refuses (FREEZE_UNDERLABELLED) when fewer than
 * `minLabelled` of the rows have a label, unless `force`; refuses always (VERSION_UNCHANGED) a
 * version whose rows root is the last version's: it would be the same dataset again.
 */
export function freezeGuards(params: {
  exportsDir: string;
  campaignId: string;
  minLabelled: number;
  force: boolean;
}): NonNullable<FreezeHooks['beforeWrite']> {
  return async (rows, built) => {
    const labelled = rows.filter((row) => row.label !== null).length;
    const share = rows.length === 0 ? 0 : labelled / rows.length;
    if (!params.force && share < params.minLabelled) {
      throw new AppError(
        'FREEZE_UNDERLABELLED',
        `Only ${labelled} of ${rows.length} rows (${(share * 100).toFixed(1)} %) have a label; freezing needs ${(params.minLabelled * 100).toFixed(0)} % (PLAZA_FREEZE_MIN_LABELLED). Label more, or force it.`,
        { details: { rows: rows.length, labelled, share, minLabelled: params.minLabelled } },
      );
    }
    const previous = await lastRowsRoot(params.exportsDir, params.campaignId);
    if (previous === built.rowsRoot) {
      throw new AppError(
        'VERSION_UNCHANGED',
        `The rows are the same as in the last version of "${params.campaignId}" (rows root ${previous}); nothing new to freeze.`,
        { details: { rowsRoot: previous } },
      );
    }
  };
}
