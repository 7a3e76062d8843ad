import type { VersionEarnings } from '@plaza/protocol';
import { describe, expect, it } from 'vitest';
import {
  claimUrl,
  formatSharePercent,
  formatTokenAmount,
  nextStep,
  totalEarnings,
} from './earnings.ts';

const TOKEN = '0x0000000000000000000000000000000000007e57' as const;
const tusd = { token: TOKEN, symbol: 'TUSD', decimals: 6 };

function version(overrides: Partial<VersionEarnings> = {}): VersionEarnings {
  return {
    campaignId: 'news',
    campaignName: 'News',
    version: 2,
    datasetId: '7',
    frozenAt: '2026-03-01T12:00:00.000Z',
    chain: 'active',
    shares: { totalShares: '999', minted: '1000', unallocated: '0', rounding: '1' },
    stakes: [
      {
        account: '0x00000000000000000000000000000000000000aa',
        shares: '333',
        sharesClaimed: '333',
        revenue: [{ ...tusd, claimable: '1500000', claimed: '7', afterShareClaim: '0' }],
      },
    ],
    ...overrides,
  };
}

describe('earnings in words and numbers', () => {
  it('writes shares as exact percentages, small stakes with more digits', () => {
    expect(formatSharePercent(1n, 3n)).toBe('33.33 %');
    expect(formatSharePercent(3n, 3n)).toBe('100.00 %');
    expect(formatSharePercent(1n, 1_000_000n)).toBe('0.0001 %');
    expect(formatSharePercent(1n, 10n ** 24n)).toBe('< 0.000001 %');
    expect(formatSharePercent(0n, 10n)).toBe('0 %');
    expect(formatSharePercent(1n, 0n)).toBe('—');
  });

  it("writes token amounts in the token's units with its symbol, exactly", () => {
    expect(formatTokenAmount(1_000_000_007n, tusd)).toBe('1,000.000007 TUSD');
    expect(formatTokenAmount(12_500_000n, tusd)).toBe('12.5 TUSD');
    expect(formatTokenAmount(0n, tusd)).toBe('0 TUSD');
    expect(formatTokenAmount(123n, { token: TOKEN, symbol: null, decimals: null })).toBe(
      '123 base units of 0x000000…',
    );
  });

  it('sums revenue per token over versions', () => {
    const [total] = totalEarnings({ versions: [version(), version({ version: 3 })] });
    expect(total).toMatchObject({ token: TOKEN, claimable: 3_000_000n, claimed: 14n });
  });

  it("links to the version's page in the web app and says what to do next", () => {
    expect(claimUrl('http://127.0.0.1:8787/', version())).toBe(
      'http://127.0.0.1:8787/#/datasets/news/2',
    );
    expect(nextStep(version())).toBe('Revenue is waiting: claim it.');
    const unclaimed = version();
    unclaimed.stakes[0]!.sharesClaimed = '0';
    expect(nextStep(unclaimed)).toBe('Claim your shares in the web app to be paid.');
    expect(nextStep(version({ chain: 'timelock' }))).toMatch(/timelock/);
    expect(nextStep(version({ stakes: [] }))).toBeNull();
  });
});
