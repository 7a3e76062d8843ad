import type { LabelTask } from '@plaza/protocol';
import { describe, expect, it } from 'vitest';
import { advanceQueue, holdingIds, isExpired, mergeTasks, planLease } from './task-queue.ts';

const now = Date.parse('2025-03-01T12:00:00Z');

function task(itemId: number, leaseExpiresAt = '2025-03-01T12:10:00Z'): LabelTask {
  return {
    itemId,
    campaignId: 'news',
    url: `https://example.com/${itemId}`,
    title: `Item ${itemId}`,
    text: 'text',
    prelabel: null,
    blind: false,
    leaseExpiresAt,
  };
}

describe('planLease', () => {
  it('keeps three tasks ready behind the current one', () => {
    expect(planLease(4)).toBe(0);
    expect(planLease(7)).toBe(0);
    expect(planLease(3)).toBe(3);
    expect(planLease(0)).toBe(6);
  });

  it('never asks for more than the protocol allows', () => {
    expect(planLease(0, { ahead: 20 })).toBe(10);
  });
});

describe('holdingIds', () => {
  it('lists queued items, then pending ones, once each and at most 50', () => {
    expect(holdingIds([task(1), task(2)], [2, 3])).toEqual([1, 2, 3]);
    const many = Array.from({ length: 60 }, (_, i) => i + 100);
    expect(holdingIds([task(1)], many)).toHaveLength(50);
  });
});

describe('mergeTasks', () => {
  it('never queues an item twice, an excluded one, or an expired lease', () => {
    const queue = [task(1)];
    const merged = mergeTasks(
      queue,
      [task(1), task(2), task(3), task(4, '2025-03-01T11:59:00Z'), task(2)],
      new Set([3]),
      now,
    );
    expect(merged.map((t) => t.itemId)).toEqual([1, 2]);
    expect(queue).toHaveLength(1);
  });
});

describe('advanceQueue', () => {
  it('drops the head and expired tasks', () => {
    const queue = [task(1), task(2, '2025-03-01T11:00:00Z'), task(3)];
    expect(advanceQueue(queue, now).map((t) => t.itemId)).toEqual([3]);
  });

  it('reads an unparsable expiry as valid', () => {
    expect(isExpired(task(1, 'soon'), now)).toBe(false);
  });
});
