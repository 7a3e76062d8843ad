import type { EarningsRow, VersionRows } from '@plaza/protocol';
import { describe, expect, it } from 'vitest';
import { countStatuses, explainRow, formatPpm, formatSimilarity } from './earnings-rows.ts';

function row(overrides: Partial<EarningsRow> = {}): EarningsRow {
  return {
    index: 4,
    itemId: 40,
    contentHash: 'ab',
    status: 'valued',
    value: '4294967296',
    raw: '4294967296',
    valuePpm: 250_000,
    weightPpm: 187_500,
    nearCopy: null,
    helped: [
      { validation: 9, rank: 1, similarity: 3_000_000, match: true, amount: '3000000000' },
      { validation: 2, rank: 3, similarity: 2_000_000, match: true, amount: '1294967296' },
    ],
    helpedCount: 2,
    hurtCount: 0,
    ...overrides,
  };
}

describe('a row of the earnings view', () => {
  it('formats millionths and similarities exactly', () => {
    expect(formatPpm(187_500)).toBe('18.75 %');
    expect(formatPpm(1_000_000)).toBe('100 %');
    expect(formatPpm(1)).toBe('0.0001 %');
    expect(formatPpm(0)).toBe('0 %');
    expect(formatSimilarity(2048 * 2048)).toBe('100 %');
    expect(formatSimilarity(3_774_874)).toBe('90 %');
  });

  it('names the validation rows a valued row helped, and how many more', () => {
    expect(explainRow(row())).toBe('It helped 2 validation rows agree with their labels (#9, #2).');
    expect(explainRow(row({ helpedCount: 7 }))).toBe(
      'It helped 7 validation rows agree with their labels (#9, #2 and 5 more).',
    );
  });

  it('says a near-copy earns nothing and which row it copies', () => {
    const copy = row({
      status: 'near_copy',
      value: '0',
      nearCopy: { of: 1, similarity: 4_000_000 },
      helped: [],
      helpedCount: 0,
    });
    expect(explainRow(copy)).toBe(
      'A near-copy of row #1 (95 % similar), which came first: copies earn nothing.',
    );
  });

  it('says a negative row is sent to review, never charged', () => {
    expect(explainRow(row({ status: 'review', hurtCount: 1, helped: [], helpedCount: 0 }))).toMatch(
      /^Its measured value was negative \(its label disagreed with 1 validation row\): never charged/,
    );
    expect(explainRow(row({ status: 'quality_only' }))).toMatch(/rule v1/);
    expect(explainRow(row({ status: 'unlabeled' }))).toMatch(/no label yet/);
    expect(explainRow(row({ status: 'unvalued' }))).toMatch(/No validation row/);
  });

  it('counts the rows per status', () => {
    const rows: VersionRows = {
      rule: 'plaza-attribution/2',
      total: 3,
      rows: [row(), row({ status: 'near_copy' }), row()],
    };
    expect(countStatuses(rows)).toEqual([
      ['valued', 2],
      ['near_copy', 1],
    ]);
  });
});
