import { NotFoundError } from '../errors.ts';
import { versionDir } from './freeze-version.ts';

/** Which frozen version to read. */
export interface VersionRef {
  campaignId: string;
  version: number;
}

/**
 * A per-process cache of something built from a frozen version's directory (a frozen version
 * never changes): each version is built once, a failed build is forgotten so the next call tries
 * again, the oldest entry goes when `maxEntries` are held, and a missing version is a
 * `NOT_FOUND` that names it.
 */
export function createVersionCache<T>(
  build: (dir: string) => Promise<T>,
  maxEntries: number,
): (exportsDir: string, ref: VersionRef) => Promise<T> {
  const entries = new Map<string, Promise<T>>();
  return (exportsDir, ref) => {
    const dir = versionDir(exportsDir, ref.campaignId, ref.version);
    let loading = entries.get(dir);
    if (!loading) {
      loading = build(dir);
      loading.catch(() => entries.delete(dir));
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
      entries.set(dir, loading);
    }
    return loading.catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new NotFoundError(
          'NOT_FOUND',
          `Campaign "${ref.campaignId}" has no version ${ref.version}.`,
        );
      }
      throw error;
    });
  };
}
