import type { EarningsResponse } from '@plaza/protocol';
import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { MyEarnings } from './my-earnings.tsx';

const ACCOUNT = '0x00000000000000000000000000000000000000aa';
const TOKEN = '0x0000000000000000000000000000000000007e57';

const answer: EarningsResponse = {
  address: ACCOUNT,
  indexedThrough: 42,
  versions: [
    {
      campaignId: 'news',
      campaignName: 'News',
      version: 2,
      datasetId: '7',
      frozenAt: '2026-03-01T12:00:00.000Z',
      chain: 'active',
      shares: { totalShares: '3000', minted: '3010', unallocated: '9', rounding: '1' },
      stakes: [
        {
          account: ACCOUNT,
          shares: '1000',
          sharesClaimed: '1000',
          revenue: [
            {
              token: TOKEN,
              symbol: 'TUSD',
              decimals: 6,
              claimable: '1000000007',
              claimed: '2500000',
              afterShareClaim: '0',
            },
          ],
        },
      ],
    },
    { ...({} as EarningsResponse['versions'][number]), campaignId: 'other', version: 1 },
  ],
};

describe('MyEarnings', () => {
  it("shows this campaign's shares as a percentage, the exact integer on hover, and the revenue", async () => {
    const client = { accountEarnings: vi.fn(async () => answer) };
    render(<MyEarnings client={client} campaignId="news" account={ACCOUNT} />);
    const table = await screen.findByTestId('my-earnings');
    expect(client.accountEarnings).toHaveBeenCalledWith(ACCOUNT);
    expect(screen.getAllByTestId('my-earnings-version')).toHaveLength(1);
    const percent = screen.getByText('33.33 %');
    expect(percent.getAttribute('title')).toBe('1,000 of 3,000 shares');
    expect(table.textContent).toContain('1,000.000007 TUSD');
    expect(table.textContent).toContain('2.5 TUSD');
    expect(table.textContent).toContain('9 unallocated · 1 rounding remainder');
    expect(screen.getByRole('link', { name: 'Version 2' }).getAttribute('href')).toBe(
      '#/datasets/news/2',
    );
  });

  it('says when the account holds nothing yet, and shows a failure', async () => {
    const empty = { accountEarnings: vi.fn(async () => ({ ...answer, versions: [] })) };
    const { unmount } = render(<MyEarnings client={empty} campaignId="news" account={ACCOUNT} />);
    expect(await screen.findByText(/You hold no shares/)).toBeTruthy();
    unmount();
    const failing = {
      accountEarnings: vi.fn(async () => {
        throw new Error('The coordinator is down.');
      }),
    };
    render(<MyEarnings client={failing} campaignId="news" account={ACCOUNT} />);
    expect((await screen.findByRole('alert')).textContent).toContain('The coordinator is down.');
  });
});
