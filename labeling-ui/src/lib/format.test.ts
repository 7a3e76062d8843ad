import { describe, expect, it } from 'vitest';
import { formatDuration, formatFraction, formatUnixTime, shortAddress } from './format.ts';

describe('formatFraction', () => {
  it('is exact for shares of 10^24, cutting instead of rounding', () => {
    const total = 10n ** 24n;
    expect(formatFraction(total / 3n, total)).toBe('33.33 %');
    expect(formatFraction((total * 2n) / 3n, total)).toBe('66.66 %');
    expect(formatFraction(total, total, 0)).toBe('100 %');
    expect(formatFraction(5n, 10_000n, 3)).toBe('0.050 %');
    expect(formatFraction(1n, 0n)).toBe('—');
  });
});

describe('formatUnixTime', () => {
  it('writes UTC minutes', () => {
    expect(formatUnixTime(1_740_830_400)).toBe('2025-03-01 12:00 UTC');
  });
});

describe('formatDuration', () => {
  it('uses the two largest units', () => {
    expect(formatDuration(30 * 86_400)).toBe('30 days');
    expect(formatDuration(86_400 + 7200)).toBe('1 day 2 h');
    expect(formatDuration(2 * 3600 + 5 * 60 + 9)).toBe('2 h 5 min');
    expect(formatDuration(3600)).toBe('1 h');
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(-5)).toBe('0 s');
  });
});

describe('shortAddress', () => {
  it('keeps the start and the end', () => {
    expect(shortAddress('0x8ba1f109551bd432803012645ac136ddd64dba72')).toBe('0x8ba1…ba72');
  });
});
