import {
  CoordinatorError,
  coordinatorInfoSchema,
  type DownloadRequest,
  downloadResponseSchema,
  readAnswer,
} from '@plaza/protocol';
import type { z } from 'zod';
import {
  type ChainEvent,
  type ChainEventName,
  type ChainEvents,
  chainInfoSchema,
  eventArgsSchemas,
  manifestSchema,
  rawEventsResponseSchema,
  shareProofSchema,
} from './governance-schemas.ts';

/** Filters of `GET /v1/chain/events`. */
export interface EventsQuery {
  datasetId?: bigint | number;
  version?: number;
  proposalId?: bigint | number;
  /** The event's account (holder, voter, buyer …). */
  account?: string;
  name?: ChainEventName;
  /** @default 1000 (the coordinator's maximum) */
  limit?: number;
}

/** Options of {@link createGovernanceApi}. */
export interface GovernanceApiOptions {
  /** The coordinator's origin. */
  baseUrl: string;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
}

/** The most events one answer holds. */
export const MAX_EVENTS = 1000;

/** How the governance client calls the coordinator. */
interface CallInit {
  method?: 'GET' | 'POST';
  body?: unknown;
  /** A 404 answers null instead of throwing. */
  allowNotFound?: boolean;
}

/**
 * The governance client's one way to call the coordinator: JSON in, the answer decoded by the
 * protocol's `readAnswer`, an unreachable coordinator a retryable `NETWORK` error.
 */
function createGovernanceCall(options: GovernanceApiOptions) {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = options.baseUrl.replace(/\/+$/, '');
  return async function call<S extends z.ZodType>(
    schema: S,
    path: string,
    init: CallInit = {},
  ): Promise<z.output<S> | null> {
    const method = init.method ?? 'GET';
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        ...(init.body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body) }),
      });
    } catch (cause) {
      throw new CoordinatorError('NETWORK', `Could not reach ${base}${path}.`, 0, true, undefined, {
        cause,
      });
    }
    if (response.status === 404 && init.allowNotFound) return null;
    return readAnswer(response, schema, `${method} ${path}`);
  };
}

/** The query string of `GET /v1/chain/events` for `query`. */
function eventsPath(query: EventsQuery, limit: number): string {
  const params = new URLSearchParams();
  for (const key of ['datasetId', 'version', 'proposalId', 'account', 'name'] as const) {
    const value = query[key];
    if (value !== undefined) params.set(key, String(value));
  }
  params.set('limit', String(limit));
  return `/v1/chain/events?${params}`;
}

/**
 * The events of an answer the web app has a use for, their arguments parsed; an event it cannot
 * read is a `BAD_RESPONSE` (`path` names the request in the message).
 */
function parseChainEvents(
  raw: z.output<typeof rawEventsResponseSchema>,
  path: string,
): ChainEvent[] {
  const events: ChainEvent[] = [];
  for (const event of raw.events) {
    if (!(event.name in eventArgsSchemas)) continue; // Events the app has no use for.
    const name = event.name as ChainEventName;
    const args = eventArgsSchemas[name].safeParse(event.args);
    if (!args.success) {
      throw new CoordinatorError(
        'BAD_RESPONSE',
        `GET ${path} answered a ${name} event (tx ${event.txHash}) the web app cannot read.`,
        200,
        false,
        args.error.issues,
      );
    }
    events.push({
      name,
      args: args.data,
      blockNumber: event.blockNumber,
      txHash: event.txHash as `0x${string}`,
      logIndex: event.logIndex,
    } as ChainEvent);
  }
  return events;
}

/**
 * A client of the coordinator's governance routes (chain info and mirrored events, manifests,
 * proofs, downloads). Every answer is parsed; failures throw `CoordinatorError` like the protocol
 * client's.
 *
 * @example
 * const api = createGovernanceApi({ baseUrl: location.origin });
 * const { events } = await api.events({ name: 'VersionProposed' });
 */
export function createGovernanceApi(options: GovernanceApiOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');
  const call = createGovernanceCall(options);

  async function get<S extends z.ZodType>(schema: S, path: string): Promise<z.output<S>> {
    return (await call(schema, path)) as z.output<S>;
  }

  const versionPath = (campaignId: string, version: number) =>
    `/v1/datasets/${encodeURIComponent(campaignId)}/versions/${version}`;

  return {
    /** `GET /v1/coordinator`: the address and chain a download request is signed for. */
    coordinatorInfo: () => get(coordinatorInfoSchema, '/v1/coordinator'),

    /** `GET /v1/chain/info`: the chain id and the Plaza contract's address. */
    chainInfo: () => get(chainInfoSchema, '/v1/chain/info'),

    /** `GET /v1/chain/events`: mirrored Plaza events, newest first, with their arguments parsed. */
    async events(query: EventsQuery = {}): Promise<ChainEvents> {
      const limit = query.limit ?? MAX_EVENTS;
      const path = eventsPath(query, limit);
      const raw = await get(rawEventsResponseSchema, path);
      const events = parseChainEvents(raw, path);
      return { indexedThrough: raw.indexedThrough, events, truncated: raw.events.length >= limit };
    },

    /** `GET /v1/datasets/:campaign/versions/:n/manifest`. */
    manifest: (campaignId: string, version: number) =>
      get(manifestSchema, `${versionPath(campaignId, version)}/manifest`),

    /** The account's proof of shares in the version, or null when it holds none. */
    proof: (campaignId: string, version: number, account: string) =>
      call(shareProofSchema, `${versionPath(campaignId, version)}/proofs/${account}`, {
        allowNotFound: true,
      }),

    /** `POST /v1/datasets/:campaign/versions/:n/downloads`: short-lived links for a licensee. */
    async requestDownload(campaignId: string, version: number, body: DownloadRequest) {
      const path = `${versionPath(campaignId, version)}/downloads`;
      return (await call(downloadResponseSchema, path, { method: 'POST', body })) as z.output<
        typeof downloadResponseSchema
      >;
    },

    /**
     * An absolute URL for a path the coordinator answered with (download links); an absolute URL
     * (a presigned object-store link) is kept as it is.
     */
    url: (path: string) =>
      /^https?:\/\//.test(path) ? path : `${base}${path.startsWith('/') ? path : `/${path}`}`,
  };
}

/** The client {@link createGovernanceApi} makes. */
export type GovernanceApi = ReturnType<typeof createGovernanceApi>;
