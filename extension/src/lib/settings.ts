import { z } from 'zod';
import type { KeyValueStore } from './storage/key-value-store.ts';

/** The storage key of the settings record. */
export const SETTINGS_KEY = 'settings';

/** The version of the settings record this build writes. */
export const SETTINGS_VERSION = 1;

/** The coordinator `plaza start` serves by default. */
export const DEFAULT_COORDINATOR_URL = 'http://127.0.0.1:8787';

const coordinatorUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '';
    } catch {
      return false;
    }
  }, 'expected an http(s) URL without credentials')
  .transform((value) => value.replace(/\/+$/, ''));

/**
 * Every user setting, with its default. The worker reads them before each lease and each fetch;
 * the options page and the popup write them.
 */
export const settingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  /** The coordinator to lease from. @default 'http://127.0.0.1:8787' */
  coordinatorUrl: coordinatorUrlSchema.default(DEFAULT_COORDINATOR_URL),
  /** No lease, fetch or submission while paused. @default false */
  paused: z.boolean().default(false),
  /** Page bytes fetched per local day; work stops at the cap. @default 500 */
  dailyCapMb: z.number().min(0.1).max(1_000_000).default(500),
  /** Fetches at once. @default 2 */
  concurrency: z.number().int().min(1).max(4).default(2),
  /** Work only while the user is away (`idle.queryState` is not `active`). @default false */
  idleOnly: z.boolean().default(false),
  /** No work while the connection asks to save data (metered). @default true */
  pauseOnSaveData: z.boolean().default(true),
  /** On battery, work only above this charge (percent); 0 turns the check off. @default 20 */
  minBatteryPercent: z.number().int().min(0).max(100).default(20),
  /** Domains never fetched, with their subdomains (`normalizeDenyListEntry` forms). @default [] */
  denyList: z.array(z.string().trim().min(1).max(253)).max(1000).default([]),
  /** Lend GPU for pre-labeling (read by the pre-labeling worker). @default false */
  computeEnabled: z.boolean().default(false),
});

/** The parsed settings. */
export type Settings = z.output<typeof settingsSchema>;

/** What a user may change: every setting but `version`. */
export type SettingsPatch = Partial<Omit<Settings, 'version'>>;

/** The settings of a fresh install. */
export const defaultSettings: Settings = Object.freeze(
  settingsSchema.parse({ version: SETTINGS_VERSION }),
);

/** Turns a stored record of version `n` into one of version `n + 1`. */
export type SettingsMigration = (record: Record<string, unknown>) => Record<string, unknown>;

/**
 * Migrations by the version they start from. Version 0 is a record written without a version
 * (by hand, or by a build before versioning); it already has version 1's fields.
 */
export const settingsMigrations: Readonly<Record<number, SettingsMigration>> = {
  0: (record) => ({ ...record, version: 1 }),
};

/** Result of {@link migrateSettings}. */
export interface MigrateSettingsResult {
  settings: Settings;
  /** A stored record must be written back: it was migrated, or a field fell back to its default. */
  changed: boolean;
  /** One line per field that was dropped, for the log. */
  problems: string[];
}

/**
 * Reads a stored settings record of any version: migrates it step by step to
 * {@link SETTINGS_VERSION}, then validates each field on its own, so one bad value falls back to
 * its default without losing the others. A record from a newer build (after a downgrade) keeps the
 * fields this build understands.
 *
 * @example
 * migrateSettings({ paused: true }).settings.paused; // true (an unversioned record)
 * migrateSettings({ version: 1, concurrency: 9 }).settings.concurrency; // 2, with a problem
 */
export function migrateSettings(
  stored: unknown,
  migrations: Readonly<Record<number, SettingsMigration>> = settingsMigrations,
  target = SETTINGS_VERSION,
): MigrateSettingsResult {
  // Nothing stored: the defaults apply and nothing is written, so a first read never races with
  // (and overwrites) the user's first save.
  if (stored === undefined) return { settings: defaultSettings, changed: false, problems: [] };
  const problems: string[] = [];
  let record: Record<string, unknown>;
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
    problems.push('settings: not an object; using defaults');
    record = { version: target };
  } else {
    record = { ...(stored as Record<string, unknown>) };
  }
  let version = typeof record.version === 'number' ? record.version : 0;
  const from = version;
  while (version < target) {
    const migrate = migrations[version];
    if (!migrate) {
      problems.push(`settings: no migration from version ${version}; using defaults`);
      record = {};
      break;
    }
    record = migrate(record);
    version++;
  }
  if (version > target) problems.push(`settings: version ${version} is newer than ${target}`);

  const shape = settingsSchema.shape;
  const fields: Record<string, unknown> = { version: SETTINGS_VERSION };
  for (const key of Object.keys(shape) as (keyof typeof shape)[]) {
    if (key === 'version' || record[key] === undefined) continue;
    const parsed = shape[key].safeParse(record[key]);
    if (parsed.success) fields[key] = parsed.data;
    else problems.push(`settings.${key}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  const settings = Object.freeze(settingsSchema.parse(fields));
  return { settings, changed: from !== target || problems.length > 0, problems };
}

/** Reads the settings, migrating and repairing the stored record when needed. */
export async function loadSettings(store: KeyValueStore): Promise<Settings> {
  const { settings, changed } = migrateSettings(await store.get(SETTINGS_KEY));
  if (changed) await store.set({ [SETTINGS_KEY]: settings });
  return settings;
}

/** Applies a patch and stores the result. Throws a `ZodError` when the patch is invalid. */
export async function updateSettings(
  store: KeyValueStore,
  patch: SettingsPatch,
): Promise<Settings> {
  const current = await loadSettings(store);
  const next = Object.freeze(
    settingsSchema.parse({ ...current, ...patch, version: SETTINGS_VERSION }),
  );
  await store.set({ [SETTINGS_KEY]: next });
  return next;
}
