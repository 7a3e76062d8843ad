// `pnpm generate:config`: writes the README's configuration tables and `.env.example` from the
// config schema (coordinator/src/config.ts), the single source of both.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  documentedVariables,
  renderConfigTables,
  renderEnvExample,
  replaceConfigTables,
} from '../src/config/config-docs.ts';

const root = new URL('../../', import.meta.url);
const readmePath = fileURLToPath(new URL('README.md', root));
const envPath = fileURLToPath(new URL('.env.example', root));

const variables = documentedVariables();
writeFileSync(
  readmePath,
  replaceConfigTables(readFileSync(readmePath, 'utf8'), renderConfigTables(variables)),
);
writeFileSync(envPath, renderEnvExample(variables));
const undocumented = variables.filter((v) => v.section === 'undocumented').map((v) => v.name);
console.log(`Wrote ${variables.length} variables to README.md and .env.example.`);
if (undocumented.length > 0) {
  console.error(
    `Undocumented (give them documented(...) in config.ts): ${undocumented.join(', ')}`,
  );
  process.exitCode = 1;
}
