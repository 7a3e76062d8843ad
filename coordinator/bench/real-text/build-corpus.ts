import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { RealDocument } from './load-corpus.ts';

/**
 * Builds the frozen real-text corpus of the near-duplicate benchmark (`corpus.jsonl.gz`), from
 * text that ships with the workspace's npm packages and with Debian. Run by hand, once; the
 * benchmark reads only the committed file, so its figures do not depend on what is installed.
 *
 *   tsx bench/real-text/build-corpus.ts [pnpm store] [Debian doc dir] [common-licenses dir]
 *
 * Sources (each document records its own): npm packages' LICENSE files, READMEs (every version of
 * packages installed in several versions, and a hash-chosen sample of the others), CHANGELOG and
 * HISTORY files cut into one document per release; Debian's `changelog.Debian.gz` cut into one
 * document per upload (the first 4 of each package), `copyright` files, and the common licences.
 * Byte-identical texts (after trimming) are kept once, so every duplicate the benchmark sees
 * differs somewhere. Selection is by sorted path and hash, so the same inputs give the same file.
 */

const MAX_DOC_CHARS = 12_000;
const MIN_WORDS = 12;
const RELEASES_PER_CHANGELOG = 12;
const UPLOADS_PER_DEBIAN_CHANGELOG = 4;
/** One README in this many of the packages installed in one version only. */
const SINGLE_VERSION_README_SAMPLE = 5;

const here = fileURLToPath(new URL('./', import.meta.url));
const [storeArg, docArg, licensesArg] = process.argv.slice(2);
const store = storeArg ?? join(here, '../../../node_modules/.pnpm');
const debianDoc = docArg ?? '/usr/share/doc';
const commonLicenses = licensesArg ?? '/usr/share/common-licenses';

const documents: RealDocument[] = [];
const seen = new Set<string>();

function add(source: string, licence: string, text: string): void {
  const trimmed = text.replace(/\r\n?/g, '\n').trim();
  if (trimmed.length === 0 || trimmed.length > MAX_DOC_CHARS) return;
  if ((trimmed.match(/[\p{L}\p{N}]+/gu) ?? []).length < MIN_WORDS) return;
  const digest = createHash('sha256').update(trimmed).digest('hex');
  if (seen.has(digest)) return;
  seen.add(digest);
  documents.push({ id: documents.length, source, licence, text: trimmed });
}

function hashPick(key: string, oneIn: number): boolean {
  return createHash('sha256').update(key).digest().readUInt32BE(0) % oneIn === 0;
}

/** The package folders of the pnpm store: `{ name, version, dir, licence }`, sorted. */
function npmPackages() {
  const result: { name: string; version: string; dir: string; licence: string }[] = [];
  for (const entry of readdirSync(store).sort()) {
    const modules = join(store, entry, 'node_modules');
    if (!existsSync(modules)) continue;
    for (const scopeOrName of readdirSync(modules).sort()) {
      const dirs = scopeOrName.startsWith('@')
        ? readdirSync(join(modules, scopeOrName)).map((n) => join(modules, scopeOrName, n))
        : [join(modules, scopeOrName)];
      for (const dir of dirs) {
        const manifest = join(dir, 'package.json');
        if (!existsSync(manifest) || !entry.startsWith(scopeOrName.replace('/', '+'))) continue;
        const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as {
          name?: string;
          version?: string;
          license?: unknown;
        };
        if (!pkg.name || !pkg.version || !entry.startsWith(pkg.name.replace('/', '+'))) continue;
        const licence = typeof pkg.license === 'string' ? pkg.license : 'see LICENSE';
        result.push({ name: pkg.name, version: pkg.version, dir, licence });
      }
    }
  }
  return result;
}

function filesMatching(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir)
    .filter((f) => pattern.test(f) && statSync(join(dir, f)).isFile())
    .sort();
}

/** Splits a changelog at release headings (`## 1.2.3`, `## [1.2.3]`, `1.2.3 / 2020-01-01`). */
function splitReleases(text: string): string[] {
  const heading = /^(?:#{1,4}\s*)?\[?v?\d+\.\d+(?:\.\d+)?\b.*$/gm;
  const starts = [...text.matchAll(heading)].map((m) => m.index);
  return starts.map((start, i) => text.slice(start, starts[i + 1] ?? text.length));
}

function addNpm(): void {
  const packages = npmPackages();
  const versions = new Map<string, number>();
  for (const p of packages) versions.set(p.name, (versions.get(p.name) ?? 0) + 1);
  for (const p of packages) {
    const id = `npm:${p.name}@${p.version}`;
    for (const file of filesMatching(p.dir, /^licen[sc]e/i)) {
      add(`${id}/${file}`, p.licence, readFileSync(join(p.dir, file), 'utf8'));
    }
    if ((versions.get(p.name) ?? 0) > 1 || hashPick(p.name, SINGLE_VERSION_README_SAMPLE)) {
      for (const file of filesMatching(p.dir, /^readme(\.md|\.markdown|\.txt)?$/i)) {
        add(`${id}/${file}`, p.licence, readFileSync(join(p.dir, file), 'utf8'));
      }
    }
    for (const file of filesMatching(p.dir, /^(changelog|history)(\.md)?$/i)) {
      const releases = splitReleases(readFileSync(join(p.dir, file), 'utf8'));
      releases.slice(0, RELEASES_PER_CHANGELOG).forEach((release, i) => {
        add(`${id}/${file}#${i}`, p.licence, release);
      });
    }
  }
}

function addDebian(): void {
  for (const pkg of readdirSync(debianDoc).sort()) {
    const dir = join(debianDoc, pkg);
    const changelog = join(dir, 'changelog.Debian.gz');
    const licence = `Debian package ${pkg} (see its copyright file)`;
    if (existsSync(changelog)) {
      const text = gunzipSync(readFileSync(changelog)).toString('utf8');
      const uploads = text.split(/\n(?=\S[^\n]*\([^)]*\)[^\n]*urgency=)/);
      uploads.slice(0, UPLOADS_PER_DEBIAN_CHANGELOG).forEach((upload, i) => {
        add(`deb:${pkg}/changelog.Debian.gz#${i}`, licence, upload);
      });
    }
    const copyright = join(dir, 'copyright');
    if (existsSync(copyright) && statSync(copyright).isFile()) {
      add(`deb:${pkg}/copyright`, licence, readFileSync(copyright, 'utf8'));
    }
  }
  for (const file of readdirSync(commonLicenses).sort()) {
    const path = join(commonLicenses, file);
    if (statSync(path).isFile())
      add(`deb:common-licenses/${file}`, file, readFileSync(path, 'utf8'));
  }
}

addNpm();
addDebian();
const out = join(here, 'corpus.jsonl.gz');
const jsonl = documents.map((d) => JSON.stringify(d)).join('\n');
writeFileSync(out, gzipSync(`${jsonl}\n`, { level: 9 }));
console.log(`${documents.length} documents, ${jsonl.length} characters, written to ${out}`);
