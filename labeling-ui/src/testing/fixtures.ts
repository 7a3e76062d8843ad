import type {
  Campaign,
  Dashboard,
  LabelSchema,
  LabelTask,
  LeaseTasksRequest,
  SubmitLabelsRequest,
  SubmitLabelsResponse,
} from '@plaza/protocol';
import { vi } from 'vitest';

/** A campaign as the API returns it, with the given label schema. */
export function campaignFixture(
  labelSchema: LabelSchema = { kind: 'classification', classes: ['News', 'Sports', 'Opinion'] },
  id = 'news-2025',
): Campaign {
  return {
    id,
    name: 'News 2025',
    description: '',
    status: 'active',
    scope: { hosts: ['example.com'] },
    maxPages: 1000,
    politeness: { minDelayMs: 1000 },
    extraction: 'article',
    needsBrowser: false,
    languages: [],
    labelSchema,
    overlap: 3,
    goldFraction: 0.1,
    goldThreshold: 0.7,
    minGoldAnswers: 10,
    blindFraction: 0.2,
    reviewThreshold: 0.7,
    qualityFloor: 0.5,
    attribution: { fetch: 0.4, labels: 0.5, compute: 0.1 },
    createdAt: '2025-01-01T00:00:00.000Z',
  };
}

/** A leased task. */
export function taskFixture(itemId: number, overrides: Partial<LabelTask> = {}): LabelTask {
  return {
    itemId,
    campaignId: 'news-2025',
    url: `https://example.com/articles/${itemId}`,
    title: `Article ${itemId}`,
    text: `Text of article ${itemId}. Ada Lovelace met Charles Babbage in London.`,
    prelabel: null,
    blind: false,
    leaseExpiresAt: new Date(Date.now() + 3600_000).toISOString(),
    ...overrides,
  };
}

/** Options of {@link fakeLabelingClient}. */
export interface FakeLabelingClientOptions {
  /** Leases ignore `holding` (a server that hands open leases back regardless). */
  ignoreHolding?: boolean;
  /** Refuses a label for good (a `rejected` result with this error). */
  reject?: (
    label: SubmitLabelsRequest['labels'][number],
  ) => { code: string; message: string } | null;
  /** What a blind item's result reveals. */
  reveal?: (itemId: number) => SubmitLabelsResponse['results'][number]['prelabel'];
}

/**
 * A plain object with the labeling methods of the coordinator client, over a fixed list of items:
 * it leases items not yet labelled, skipped or held, and stores labels by `clientId`.
 */
export function fakeLabelingClient(
  items: readonly LabelTask[],
  options: FakeLabelingClientOptions = {},
) {
  const done = new Set<number>();
  const submitted: SubmitLabelsRequest['labels'] = [];
  const client = {
    leaseTasks: vi.fn(async (body: LeaseTasksRequest) => {
      const holding = new Set(options.ignoreHolding ? [] : (body.holding ?? []));
      const tasks = items
        .filter((task) => !done.has(task.itemId) && !holding.has(task.itemId))
        .slice(0, body.max ?? 3);
      return { tasks };
    }),
    submitLabels: vi.fn(async (body: SubmitLabelsRequest): Promise<SubmitLabelsResponse> => {
      submitted.push(...body.labels);
      return {
        results: body.labels.map((label) => {
          const error = options.reject?.(label) ?? null;
          if (error) {
            return {
              clientId: label.clientId,
              itemId: label.itemId,
              labelId: '',
              status: 'rejected' as const,
              error,
              prelabel: null,
            };
          }
          done.add(label.itemId);
          const task = items.find((t) => t.itemId === label.itemId);
          return {
            clientId: label.clientId,
            itemId: label.itemId,
            labelId: `label-${label.itemId}`,
            status: (label.revision ?? 0) > 0 ? ('updated' as const) : ('stored' as const),
            prelabel: task?.blind ? (options.reveal?.(label.itemId) ?? null) : null,
          };
        }),
      };
    }),
    skipTask: vi.fn(async (itemId: number) => {
      done.add(itemId);
      return { count: 1 };
    }),
    recentLabels: vi.fn(async (_campaignId: string) => ({ labels: [] })),
    labelerStats: vi.fn(async (campaignId: string) => ({
      address: '0x8ba1f109551bd432803012645ac136ddd64dba72' as `0x${string}`,
      campaignId,
      status: 'paused' as const,
      pausedReason: { code: 'GOLD_BELOW_THRESHOLD', message: 'Your gold accuracy is under 70 %.' },
      labelsToday: 4,
      labelsTotal: 40,
      gold: {
        answered: 12,
        correct: 6,
        estimate: 0.5,
        low: 0.25,
        high: 0.75,
        minAnswers: 10,
        threshold: 0.7,
      },
      agreement: 0.6,
      meanPosterior: 0.55,
      pendingShare: 0.01,
      report: { batch: 20, nextIn: 7, reportedAt: '2025-03-01T12:00:00.000Z' },
    })),
  };
  return { client, submitted, done };
}

/** A dashboard of a campaign in mid-flight. */
export function dashboardFixture(): Dashboard {
  return {
    campaignId: 'news-2025',
    generatedAt: '2025-03-01T12:00:00.000Z',
    frontier: { queued: 120, leased: 30, done: 400 },
    fetchedPerMinute: [
      { minute: '2025-03-01T11:57:00.000Z', pages: 10 },
      { minute: '2025-03-01T11:58:00.000Z', pages: 40 },
      { minute: '2025-03-01T11:59:00.000Z', pages: 12 },
    ],
    contributions: { accepted: 380, duplicate: 20 },
    duplicateRate: 0.125,
    qualityHistogram: [0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 10, 12, 20, 30, 40, 25, 15, 10, 5, 2],
    qualityFloor: 0.5,
    labeling: {
      tasks: 200,
      gold: 20,
      byLabelCount: [50, 60, 40, 50],
      complete: 50,
      reviewed: 5,
      labels: 340,
      labelers: 2,
      pausedLabelers: 1,
      alpha: 0.82,
      aggregatedAt: '2025-03-01T11:55:00.000Z',
    },
    labelers: [
      {
        address: '0x8ba1f109551bd432803012645ac136ddd64dba72',
        labels: 300,
        goldAccuracy: 0.91,
        estimatedAccuracy: 0.88,
        status: 'active',
      },
      {
        address: '0x00000000000000000000000000000000000000aa',
        labels: 40,
        goldAccuracy: 0.5,
        estimatedAccuracy: null,
        status: 'paused',
      },
    ],
  };
}
