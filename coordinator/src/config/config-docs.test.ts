import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { configSchema } from '../config.ts';
import {
  documentedVariables,
  README_MARKERS,
  renderConfigTables,
  renderEnvExample,
} from './config-docs.ts';
import { documented } from './config-meta.ts';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

describe('configuration docs', () => {
  it('document every variable of the schema, in a section', () => {
    const variables = documentedVariables();
    expect(variables.map((v) => v.name).sort()).toEqual(Object.keys(configSchema.shape).sort());
    expect(variables.filter((v) => v.section === 'undocumented').map((v) => v.name)).toEqual([]);
  });

  it('match the README table and .env.example (run `pnpm generate:config` when this fails)', () => {
    const readme = read('README.md');
    const start = readme.indexOf(README_MARKERS.start) + README_MARKERS.start.length;
    const end = readme.indexOf(README_MARKERS.end);
    expect(readme.slice(start, end).trim()).toBe(renderConfigTables());
    expect(read('.env.example')).toBe(renderEnvExample());
  });

  it('list a variable added without docs as undocumented, with its schema default', () => {
    const shape = {
      PLAZA_A: documented(z.string().default('x'), { section: 'server', description: 'a' }),
      PLAZA_NEW: z.coerce.number().default(3),
    };
    const variables = documentedVariables(shape);
    expect(variables.at(-1)).toMatchObject({
      name: 'PLAZA_NEW',
      section: 'undocumented',
      shownDefault: '`3`',
      example: '3',
    });
    expect(renderEnvExample(variables)).toContain(
      '# --- Undocumented ---\n# (undocumented)\nPLAZA_NEW=3',
    );
    expect(renderConfigTables(variables)).toContain('| `PLAZA_NEW` | `3`     | (undocumented) |');
  });
});
