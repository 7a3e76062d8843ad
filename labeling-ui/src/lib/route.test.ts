import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from './route.ts';

describe('parseRoute', () => {
  it('reads each page from the hash', () => {
    expect(parseRoute('#/label')).toEqual({ name: 'label' });
    expect(parseRoute('#/me')).toEqual({ name: 'me' });
    expect(parseRoute('#/review/')).toEqual({ name: 'review' });
    expect(parseRoute('#/admin')).toEqual({ name: 'admin' });
    expect(parseRoute('#/admin/news-2024')).toEqual({
      name: 'admin-campaign',
      campaignId: 'news-2024',
    });
  });

  it('falls back to the workspace for an empty or unknown hash', () => {
    expect(parseRoute('')).toEqual({ name: 'label' });
    expect(parseRoute('#/nowhere')).toEqual({ name: 'label' });
    expect(parseRoute('#/admin/a/b')).toEqual({ name: 'label' });
  });

  it('round-trips through routeHref', () => {
    const route = { name: 'admin-campaign', campaignId: 'web-pages' } as const;
    expect(parseRoute(routeHref(route))).toEqual(route);
  });
});
