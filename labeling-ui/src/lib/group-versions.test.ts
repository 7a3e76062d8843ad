import { describe, expect, it } from 'vitest';
import {
  chainEvent,
  claimedEvent,
  HOLDER,
  HOLDER_2,
  HOLDER_3,
  registeredEvent,
  versionProposedEvent,
} from '../testing/governance-fixtures.ts';
import { mergeEvents } from './chain-events.ts';
import { groupVersions, isVersionOpen, summarizeClaims } from './group-versions.ts';
import { parseManifestUri } from './manifest-uri.ts';

describe('groupVersions', () => {
  it('builds datasets and versions from registry events, newest first', () => {
    const events = [
      registeredEvent(1n),
      versionProposedEvent(1),
      chainEvent('VersionActivated', { datasetId: 1n, version: 1 }),
      versionProposedEvent(2),
      versionProposedEvent(3),
      chainEvent('VersionRevoked', { datasetId: 1n, version: 3 }),
      versionProposedEvent(1, { datasetId: 2n, campaignId: 'shops' }),
    ];
    // The coordinator answers newest first; grouping must not depend on it.
    const datasets = groupVersions([...events].reverse());
    expect(datasets.map((d) => d.datasetId)).toEqual([2n, 1n]);
    const [shops, news] = datasets;
    expect(shops?.params).toBeNull();
    expect(shops?.versions[0]).toMatchObject({
      campaignId: 'shops',
      version: 1,
      status: 'pending',
    });
    expect(news?.params?.quorumBps).toBe(2000);
    expect(news?.versions.map((v) => [v.version, v.status])).toEqual([
      [3, 'revoked'],
      [2, 'pending'],
      [1, 'active'],
    ]);
    expect(news?.versions[2]).toMatchObject({ campaignId: 'news-2025', totalShares: 1_000_000n });
  });

  it('opens a version when its timelock ends, recorded or not; never a revoked one', () => {
    const opensAt = 1_800_000_000;
    const [dataset] = groupVersions([
      registeredEvent(1n),
      versionProposedEvent(1, { activatesAt: opensAt }),
    ]);
    const version = dataset!.versions[0]!;
    expect(version).toMatchObject({ status: 'pending', claimDeadline: opensAt + 365 * 86_400 });
    expect(isVersionOpen(version, opensAt - 1)).toBe(false);
    expect(isVersionOpen(version, opensAt)).toBe(true);
    expect(isVersionOpen({ ...version, status: 'revoked' }, opensAt + 1)).toBe(false);
  });

  it('leaves out datasets that have no version yet', () => {
    expect(groupVersions([registeredEvent(7n)])).toEqual([]);
  });
});

describe('summarizeClaims', () => {
  it("ranks the version's holders by shares and sums them", () => {
    const events = [
      claimedEvent(HOLDER_2, 100_000n, 1, 2),
      claimedEvent(HOLDER, 300_000n, 1, 1),
      claimedEvent(HOLDER_3, 500_000n, 2, 0),
      claimedEvent(HOLDER_3, 100_000n, 1, 0),
    ];
    const summary = summarizeClaims(events, 1n, 1);
    expect(summary.holders.map((h) => [h.account, h.amount])).toEqual([
      [HOLDER, 300_000n],
      // Equal amounts: ordered by address, so the table never jumps.
      [HOLDER_2, 100_000n],
      [HOLDER_3, 100_000n],
    ]);
    expect(summary.claimedShares).toBe(500_000n);
  });
});

describe('mergeEvents', () => {
  it('keeps each event once, oldest first', () => {
    const a = chainEvent('VersionActivated', { datasetId: 1n, version: 1 }, 10);
    const b = chainEvent('VersionActivated', { datasetId: 1n, version: 2 }, 9);
    expect(mergeEvents([a, b], [b])).toEqual([b, a]);
  });
});

describe('parseManifestUri', () => {
  it("reads the campaign and version from the coordinator's manifest URI", () => {
    expect(parseManifestUri('/v1/datasets/news-2025/versions/3/manifest')).toEqual({
      campaignId: 'news-2025',
      version: 3,
    });
    expect(parseManifestUri('https://plaza.example/v1/datasets/web/versions/12/manifest')).toEqual({
      campaignId: 'web',
      version: 12,
    });
  });

  it('is null for any other URI', () => {
    expect(parseManifestUri('ipfs://bafy…')).toBeNull();
    expect(parseManifestUri('/v1/datasets/news/versions/0/manifest')).toBeNull();
    expect(parseManifestUri('/v1/datasets/a/b/versions/1/manifest')).toBeNull();
  });
});
