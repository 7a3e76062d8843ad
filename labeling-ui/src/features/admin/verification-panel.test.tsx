import type { VerificationReport } from '@plaza/protocol';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { VerificationPanel } from './verification-panel.tsx';

const report: VerificationReport = {
  campaignId: 'news',
  generatedAt: '2026-11-22T08:00:00.000Z',
  verifyRate: 0.03,
  policy: {
    confirmSimilarity: 0.8,
    verifyAllBelow: 0.97,
    quarantineBelow: 0.93,
    quarantineMinFailed: 3,
  },
  checks: { confirmed: 40, failed: 6, pending: 2 },
  byReason: { sample: 10, reputation: 36, flagged: 2 },
  flags: {},
  contributions: { confirmed: 40, failed: 6, revoked: 3, new: 500 },
  similarityHistogram: [5, 1, 0, 0, 0, 0, 0, 0, 2, 38],
  recentFailures: [
    {
      contributionId: 'c-1',
      device: '0x00000000000000000000000000000000000000bb',
      url: 'https://news.example.com/made-up',
      similarity: 0.04,
      reason: 'reputation',
      checkedAt: '2026-11-22T07:59:00.000Z',
    },
  ],
  devices: [
    {
      address: '0x00000000000000000000000000000000000000aa',
      kind: 'extension',
      status: 'active',
      reputation: 0.98,
      confirmedChecks: 40,
      failedChecks: 0,
      contributions: 300,
      quarantine: null,
    },
    {
      address: '0x00000000000000000000000000000000000000bb',
      kind: 'extension',
      status: 'quarantined',
      reputation: 0.5,
      confirmedChecks: 5,
      failedChecks: 6,
      contributions: 60,
      quarantine: {
        reason: 'VERIFICATION_FAILED',
        message: 'Pages did not match.',
        at: '2026-11-22T07:59:30.000Z',
        reputation: 0.5,
        confirmedChecks: 5,
        failedChecks: 6,
      },
    },
  ],
};

describe('VerificationPanel', () => {
  it('charts the checks and similarities and lists devices worst first with the quarantine reason', () => {
    render(<VerificationPanel report={report} />);
    expect(screen.getByRole('heading', { name: 'Verification' })).toBeTruthy();
    expect(screen.getByText(/48 checks: 40 confirmed, 6 failed, 2 pending/)).toBeTruthy();
    expect(screen.getByText(/46 compared pages .* 40 at 0\.8 or above/)).toBeTruthy();
    expect(screen.getAllByTestId('chart-marker')).toHaveLength(1);
    const devices = screen.getByRole('table', {
      name: /Devices by reputation \(2, 1 quarantined\)/,
    });
    const rows = within(devices).getAllByRole('row').slice(1);
    expect(rows[0]?.textContent).toMatch(/quarantined: VERIFICATION_FAILED/);
    expect(rows[1]?.textContent).toMatch(/active/);
    const failures = screen.getByRole('table', { name: /Latest failed checks \(1\)/ });
    expect(within(failures).getByText('https://news.example.com/made-up')).toBeTruthy();
  });
});
