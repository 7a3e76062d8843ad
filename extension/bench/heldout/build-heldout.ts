import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { DOMParser } from 'linkedom';
import { GENERATORS, type Generator } from './generators.ts';
import { truthText } from './truth-text.ts';

/**
 * Builds the frozen held-out extraction set (`html/<key>.html.gz`, `ground-truth.json.gz`) from
 * the HTML documentation that Debian packages install (see README.md beside this file). Run by
 * hand once, before any extraction rule was looked at against these pages; the benchmark reads
 * only the committed files.
 *
 *   tsx bench/heldout/build-heldout.ts [Debian doc dir]
 *
 * Per generator: every page in sorted order, the ones whose raw size is at most 200 kB and whose
 * ground truth has at least 150 words with at most 40 % of its characters in links (not an index
 * page), then up to 20 of them chosen by hash of their path.
 */

const PER_GENERATOR = 20;
const MAX_BYTES = 200_000;
const MIN_WORDS = 150;
const MAX_LINK_SHARE = 0.4;

const here = fileURLToPath(new URL('./', import.meta.url));
const docRoot = process.argv[2] ?? '/usr/share/doc';

function listHtml(dir: string, recursive: boolean): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) {
      if (recursive) files.push(...listHtml(path, true));
    } else if (/\.html?$/.test(name) && stat.size <= MAX_BYTES) {
      files.push(path);
    }
  }
  return files;
}

const rank = (key: string) => createHash('sha256').update(key).digest().readUInt32BE(0);

function pagesOf(generator: Generator) {
  const dir = join(docRoot, generator.dir);
  const chosen: { key: string; url: string; html: Buffer; articleBody: string }[] = [];
  const files = listHtml(dir, generator.recursive ?? false)
    .map((path) => ({ path, rel: relative(dir, path) }))
    .filter(({ rel }) => !(generator.skip?.test(rel) ?? false))
    .sort((a, b) => rank(a.rel) - rank(b.rel));
  for (const { path, rel } of files) {
    if (chosen.length >= PER_GENERATOR) break;
    const html = readFileSync(path);
    const doc = new DOMParser().parseFromString(
      html.toString('utf8'),
      'text/html',
    ) as unknown as Document;
    const truth = truthText(doc, generator);
    if (truth === undefined) continue;
    const words = truth.text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
    if (words < MIN_WORDS || truth.linkShare > MAX_LINK_SHARE) continue;
    const key = `${generator.name}-${rel.replace(/\.html?$/, '').replace(/[^A-Za-z0-9]+/g, '-')}`;
    const url = `https://${generator.name}.docs.invalid/${rel}`;
    chosen.push({ key, url, html, articleBody: truth.text });
  }
  return chosen;
}

const truthOut: Record<string, { url: string; generator: string; articleBody: string }> = {};
await mkdir(join(here, 'html'), { recursive: true });
for (const generator of GENERATORS) {
  const pages = pagesOf(generator);
  for (const page of pages) {
    writeFileSync(join(here, 'html', `${page.key}.html.gz`), gzipSync(page.html, { level: 9 }));
    truthOut[page.key] = {
      url: page.url,
      generator: generator.name,
      articleBody: page.articleBody,
    };
  }
  console.log(`${generator.name}: ${pages.length} pages`);
}
const sorted = Object.fromEntries(Object.entries(truthOut).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(join(here, 'ground-truth.json.gz'), gzipSync(`${JSON.stringify(sorted, null, 1)}\n`));
console.log(`${Object.keys(sorted).length} pages written to ${here}`);
