import { describe, expect, it } from 'vitest';
import { selectForCheck } from './select-for-check.ts';

const base = { reputation: 0.99, flags: [], verifyRate: 0.03, verifyAllBelow: 0.97, draw: 0.5 };

describe('selectForCheck', () => {
  it('checks every flagged contribution, whatever the reputation', () => {
    expect(selectForCheck({ ...base, flags: ['TEXT_EXCEEDS_BODY'] })).toBe('flagged');
  });

  it('checks every contribution of a device under the watch threshold (new devices start at 0.5)', () => {
    expect(selectForCheck({ ...base, reputation: 0.5 })).toBe('reputation');
    expect(selectForCheck({ ...base, reputation: 0.969 })).toBe('reputation');
  });

  it('samples trusted devices at the campaign rate', () => {
    expect(selectForCheck({ ...base, draw: 0.029 })).toBe('sample');
    expect(selectForCheck({ ...base, draw: 0.03 })).toBeNull();
    expect(selectForCheck({ ...base, verifyRate: 0, draw: 0 })).toBeNull();
    expect(selectForCheck({ ...base, verifyRate: 1, draw: 0.999 })).toBe('sample');
  });
});
