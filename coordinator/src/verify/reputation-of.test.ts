import { describe, expect, it } from 'vitest';
import { reputationOf } from './reputation-of.ts';
import { shouldQuarantine } from './should-quarantine.ts';

const policy = { quarantineBelow: 0.93, quarantineMinFailed: 3 };

describe('reputationOf', () => {
  it('is the Beta(1, 1) posterior mean: 0.5 new, rising with confirmations, falling with failures', () => {
    expect(reputationOf({ confirmed: 0, failed: 0 })).toBe(0.5);
    expect(reputationOf({ confirmed: 8, failed: 0 })).toBeCloseTo(0.9, 10);
    expect(reputationOf({ confirmed: 32, failed: 0 })).toBeGreaterThanOrEqual(0.97);
    expect(reputationOf({ confirmed: 31, failed: 0 })).toBeLessThan(0.97);
    expect(reputationOf({ confirmed: 0, failed: 3 })).toBe(0.2);
  });
});

describe('shouldQuarantine', () => {
  it('needs the minimum of failed checks, however low the reputation', () => {
    expect(shouldQuarantine({ confirmed: 0, failed: 2 }, policy)).toBe(false);
    expect(shouldQuarantine({ confirmed: 0, failed: 3 }, policy)).toBe(true);
  });

  it('needs the reputation under the threshold, however many failures', () => {
    // (1 + 20) / (2 + 20 + 3) = 0.84 < 0.93
    expect(shouldQuarantine({ confirmed: 20, failed: 3 }, policy)).toBe(true);
    // (1 + 60) / (2 + 60 + 3) = 0.938: 3 failures in 63 checks are tolerated
    expect(shouldQuarantine({ confirmed: 60, failed: 3 }, policy)).toBe(false);
    // 10 % failures over a long record are not
    expect(shouldQuarantine({ confirmed: 180, failed: 20 }, policy)).toBe(true);
  });
});
