import { describe, expect, it } from 'vitest';
import { formatTokenAmount, parseTokenAmount } from './token-amount.ts';

describe('formatTokenAmount', () => {
  it('writes whole tokens with exact decimals and thousands separators', () => {
    expect(formatTokenAmount(1_000_000_007n, 6)).toBe('1,000.000007');
    expect(formatTokenAmount(12_500_000n, 6, { symbol: 'TUSD' })).toBe('12.5 TUSD');
    expect(formatTokenAmount(0n, 6)).toBe('0');
    expect(formatTokenAmount(7n, 6)).toBe('0.000007');
    expect(formatTokenAmount(1234567n, 0)).toBe('1,234,567');
    expect(formatTokenAmount(-1_500_000n, 6)).toBe('-1.5');
  });

  it('keeps 18-decimal amounts exact where a float would not', () => {
    const amount = 123_456_789_012_345_678_901_234_567n;
    expect(formatTokenAmount(amount, 18)).toBe('123,456,789.012345678901234567');
  });

  it('cuts the fraction without rounding up', () => {
    expect(formatTokenAmount(1_999_999n, 6, { maxFractionDigits: 2 })).toBe('1.99');
    expect(formatTokenAmount(1_000_400n, 6, { maxFractionDigits: 3 })).toBe('1');
  });
});

describe('parseTokenAmount', () => {
  it('reads whole-token amounts into the smallest unit', () => {
    expect(parseTokenAmount('12.5', 6)).toEqual({ ok: true, amount: 12_500_000n });
    expect(parseTokenAmount(' 1,000 ', 6)).toEqual({ ok: true, amount: 1_000_000_000n });
    expect(parseTokenAmount('.25', 2)).toEqual({ ok: true, amount: 25n });
    expect(parseTokenAmount('3.', 6)).toEqual({ ok: true, amount: 3_000_000n });
    expect(parseTokenAmount('0.000001', 6)).toEqual({ ok: true, amount: 1n });
  });

  it('round-trips with formatTokenAmount', () => {
    const parsed = parseTokenAmount(formatTokenAmount(1_000_000_007n, 6), 6);
    expect(parsed).toEqual({ ok: true, amount: 1_000_000_007n });
  });

  it('refuses amounts it would have to round or guess', () => {
    expect(parseTokenAmount('1.0000001', 6)).toMatchObject({
      ok: false,
      message: expect.stringContaining('at most 6 digits'),
    });
    expect(parseTokenAmount('1.5', 0)).toMatchObject({ ok: false });
    for (const text of ['', ' ', '-1', '1e6', 'abc', '1.2.3', '.', '+3', '0x10']) {
      expect(parseTokenAmount(text, 6).ok).toBe(false);
    }
  });
});
