import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  chainEvent,
  claimedEvent,
  fakeGovernanceApi,
  HOLDER,
  HOLDER_2,
  manifestFixture,
  OPENS_AT,
  registeredEvent,
  versionProposedEvent,
} from '../../testing/governance-fixtures.ts';
import { DatasetsPage } from './datasets-page.tsx';

describe('DatasetsPage', () => {
  it('lists the versions found in the chain events, with manifest figures and top contributors', async () => {
    const api = fakeGovernanceApi({
      events: [
        registeredEvent(1n),
        versionProposedEvent(1),
        chainEvent('VersionActivated', { datasetId: 1n, version: 1 }),
        claimedEvent(HOLDER_2, 100_000n, 1, 2),
        claimedEvent(HOLDER, 300_000n, 1, 1),
        // Version 2's timelock runs for two more hours; version 3's is over, unrecorded.
        versionProposedEvent(2, { activatesAt: OPENS_AT + 7200 }),
      ],
      manifests: {
        1: manifestFixture(1),
        2: manifestFixture(2, {
          rows: { ...manifestFixture(2).rows, count: 2000 },
          createdAt: '2025-04-02T00:00:00.000Z',
        }),
      },
    });
    render(<DatasetsPage api={api} now={OPENS_AT} />);
    expect(await screen.findByRole('heading', { name: 'News 2025 · dataset #1' })).toBeTruthy();
    const rows = screen.getAllByTestId('version-row');
    expect(rows).toHaveLength(2);
    const [newest, oldest] = rows as [HTMLElement, HTMLElement];

    // Newest first: version 2 is in its timelock, not claimed yet.
    const v2 = within(newest);
    expect(v2.getByRole('link', { name: 'Version 2' }).getAttribute('href')).toBe(
      '#/datasets/news-2025/2',
    );
    expect(v2.getByTestId('version-status').getAttribute('data-status')).toBe('timelock');
    expect(v2.getByTestId('version-status').textContent).toMatch(
      /^Timelock · opens .* \(in 2 h\); the guardian may revoke it until then$/,
    );
    expect(v2.getByText('2,000')).toBeTruthy();
    expect(v2.getByText('No claims yet')).toBeTruthy();
    expect(v2.getByText('2025-04-02')).toBeTruthy();

    const v1 = within(oldest);
    expect(v1.getByRole('link', { name: 'Version 1' }).getAttribute('href')).toBe(
      '#/datasets/news-2025/1',
    );
    expect(v1.getByText('Open')).toBeTruthy();
    expect(v1.getByText('1,234')).toBeTruthy();
    expect(v1.getByText('0.50')).toBeTruthy();
    expect(v1.getByText('2 of 3 claimed')).toBeTruthy();
    // Top contributors: the largest claim first, with its share of the version's total.
    const top = v1.getAllByRole('listitem').map((item) => item.textContent);
    expect(top).toEqual(['0x7099…79c8 30.0 %', '0x3c44…93bc 10.0 %']);

    expect(api.events).toHaveBeenCalledWith({ name: 'VersionProposed' });
    expect(api.events).toHaveBeenCalledWith({ name: 'SharesClaimed' });
    expect(api.manifest).toHaveBeenCalledWith('news-2025', 2);
  });

  it('says when no version is on chain', async () => {
    render(
      <DatasetsPage api={fakeGovernanceApi({ events: [registeredEvent(1n)] })} now={OPENS_AT} />,
    );
    expect(await screen.findByTestId('no-datasets')).toBeTruthy();
  });

  it('shows a manifest it cannot load without hiding the version', async () => {
    const api = fakeGovernanceApi({ events: [versionProposedEvent(1)], manifests: {} });
    render(<DatasetsPage api={api} now={OPENS_AT} />);
    const row = await screen.findByTestId('version-row');
    expect(within(row).getByText(/No version 1/)).toBeTruthy();
    expect(within(row).getByRole('link', { name: 'Version 1' })).toBeTruthy();
  });
});
