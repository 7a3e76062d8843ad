import { describe, expect, it } from 'vitest';
import { requireChromium, requirement, requirePostgresServer } from './requirements.ts';

describe('requirement', () => {
  it('runs a suite whose need is met, and says nothing', () => {
    expect(requirement('x', 'a thing', {})).toEqual({ value: 'x', skip: false, note: '' });
  });

  it('skips with the reason outside CI, and fails under CI', () => {
    expect(requirement(undefined, 'a thing', {})).toEqual({
      value: undefined,
      skip: true,
      note: ' (skipped: a thing)',
    });
    expect(() => requirement(undefined, 'a thing', { CI: 'true' })).toThrow('CI needs a thing.');
  });

  it('finds the PostgreSQL server of the specs, preferring TEST_POSTGRES_URL', () => {
    expect(
      requirePostgresServer({
        TEST_POSTGRES_URL: 'postgres://a',
        TEST_DATABASE_URL: 'postgres://b',
      }).value,
    ).toBe('postgres://a');
    expect(requirePostgresServer({ TEST_DATABASE_URL: 'postgres://b' }).value).toBe('postgres://b');
    expect(() => requirePostgresServer({ CI: '1' })).toThrow(/PostgreSQL server/);
  });

  it('looks for Chromium where PLAZA_CHROMIUM_PATH says', () => {
    const missing = requireChromium({ PLAZA_CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(missing.skip).toBe(true);
    expect(missing.note).toContain('/nonexistent/chromium');
    expect(() =>
      requireChromium({ PLAZA_CHROMIUM_PATH: '/nonexistent/chromium', CI: 'true' }),
    ).toThrow(/Chromium at \/nonexistent\/chromium/);
  });
});
