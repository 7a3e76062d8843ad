/**
 * The demo's closing summary: who contributed what, and who was paid what (one row per device,
 * labeler and other holder), as data and as the narrated table with its notes on the payout rule.
 */
import type { DaoLifecycleResult } from '../harness/dao-lifecycle.ts';
import { formatUnits6 } from '../harness/dao-lifecycle.ts';
import type { DeviceTally } from './crawl-with-devices.ts';
import type { LabelerTally } from './label-items.ts';
import { formatColumns } from './narrator.ts';

/** One row of the demo's summary: a person, what they did, what they own and were paid. */
export interface DemoPerson {
  name: string;
  role: 'device' | 'labeler' | 'other';
  address: `0x${string}`;
  /** Devices: pages fetched, and what became of them. */
  fetched: number | null;
  accepted: number | null;
  duplicates: number | null;
  lowQuality: number | null;
  /** Labelers: labels given. */
  labels: number | null;
  shares: bigint;
  /** Share of the dataset version, in percent. */
  sharePercent: number;
  /** Stablecoin paid by the license (6 decimals), and what the attribution promises. */
  revenue: bigint;
  expectedRevenue: bigint;
  matches: boolean;
}

/** One row per device, labeler and other holder: what they did, hold and were paid. */
export function summarizePeople(
  devices: readonly DeviceTally[],
  labelers: readonly LabelerTally[],
  lifecycle: DaoLifecycleResult,
  shares: { holders: ReadonlyArray<{ account: string; amount: string }> },
): DemoPerson[] {
  const total = shares.holders.reduce((n, h) => n + BigInt(h.amount), 0n);
  const outcome = (address: string) =>
    lifecycle.holders.find((h) => h.address.toLowerCase() === address.toLowerCase());
  const money = (address: string) => {
    const o = outcome(address);
    const amount = o?.shares ?? 0n;
    return {
      shares: amount,
      sharePercent: total === 0n ? 0 : Number((amount * 1_000_000n) / total) / 10_000,
      revenue: o?.revenue ?? 0n,
      expectedRevenue: o?.expectedRevenue ?? 0n,
      matches: o?.matches ?? true,
    };
  };
  const known = new Set([...devices, ...labelers].map((p) => p.address.toLowerCase()));
  return [
    ...devices.map(
      (d): DemoPerson => ({
        name: d.name,
        role: 'device',
        address: d.address,
        fetched: d.fetched,
        accepted: d.outcomes.accepted,
        duplicates: d.outcomes.duplicate + d.outcomes.near_duplicate,
        lowQuality: d.outcomes.low_quality,
        labels: null,
        ...money(d.address),
      }),
    ),
    ...labelers.map(
      (l): DemoPerson => ({
        name: l.name,
        role: 'labeler',
        address: l.address,
        fetched: null,
        accepted: null,
        duplicates: null,
        lowQuality: null,
        labels: l.labels,
        ...money(l.address),
      }),
    ),
    // Anyone else holding shares (compute devices, when a campaign uses them).
    ...lifecycle.holders
      .filter((h) => !known.has(h.address.toLowerCase()))
      .map(
        (h): DemoPerson => ({
          name: `holder ${h.address.slice(0, 10)}…`,
          role: 'other',
          address: h.address,
          fetched: null,
          accepted: null,
          duplicates: null,
          lowQuality: null,
          labels: null,
          ...money(h.address),
        }),
      ),
  ];
}

/** The summary as a table: the people's rows under a header. */
export function formatPeopleTable(people: readonly DemoPerson[]): string {
  return formatColumns([
    [
      'person',
      'fetched',
      'accepted',
      'duplicates',
      'low quality',
      'labels',
      'share',
      'paid (TestUSD)',
      'expected',
      'match',
    ],
    ...people.map((p) => [
      p.name,
      dash(p.fetched),
      dash(p.accepted),
      dash(p.duplicates),
      dash(p.lowQuality),
      dash(p.labels),
      `${p.sharePercent.toFixed(2)}%`,
      formatUnits6(p.revenue),
      formatUnits6(p.expectedRevenue),
      p.matches ? '✓' : '✗',
    ]),
  ]);
}

/** The notes under the table: what the buyer paid, and how a row's value is shared. */
export function describePayoutRule(
  lifecycle: Pick<DaoLifecycleResult, 'price' | 'fee'>,
  weights: { fetch: number; labels: number; compute: number },
): string[] {
  const percent = (w: number) => `${Math.round(w * 100)} %`;
  return [
    `The buyer paid ${formatUnits6(lifecycle.price)} TestUSD` +
      (lifecycle.fee > 0n ? `; the dataset fee took ${formatUnits6(lifecycle.fee)}.` : '.'),
    `Each row's value (its quality) goes ${percent(weights.fetch)} to the device that fetched it, ` +
      `${percent(weights.labels)} to its labelers`,
    `by their Dawid–Skene posterior, ${percent(weights.compute)} to compute (nobody here: unallocated). ` +
      'Revenue per share is floored:',
    'at most one unit per holder stays in the contract.',
  ];
}

const dash = (n: number | null) => (n === null ? '—' : String(n));
