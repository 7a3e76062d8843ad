import type { z } from 'zod';
import {
  attributionResponseSchema,
  rowValueProofSchema,
} from './attribution/attribution-schemas.ts';
import {
  authNonceResponseSchema,
  type SignInRequest,
  sessionSchema,
  signInResponseSchema,
} from './auth.ts';
import {
  campaignChangeResponseSchema,
  campaignHostsResponseSchema,
  type UpdateCampaignRequest,
} from './campaign-admin.ts';
import {
  type AddUrlsRequest,
  addUrlsResponseSchema,
  type CreateCampaignRequest,
  campaignResponseSchema,
  createCampaignResponseSchema,
  listCampaignsResponseSchema,
} from './campaigns.ts';
import {
  type SubmitContributionsRequest,
  submitContributionsResponseSchema,
} from './contributions.ts';
import {
  type AuditRequest,
  auditResponseSchema,
  datasetVersionsResponseSchema,
  manifestSummarySchema,
} from './datasets.ts';
import {
  deviceActivityResponseSchema,
  deviceResponseSchema,
  type LinkPayoutRequest,
  type RegisterDeviceRequest,
  registerDeviceResponseSchema,
  type UnlinkPayoutRequest,
} from './devices.ts';
import { earningsResponseSchema } from './earnings.ts';
import { type ImportGoldRequest, type ImportItemsRequest, importResultSchema } from './imports.ts';
import { type LeaseRequest, leaseResponseSchema } from './jobs.ts';
import {
  type AddGoldRequest,
  campaignItemsResponseSchema,
  countResponseSchema,
  dashboardSchema,
  type ImportPrelabelsRequest,
  type LabelValue,
  type LeaseTasksRequest,
  labelerStatsSchema,
  leaseTasksResponseSchema,
  recentLabelsResponseSchema,
  reviewItemsResponseSchema,
  type SubmitLabelsRequest,
  submitLabelsResponseSchema,
} from './labels.ts';
import {
  campaignModelResponseSchema,
  type PrelabelLeaseRequest,
  prelabelLeaseResponseSchema,
  type SubmitPrelabelsRequest,
  submitPrelabelsResponseSchema,
  trainModelResponseSchema,
} from './prelabel/prelabel-schemas.ts';
import { routes } from './routes.ts';
import { coordinatorInfoSchema, errorResponseSchema, statusResponseSchema } from './status.ts';
import { verificationReportSchema } from './verification.ts';
import {
  type CreateWebhookRequest,
  createWebhookResponseSchema,
  listWebhooksResponseSchema,
  webhookDeliveriesResponseSchema,
  webhookEndpointSchema,
} from './webhooks.ts';

/** An error answer of the coordinator, or a transport failure (`code: 'NETWORK'`). */
export class CoordinatorError extends Error {
  override readonly name = 'CoordinatorError';
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly retryable: boolean,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface CoordinatorClientOptions {
  /** e.g. `http://127.0.0.1:8787` */
  baseUrl: string;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** The device's bearer token, for leases and contributions. */
  deviceToken?: string;
  /** The operator's admin key, for campaign administration. */
  adminKey?: string;
  /** A signed-in account's session token (labeling, review, and admin for admin accounts). */
  sessionToken?: string;
}

/**
 * A typed client of the coordinator's API. Every answer is parsed; errors throw `CoordinatorError`.
 *
 * @example
 * const client = createCoordinatorClient({ baseUrl: 'http://127.0.0.1:8787' });
 * const { campaigns } = await client.listCampaigns();
 */
export function createCoordinatorClient(options: CoordinatorClientOptions) {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = options.baseUrl.replace(/\/+$/, '');

  async function call<S extends z.ZodType>(
    schema: S,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    auth?: 'device' | 'admin' | 'session',
  ): Promise<z.output<S>> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    const token =
      auth === 'device'
        ? options.deviceToken
        : auth === 'admin'
          ? (options.adminKey ?? options.sessionToken)
          : auth === 'session'
            ? options.sessionToken
            : '';
    if (token) headers.authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (cause) {
      throw new CoordinatorError('NETWORK', `Could not reach ${base}${path}.`, 0, true, undefined, {
        cause,
      });
    }
    const json: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const parsed = errorResponseSchema.safeParse(json);
      if (parsed.success) {
        const { code, message, retryable, details } = parsed.data.error;
        throw new CoordinatorError(code, message, response.status, retryable, details);
      }
      throw new CoordinatorError(
        'BAD_RESPONSE',
        `${method} ${path} answered ${response.status} without an error body.`,
        response.status,
        response.status >= 500,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new CoordinatorError(
        'BAD_RESPONSE',
        `${method} ${path} answered a body that does not match the protocol.`,
        response.status,
        false,
        parsed.error.issues,
      );
    }
    return parsed.data;
  }

  return {
    info: () => call(coordinatorInfoSchema, 'GET', routes.coordinator),
    status: () => call(statusResponseSchema, 'GET', routes.status),
    registerDevice: (body: RegisterDeviceRequest) =>
      call(registerDeviceResponseSchema, 'POST', routes.devices, body),
    getDevice: (address: string) => call(deviceResponseSchema, 'GET', routes.device(address)),
    /** Links a payout wallet: a `PayoutLink` signed by the device and by the wallet. */
    linkPayout: (address: string, body: LinkPayoutRequest) =>
      call(deviceResponseSchema, 'POST', routes.devicePayout(address), body),
    /** Unlinks the payout wallet: a `PayoutUnlink` signed by the device. */
    unlinkPayout: (address: string, body: UnlinkPayoutRequest) =>
      call(deviceResponseSchema, 'POST', routes.devicePayoutUnlink(address), body),
    /** The device and its payout changes, newest first. */
    deviceActivity: (address: string) =>
      call(deviceActivityResponseSchema, 'GET', routes.deviceActivity(address)),
    /** What the device's contributions became, per version: rows, shares, revenue (its own token). */
    deviceEarnings: (address: string) =>
      call(earningsResponseSchema, 'GET', routes.deviceEarnings(address), undefined, 'device'),
    /** An account's shares and revenue per version (public: the chain and the shares tree are). */
    accountEarnings: (address: string) =>
      call(earningsResponseSchema, 'GET', routes.accountEarnings(address)),
    createCampaign: (body: CreateCampaignRequest) =>
      call(createCampaignResponseSchema, 'POST', routes.campaigns, body, 'admin'),
    listCampaigns: () => call(listCampaignsResponseSchema, 'GET', routes.campaigns),
    getCampaign: (id: string) => call(campaignResponseSchema, 'GET', routes.campaign(id)),
    addUrls: (id: string, body: AddUrlsRequest) =>
      call(addUrlsResponseSchema, 'POST', routes.campaignUrls(id), body, 'admin'),
    /** Changes scope, limits, overlap, quality floor … of a campaign (admin). */
    updateCampaign: (id: string, body: UpdateCampaignRequest) =>
      call(campaignChangeResponseSchema, 'PATCH', routes.campaign(id), body, 'admin'),
    /** Stops handing out the campaign's work (admin). */
    pauseCampaign: (id: string) =>
      call(campaignChangeResponseSchema, 'POST', routes.campaignPause(id), {}, 'admin'),
    /** Hands out the campaign's work again; its hosts with queued URLs are queued again (admin). */
    resumeCampaign: (id: string) =>
      call(campaignChangeResponseSchema, 'POST', routes.campaignResume(id), {}, 'admin'),
    /** Ends the campaign for good (admin). */
    closeCampaign: (id: string) =>
      call(campaignChangeResponseSchema, 'POST', routes.campaignClose(id), {}, 'admin'),
    /**
     * Why the campaign is stuck, per host (admin).
     *
     * @example
     * const { summary, hosts } = await client.campaignHosts('news');
     */
    campaignHosts: (id: string, limit?: number) =>
      call(
        campaignHostsResponseSchema,
        'GET',
        `${routes.campaignHosts(id)}?${query({ limit })}`,
        undefined,
        'admin',
      ),
    /** Webhook endpoints (admin). */
    listWebhooks: () =>
      call(listWebhooksResponseSchema, 'GET', routes.webhooks, undefined, 'admin'),
    /** A new webhook endpoint; the answer holds its secret, shown only once (admin). */
    createWebhook: (body: CreateWebhookRequest) =>
      call(createWebhookResponseSchema, 'POST', routes.webhooks, body, 'admin'),
    /** Stops deliveries to an endpoint; its log stays (admin). */
    removeWebhook: (id: string) =>
      call(webhookEndpointSchema, 'DELETE', routes.webhook(id), undefined, 'admin'),
    /** The delivery log of an endpoint, newest first (admin). */
    webhookDeliveries: (id: string) =>
      call(
        webhookDeliveriesResponseSchema,
        'GET',
        routes.webhookDeliveries(id),
        undefined,
        'admin',
      ),
    lease: (body: LeaseRequest) => call(leaseResponseSchema, 'POST', routes.leases, body, 'device'),
    /** Items to run a campaign model on (device). */
    leasePrelabels: (body: PrelabelLeaseRequest) =>
      call(prelabelLeaseResponseSchema, 'POST', routes.prelabelLeases, body, 'device'),
    /** A signed batch of predictions for a pre-label lease (device). */
    submitPrelabels: (body: SubmitPrelabelsRequest) =>
      call(submitPrelabelsResponseSchema, 'POST', routes.prelabelResults, body, 'device'),
    /** A campaign's current model, its evaluation and pre-labeling progress. */
    campaignModel: (id: string) =>
      call(campaignModelResponseSchema, 'GET', routes.campaignModel(id)),
    /** Trains the campaign's model now (admin); publishes it when it beats the baseline. */
    trainModel: (id: string) =>
      call(trainModelResponseSchema, 'POST', routes.campaignModel(id), {}, 'admin'),
    submitContributions: (body: SubmitContributionsRequest) =>
      call(submitContributionsResponseSchema, 'POST', routes.contributions, body, 'device'),
    authNonce: () => call(authNonceResponseSchema, 'POST', routes.authNonce, {}),
    signIn: (body: SignInRequest) => call(signInResponseSchema, 'POST', routes.authSiwe, body),
    session: () => call(sessionSchema, 'GET', routes.authSession, undefined, 'session'),
    signOut: () => call(countResponseSchema, 'POST', routes.authSignOut, {}, 'session'),
    leaseTasks: (body: LeaseTasksRequest) =>
      call(leaseTasksResponseSchema, 'POST', routes.labelingTasks, body, 'session'),
    submitLabels: (body: SubmitLabelsRequest) =>
      call(submitLabelsResponseSchema, 'POST', routes.labelingLabels, body, 'session'),
    skipTask: (itemId: number) =>
      call(countResponseSchema, 'POST', routes.labelingSkip, { itemId }, 'session'),
    recentLabels: (campaignId: string) =>
      call(
        recentLabelsResponseSchema,
        'GET',
        `${routes.labelingRecent}?${query({ campaignId })}`,
        undefined,
        'session',
      ),
    labelerStats: (campaignId: string) =>
      call(
        labelerStatsSchema,
        'GET',
        `${routes.labelingMe}?${query({ campaignId })}`,
        undefined,
        'session',
      ),
    /** Review needs a reviewer's session, or the operator's admin key (sent first when given). */
    reviewItems: (campaignId: string, limit = 20) =>
      call(
        reviewItemsResponseSchema,
        'GET',
        `${routes.reviewItems}?${query({ campaignId, limit })}`,
        undefined,
        'admin',
      ),
    resolveReview: (itemId: number, value: LabelValue) =>
      call(countResponseSchema, 'POST', routes.reviewResolve, { itemId, value }, 'admin'),
    addGold: (id: string, body: AddGoldRequest) =>
      call(countResponseSchema, 'POST', routes.campaignGold(id), body, 'admin'),
    /** Items to label from a JSONL or CSV file's text, all or nothing (admin). */
    importItems: (id: string, body: ImportItemsRequest) =>
      call(importResultSchema, 'POST', routes.campaignImportItems(id), body, 'admin'),
    /** Gold answers from a JSONL or CSV file's text, all or nothing (admin). */
    importGold: (id: string, body: ImportGoldRequest) =>
      call(importResultSchema, 'POST', routes.campaignImportGold(id), body, 'admin'),
    importPrelabels: (id: string, body: ImportPrelabelsRequest) =>
      call(countResponseSchema, 'POST', routes.campaignPrelabels(id), body, 'admin'),
    campaignItems: (id: string, params: { limit?: number; after?: number } = {}) =>
      call(
        campaignItemsResponseSchema,
        'GET',
        `${routes.campaignItems(id)}?${query(params)}`,
        undefined,
        'admin',
      ),
    dashboard: (id: string) =>
      call(dashboardSchema, 'GET', routes.campaignDashboard(id), undefined, 'admin'),
    aggregate: (id: string) =>
      call(countResponseSchema, 'POST', routes.campaignAggregate(id), {}, 'admin'),
    /** A campaign's frozen dataset versions, newest first (public). */
    listDatasetVersions: (campaignId: string) =>
      call(datasetVersionsResponseSchema, 'GET', routes.datasetVersions(campaignId)),
    /** The manifest of a frozen version, checked for the fields a receipt audit uses (public). */
    getManifest: (campaignId: string, version: number) =>
      call(manifestSummarySchema, 'GET', routes.datasetManifest(campaignId, version)),
    /**
     * Where each contribution stands in a frozen version (public; at most
     * `auditLimits.maxContributionIds` ids): included with a row proof, duplicate, below quality …
     *
     * @example
     * const { results } = await client.auditContributions('news', 1, { contributionIds: [id] });
     */
    auditContributions: (campaignId: string, version: number, body: AuditRequest) =>
      call(auditResponseSchema, 'POST', routes.datasetAudit(campaignId, version), body),
    /**
     * Each row's value in a version and why (public, no row content): rule v2's measured value,
     * the validation rows it helped or hurt, near-copies zeroed, rows sent to review; with
     * `account`, only the rows that account fetched, labelled or computed, with its shares of each.
     *
     * @example
     * const { rows } = await client.datasetAttribution('news', 1, { account: '0xabc…' });
     * for (const row of rows) console.log(row.index, row.status, row.valuePpm / 1e4, '%');
     */
    datasetAttribution: (
      campaignId: string,
      version: number,
      params: { account?: string; offset?: number; limit?: number } = {},
    ) =>
      call(
        attributionResponseSchema,
        'GET',
        `${routes.datasetAttribution(campaignId, version)}?${query(params)}`,
      ),
    /**
     * One row's value with its Merkle proofs, to check alone with `verifyRowValue` (public).
     *
     * @example
     * const check = verifyRowValue(await client.rowValueProof('news', 1, 42));
     */
    rowValueProof: (campaignId: string, version: number, index: number) =>
      call(rowValueProofSchema, 'GET', routes.datasetRowValueProof(campaignId, version, index)),
    /** Verification checks, detections and device reputations of a campaign (admin). */
    verification: (id: string) =>
      call(verificationReportSchema, 'GET', routes.campaignVerification(id), undefined, 'admin'),
  };
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) search.set(key, String(value));
  }
  return search.toString();
}

/** The client `createCoordinatorClient` returns. */
export type CoordinatorClient = ReturnType<typeof createCoordinatorClient>;
