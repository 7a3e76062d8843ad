import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { dashboardFixture } from '../../testing/fixtures.ts';
import { DashboardView } from './dashboard-view.tsx';

describe('DashboardView', () => {
  it('draws every chart as a titled image described in words', () => {
    render(<DashboardView dashboard={dashboardFixture()} />);
    const titles = [
      'Frontier by status',
      'Pages fetched per minute',
      'Duplicate rate',
      'Quality score histogram',
      'Labeling progress: tasks by label count',
      'Tasks complete and reviewed',
      "Krippendorff's alpha",
    ];
    for (const title of titles) {
      const image = screen.getByRole('img', { name: title });
      const summary = image.getAttribute('aria-describedby');
      expect(summary && document.getElementById(summary)?.textContent).toBeTruthy();
    }
    expect(screen.getAllByRole('img')).toHaveLength(titles.length);
  });

  it('says what each chart shows', () => {
    render(<DashboardView dashboard={dashboardFixture()} />);
    expect(screen.getByText('120 queued, 30 leased and 400 done: 550 URLs.')).toBeTruthy();
    expect(
      screen.getByText('62 pages in the last 3 minutes; peak 40 a minute, latest 12 a minute.'),
    ).toBeTruthy();
    expect(screen.getByText('12.5 % of fetched pages were exact or near duplicates.')).toBeTruthy();
    expect(
      screen.getByText(
        '190 items; 169 (88.9 %) score at or above the quality floor 0.50. Most fall in 0.70–0.75.',
      ),
    ).toBeTruthy();
    expect(
      screen.getByText(
        /200 tasks \(50 with 0 labels, 60 with 1 label, 40 with 2 labels and 50 with 3\+ labels\); 50 complete, 5 reviewed/,
      ),
    ).toBeTruthy();
    expect(screen.getByText('Alpha is 0.820: reliable (at or above 0.8).')).toBeTruthy();
  });

  it('marks the quality floor and the alpha value', () => {
    const { container } = render(<DashboardView dashboard={dashboardFixture()} />);
    const histogram = screen.getByRole('img', { name: 'Quality score histogram' });
    expect(within(histogram as unknown as HTMLElement).getByText('floor 0.50')).toBeTruthy();
    // Ten bins lie under the floor of 0.5 and are drawn muted.
    expect(histogram.querySelectorAll('rect.bar.is-muted')).toHaveLength(10);
    expect(histogram.querySelectorAll('rect.bar')).toHaveLength(20);
    expect(container.querySelector('[data-testid="alpha-marker"]')?.textContent).toBe('α = 0.820');
  });

  it('lists the labelers with their accuracy and status', () => {
    render(<DashboardView dashboard={dashboardFixture()} />);
    const table = screen.getByRole('table', { name: 'Labelers (2)' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]?.textContent).toContain('91.0 %');
    expect(rows[2]?.textContent).toContain('paused');
  });

  it('reads an alpha not computed yet', () => {
    const dashboard = dashboardFixture();
    dashboard.labeling.alpha = null;
    dashboard.labeling.aggregatedAt = null;
    render(<DashboardView dashboard={dashboard} />);
    expect(
      screen.getByText('Not computed yet: it needs two labels on the same item.'),
    ).toBeTruthy();
    expect(document.querySelector('[data-testid="alpha-marker"]')).toBeNull();
  });
});
