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
});
