import type { AttributionResponse, RowAttribution } from '@plaza/protocol';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RowValues } from './row-values.tsx';
import { whyText } from './row-values-view.tsx';

const row = (over: Partial<RowAttribution>): RowAttribution => ({
  index: 0,
  itemId: 10,
  contentHash: 'h',
  quality: 0.9,
  label: { kind: 'classification', class: 0 },
  status: 'valued',
  value: '100',
  raw: '100',
  valuePpm: 600_000,
  weightPpm: 400_000,
  nearCopy: null,
  helped: [{ validation: 7, rank: 2, similarity: 1_000_000, match: true, amount: '100' }],
  hurt: [],
  roles: { fetcher: '0x01', labelers: [], compute: [] },
  accountShares: '2000000000000000000000',
  ...over,
});

const answer: AttributionResponse = {
  campaignId: 'news',
  version: 1,
  rule: 'plaza-attribution/2',
  v2: {
    params: { k: 10, t: 100, nearCopy: 3_774_874, valueWeight: 700_000 },
    beacon: { kind: 'block', value: `0x${'ab'.repeat(32)}` },
    roots: {
      features: `0x${'01'.repeat(32)}`,
      neighbours: `0x${'02'.repeat(32)}`,
      values: `0x${'03'.repeat(32)}`,
    },
    summary: { rows: 3, nearCopies: 1, review: 1, validation: 40, knn: { correct: 30, total: 40 } },
  },
  fidelity: { modelAccuracy: 0.9, withoutTopValued: 0.8, withoutRandom: 0.88 },
  total: 3,
  offset: 0,
  rows: [
    row({}),
    row({
      index: 1,
      status: 'near_copy',
      nearCopy: { of: 0, similarity: 4_000_000 },
      helped: [],
      valuePpm: 0,
      weightPpm: 0,
    }),
    row({
      index: 2,
      status: 'review',
      helped: [],
      hurt: [{ validation: 5, rank: 1, similarity: 9, match: false, amount: '-3' }],
    }),
  ],
};

describe('RowValues', () => {
  it("shows the rule's figures and each row's status and why, with the account's shares", async () => {
    const calls: unknown[] = [];
    const client = {
      datasetAttribution: async (...args: unknown[]) => {
        calls.push(args);
        return answer;
      },
    };
    render(<RowValues client={client} campaignId="news" version={1} account="0xabc" />);
    expect(await screen.findByText('Helped the model')).toBeTruthy();
    expect(calls).toEqual([['news', 1, { account: '0xabc', limit: 100 }]]);
    expect(screen.getByText(/Near-copy of an earlier row: earns nothing/)).toBeTruthy();
    expect(screen.getByText(/95.4 % similar to row 0, which came first/)).toBeTruthy();
    expect(screen.getByText(/Sent to review/)).toBeTruthy();
    expect(screen.getByText(/KNN is right on 75.0 %/)).toBeTruthy();
    expect(screen.getByText(/campaign model on 90.0 %/)).toBeTruthy();
    expect(screen.getAllByText('60.00 %')).toHaveLength(2);
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toContain('Your shares');
  });

  it('says why in plain words', () => {
    expect(whyText(row({}))).toBe(
      'Helped 1 validation row (most: row 7, where it was neighbour no. 2).',
    );
    expect(whyText(row({ helped: [], hurt: [] }))).toBe(
      'No validation row had it among its nearest rows.',
    );
  });
});
