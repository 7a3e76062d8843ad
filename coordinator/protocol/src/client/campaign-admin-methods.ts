import {
  campaignChangeResponseSchema,
  campaignHostsResponseSchema,
  type UpdateCampaignRequest,
} from '../campaign-admin.ts';
import {
  type AddUrlsRequest,
  addUrlsResponseSchema,
  type CreateCampaignRequest,
  campaignResponseSchema,
  createCampaignResponseSchema,
  listCampaignsResponseSchema,
} from '../campaigns.ts';
import { routes } from '../routes.ts';
import { verificationReportSchema } from '../verification.ts';
import {
  type CreateWebhookRequest,
  createWebhookResponseSchema,
  listWebhooksResponseSchema,
  webhookDeliveriesResponseSchema,
  webhookEndpointSchema,
} from '../webhooks.ts';
import type { Call } from './call.ts';
import { query } from './query.ts';

/** Campaign administration (admin): campaigns, their steering, webhooks, verification. */
export function campaignAdminMethods(call: Call) {
  return {
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
    /** Verification checks, detections and device reputations of a campaign (admin). */
    verification: (id: string) =>
      call(verificationReportSchema, 'GET', routes.campaignVerification(id), undefined, 'admin'),
  };
}
