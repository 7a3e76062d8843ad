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
    expect(parseRoute('#/datasets')).toEqual({ name: 'datasets' });
    expect(parseRoute('#/datasets/news-2024/3')).toEqual({
      name: 'dataset-version',
      campaignId: 'news-2024',
      version: 3,
    });
  });

  it('falls back to the workspace for an empty or unknown hash', () => {
    expect(parseRoute('')).toEqual({ name: 'label' });
    expect(parseRoute('#/nowhere')).toEqual({ name: 'label' });
    expect(parseRoute('#/admin/a/b')).toEqual({ name: 'label' });
    expect(parseRoute('#/datasets/a/1/c')).toEqual({ name: 'label' });
  });

  it('falls back to the dataset list for a version that is not a positive integer', () => {
    expect(parseRoute('#/datasets/news')).toEqual({ name: 'datasets' });
    expect(parseRoute('#/datasets/news/0')).toEqual({ name: 'datasets' });
    expect(parseRoute('#/datasets/news/1.5')).toEqual({ name: 'datasets' });
    expect(parseRoute('#/datasets/news/-2')).toEqual({ name: 'datasets' });
  });

  it('reads the link page the extension opens, and the wallet signature added to it', () => {
    const device = `0x${'Ab'.repeat(20)}`;
    const ask = { device: device.toLowerCase(), nonce: 3, issuedAt: 1_772_366_400 };
    expect(parseRoute(`#/link/${device}/3/1772366400`)).toEqual({
      name: 'link',
      ask,
      signed: null,
    });
    const signed = { payout: `0x${'12'.repeat(20)}`, signature: `0x${'ee'.repeat(65)}` } as const;
    const route = { name: 'link', ask, signed } as const;
    expect(parseRoute(routeHref(route as never))).toEqual(route);
    expect(parseRoute(`#/link/${device}/0/1772366400`)).toEqual({ name: 'label' });
    expect(parseRoute('#/link/0x12/3/1772366400')).toEqual({ name: 'label' });
    // A malformed signature is no signature: the page asks the wallet again.
    expect(parseRoute(`#/link/${device}/3/1772366400/signed/0x12/0xzz`)).toEqual({
      name: 'link',
      ask,
      signed: null,
    });
  });

  it('round-trips through routeHref', () => {
    const route = { name: 'admin-campaign', campaignId: 'web-pages' } as const;
    expect(parseRoute(routeHref(route))).toEqual(route);
    const version = { name: 'dataset-version', campaignId: 'web pages', version: 12 } as const;
    expect(routeHref(version)).toBe('#/datasets/web%20pages/12');
    expect(parseRoute(routeHref(version))).toEqual(version);
  });
});
