// Measures what makes the code hard to keep (issue 21): non-test functions over 100 lines,
// non-test files over 300 lines, and `Number(` coercions of database values. Generated code
// (migrations, ABIs, contract bindings) and tests are left out.
// Usage: node scripts/code-measures.mjs [--list]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../test/package.json', import.meta.url));
const ts = require('typescript');

const root = new URL('..', import.meta.url);
const files = execFileSync('git', ['ls-files', '*.ts', '*.tsx', '*.mjs'], {
  cwd: root,
  encoding: 'utf8',
})
  .split('\n')
  .filter(Boolean)
  .filter((f) => !/\.test\.tsx?$|\/generated\/|\/migrations\/|\.d\.m?ts$/.test(f));

const longFunctions = [];
const longFiles = [];
let coercions = 0;
const coercionSites = [];
for (const file of files) {
  const text = readFileSync(new URL(file, root), 'utf8');
  const lines = text.split('\n').length;
  if (lines > 300) longFiles.push([file, lines]);
  // `Number(` of a row field (row.x, r.n …): a database value coerced where it is read.
  for (const match of text.matchAll(
    /Number\((?:row|rows?\[\d+\]|r|result|counts?|totals?|\w+Row|first|stats)[!?]?\.\w+/g,
  )) {
    coercions++;
    coercionSites.push(`${file}: ${match[0]}`);
  }
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const length = end - start + 1;
      if (length > 100) {
        const name = node.name?.getText() ?? node.parent?.name?.getText?.() ?? '(anonymous)';
        longFunctions.push([`${file}:${start + 1}`, name, length]);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}
console.log(`non-test functions over 100 lines: ${longFunctions.length}`);
console.log(`non-test files over 300 lines: ${longFiles.length}`);
console.log(`Number( coercions of database values: ${coercions}`);
if (process.argv.includes('--list')) {
  for (const [where, name, n] of longFunctions.sort((a, b) => b[2] - a[2]))
    console.log(`  fn ${n}\t${name}\t${where}`);
  for (const [file, n] of longFiles.sort((a, b) => b[1] - a[1]))
    console.log(`  file ${n}\t${file}`);
  for (const site of coercionSites) console.log(`  coerce ${site}`);
}
