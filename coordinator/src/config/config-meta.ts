import type { z } from 'zod';

/**
 * The sections of the configuration, in the order the README table and `.env.example` list them.
 * A variable names its section in {@link documented}; the docs are generated from that.
 */
export const configSections = {
  server: 'Server',
  limits: 'Request limits',
  access: 'Keys and access',
  database: 'Database',
  chain: 'Chain',
  governance: 'Dataset governance on chain',
  crawling: 'Frontier and crawling',
  verification: 'Verification',
  labeling: 'Labeling',
  prelabel: 'Pre-labeling',
  datasets: 'Datasets and storage',
  integrations: 'Webhooks and integrations',
  cli: 'The plaza CLI',
} as const;

/** A key of {@link configSections}. */
export type ConfigSection = keyof typeof configSections;

/** What the docs say of one variable. */
export interface VariableDoc {
  section: ConfigSection;
  /** One sentence: what it does (Markdown allowed; `|` is escaped). */
  description: string;
  /**
   * The default as the docs show it, when the schema's own default does not say it well
   * (`generated`, a value computed from other variables). Omit to show the schema's default.
   */
  shownDefault?: string;
  /** The value `.env.example` gives (commented out when the variable has no default). */
  example?: string;
}

/**
 * Attaches docs to every variable of a shape defined elsewhere (keeping its types), so a module
 * that owns some variables (e.g. `chain/governance-config.ts`) is documented like the rest.
 */
export function documentedShape<T extends Record<string, z.ZodType>>(
  shape: T,
  docs: { [K in keyof T]: VariableDoc },
): T {
  return Object.fromEntries(
    Object.entries(shape).map(([name, schema]) => [
      name,
      documented(schema, docs[name as keyof T]),
    ]),
  ) as T;
}

/** The metadata key under which a variable's doc is registered on its zod schema. */
export const VARIABLE_DOC = 'plazaVariable';

/**
 * Attaches the docs of one environment variable to its schema (zod metadata), so the README table
 * and `.env.example` are generated from the schema itself.
 *
 * @example
 * PLAZA_PORT: documented(z.coerce.number().default(8787), { section: 'server', description: 'Port.' })
 */
export function documented<T extends z.ZodType>(schema: T, doc: VariableDoc): T {
  return schema.meta({ [VARIABLE_DOC]: doc }) as T;
}
