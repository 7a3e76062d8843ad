import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';

/** One document of the frozen real-text corpus. */
export interface RealDocument {
  /** Its line number in the corpus, from 0. */
  id: number;
  /** Where it came from: `npm:<name>@<version>/<file>[#release]` or `deb:<package>/<file>[#upload]`. */
  source: string;
  /** The licence it is redistributed under (the package's `license` field, or Debian's note). */
  licence: string;
  text: string;
}

/** Reads `corpus.jsonl.gz` (see `build-corpus.ts` and README.md beside it). */
export async function loadRealCorpus(
  file = new URL('./corpus.jsonl.gz', import.meta.url),
): Promise<RealDocument[]> {
  const lines = gunzipSync(await readFile(file))
    .toString('utf8')
    .split('\n');
  return lines.filter((line) => line.length > 0).map((line) => JSON.parse(line) as RealDocument);
}
