import type { ReviewItem } from '@plaza/protocol';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { campaignFixture } from '../../testing/fixtures.ts';
import { ReviewQueue } from './review-queue.tsx';

function item(itemId: number, aggregateClass: number): ReviewItem {
  return {
    itemId,
    campaignId: 'news-2025',
    title: `Disputed ${itemId}`,
    text: 'Some text.',
    labels: [
      {
        labeler: '0x8ba1f109551bd432803012645ac136ddd64dba72',
        value: { kind: 'classification', class: 0 },
        posterior: 0.6,
      },
      {
        labeler: '0x00000000000000000000000000000000000000aa',
        value: { kind: 'classification', class: 1 },
        posterior: 0.4,
      },
    ],
    aggregate: {
      value: { kind: 'classification', class: aggregateClass },
      confidence: 0.55,
      agreement: 0.5,
      method: 'dawid-skene',
    },
  };
}

describe('ReviewQueue', () => {
  it('resolves with the workspace keys: a class and Enter, or Enter for the aggregate', async () => {
    const client = {
      reviewItems: vi.fn(async () => ({ items: [item(7, 0), item(8, 2)] })),
      resolveReview: vi.fn(async () => ({ count: 1 })),
    };
    render(<ReviewQueue client={client} campaign={campaignFixture()} />);
    const first = await screen.findByTestId('review-item');
    expect(first.getAttribute('data-item-id')).toBe('7');
    expect(screen.getByText(/dawid-skene/)).toBeTruthy();
    expect(screen.getByText('0.60')).toBeTruthy();

    fireEvent.keyDown(document.body, { key: '2' });
    fireEvent.keyDown(document.body, { key: 'Enter' });
    await waitFor(() =>
      expect(client.resolveReview).toHaveBeenCalledWith(7, { kind: 'classification', class: 1 }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('review-item').getAttribute('data-item-id')).toBe('8'),
    );
    fireEvent.keyDown(document.body, { key: 'Enter' });
    await waitFor(() =>
      expect(client.resolveReview).toHaveBeenLastCalledWith(8, {
        kind: 'classification',
        class: 2,
      }),
    );
    expect(await screen.findByText(/Nothing to review/)).toBeTruthy();
  });
});
