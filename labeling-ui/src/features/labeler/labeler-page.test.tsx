import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { campaignFixture, fakeLabelingClient } from '../../testing/fixtures.ts';
import { LabelerPage } from './labeler-page.tsx';

describe('LabelerPage', () => {
  it('shows the numbers, the gold interval and the pause reason', async () => {
    const { client } = fakeLabelingClient([]);
    render(<LabelerPage client={client} campaign={campaignFixture()} />);
    expect(await screen.findByText('40')).toBeTruthy();
    expect(
      screen.getByText(/50.0 % \(95 % interval 25.0 %–75.0 %\) over 12 gold answers/),
    ).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain(
      'Your gold accuracy is under 70 %. (GOLD_BELOW_THRESHOLD)',
    );
    expect(screen.getByText('60.0 %')).toBeTruthy();
    expect(screen.getByText('0.55')).toBeTruthy();
  });

  it('says the quality figures are reported per batch, never per answer', async () => {
    const { client } = fakeLabelingClient([]);
    render(<LabelerPage client={client} campaign={campaignFixture()} />);
    const note = await screen.findByTestId('report-note');
    expect(note.textContent).toBe(
      'As of 2025-03-01 12:00 UTC; the next report comes after 7 more labels (they are reported once every 20 labels, never per answer).',
    );
  });
});
