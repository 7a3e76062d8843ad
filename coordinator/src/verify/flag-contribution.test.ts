import { describe, expect, it } from 'vitest';
import { type FlagInput, flagContribution } from './flag-contribution.ts';

const leasedAt = new Date('2026-03-01T12:00:00Z');
const honest: FlagInput = {
  url: 'https://news.example.com/a',
  finalUrl: 'https://www.news.example.com/a',
  outcome: 'accepted',
  fetchedAt: new Date('2026-03-01T12:00:05Z'),
  leasedAt,
  submittedAt: new Date('2026-03-01T12:00:09Z'),
  bodyBytes: 40_000,
  textChars: 3_000,
  joinedItemUrl: null,
};

describe('flagContribution', () => {
  it('raises nothing for a page fetched during its lease (a www. redirect is the same host)', () => {
    expect(flagContribution(honest)).toEqual([]);
  });

  it('flags a fetch time outside the lease, beyond a minute of clock skew', () => {
    expect(flagContribution({ ...honest, fetchedAt: new Date('2026-03-01T11:58:30Z') })).toEqual([
      'FETCHED_OUTSIDE_LEASE',
    ]);
    expect(flagContribution({ ...honest, fetchedAt: new Date('2026-03-01T11:59:30Z') })).toEqual(
      [],
    );
    expect(flagContribution({ ...honest, fetchedAt: new Date('2026-03-01T12:02:00Z') })).toEqual([
      'FETCHED_OUTSIDE_LEASE',
    ]);
  });

  it('flags more text than body, duplicates of another host, and redirects off the host', () => {
    expect(flagContribution({ ...honest, textChars: 50_000 })).toEqual(['TEXT_EXCEEDS_BODY']);
    expect(
      flagContribution({
        ...honest,
        outcome: 'duplicate',
        textChars: null,
        joinedItemUrl: 'https://other.example.org/x',
      }),
    ).toEqual(['DUPLICATE_FROM_OTHER_HOST']);
    expect(
      flagContribution({
        ...honest,
        outcome: 'near_duplicate',
        joinedItemUrl: 'https://news.example.com/b',
      }),
    ).toEqual([]);
    expect(flagContribution({ ...honest, finalUrl: 'https://elsewhere.example.net/' })).toEqual([
      'REDIRECTED_OFF_HOST',
    ]);
  });
});
