import { describe, expect, it } from 'vitest';
import {
  DEFAULT_COORDINATOR_URL,
  defaultSettings,
  loadSettings,
  migrateSettings,
  SETTINGS_KEY,
  type SettingsMigration,
  updateSettings,
} from './settings.ts';
import { createMemoryStore } from './storage/key-value-store.ts';

describe('migrateSettings', () => {
  it('gives the defaults, and nothing to write, when nothing is stored', () => {
    const result = migrateSettings(undefined);
    expect(result).toEqual({ settings: defaultSettings, changed: false, problems: [] });
    expect(defaultSettings).toMatchObject({
      version: 1,
      coordinatorUrl: DEFAULT_COORDINATOR_URL,
      paused: false,
      concurrency: 2,
      denyList: [],
      computeEnabled: false,
    });
  });

  it('migrates an unversioned record (version 0), keeping its values', () => {
    const result = migrateSettings({ paused: true, concurrency: 4, denyList: ['ads.example'] });
    expect(result.settings).toMatchObject({ version: 1, paused: true, concurrency: 4 });
    expect(result.settings.denyList).toEqual(['ads.example']);
    expect(result.changed).toBe(true);
    expect(result.problems).toEqual([]);
  });

  it('keeps a current record as it is', () => {
    const stored = { ...defaultSettings, dailyCapMb: 42, idleOnly: true };
    expect(migrateSettings(stored)).toEqual({ settings: stored, changed: false, problems: [] });
  });

  it('replaces only the invalid fields by their defaults and says which', () => {
    const result = migrateSettings({
      version: 1,
      concurrency: 9,
      dailyCapMb: -1,
      coordinatorUrl: 'ftp://coordinator.example',
      minBatteryPercent: 30,
      paused: true,
    });
    expect(result.settings).toMatchObject({
      concurrency: 2,
      dailyCapMb: 500,
      coordinatorUrl: DEFAULT_COORDINATOR_URL,
      minBatteryPercent: 30,
      paused: true,
    });
    expect(result.changed).toBe(true);
    expect(result.problems.map((p) => p.split(':')[0])).toEqual([
      'settings.coordinatorUrl',
      'settings.dailyCapMb',
      'settings.concurrency',
    ]);
  });

  it('drops unknown fields and survives garbage', () => {
    expect(migrateSettings({ version: 1, evil: '<script>' }).settings).toEqual(defaultSettings);
    for (const garbage of [null, 42, 'x', [1, 2]]) {
      const result = migrateSettings(garbage);
      expect(result.settings).toEqual(defaultSettings);
      expect(result.changed).toBe(true);
    }
  });

  it('runs every migration in order from the stored version', () => {
    const seen: number[] = [];
    const migrations: Record<number, SettingsMigration> = {
      0: (r) => {
        seen.push(0);
        return { ...r, version: 1, capMb: r.cap };
      },
      1: (r) => {
        seen.push(1);
        return { ...r, version: 2, dailyCapMb: r.capMb, capMb: undefined };
      },
      2: (r) => {
        seen.push(2);
        return { ...r, version: 3, denyList: String(r.deny).split(',') };
      },
    };
    const result = migrateSettings({ cap: 64, deny: 'a.example,b.example' }, migrations, 3);
    expect(seen).toEqual([0, 1, 2]);
    expect(result.settings.dailyCapMb).toBe(64);
    expect(result.settings.denyList).toEqual(['a.example', 'b.example']);
  });

  it('falls back to defaults when a migration step is missing', () => {
    const result = migrateSettings({ version: 1, paused: true }, {}, 2);
    expect(result.settings).toEqual(defaultSettings);
    expect(result.problems[0]).toContain('no migration from version 1');
  });

  it('keeps what it understands of a record from a newer build', () => {
    const result = migrateSettings({ version: 7, paused: true, gpuBudget: 3 });
    expect(result.settings.paused).toBe(true);
    expect(result.problems[0]).toContain('newer');
  });
});

describe('loadSettings and updateSettings', () => {
  it('writes a migrated record back once, and nothing on a fresh install', async () => {
    const fresh = createMemoryStore();
    await loadSettings(fresh);
    expect(fresh.dump()).toEqual({});

    const old = createMemoryStore({ [SETTINGS_KEY]: { paused: true } });
    await loadSettings(old);
    expect(old.dump()[SETTINGS_KEY]).toMatchObject({ version: 1, paused: true });
  });

  it('validates a patch and stores the whole record', async () => {
    const store = createMemoryStore();
    const next = await updateSettings(store, {
      concurrency: 4,
      coordinatorUrl: 'https://plaza.example.org/',
    });
    expect(next.coordinatorUrl).toBe('https://plaza.example.org');
    expect(store.dump()[SETTINGS_KEY]).toMatchObject({ version: 1, concurrency: 4 });
    await expect(updateSettings(store, { concurrency: 5 })).rejects.toThrow();
    await expect(
      updateSettings(store, { coordinatorUrl: 'http://u:p@x.example' }),
    ).rejects.toThrow();
    expect((await loadSettings(store)).concurrency).toBe(4);
  });
});
