import {
  type AddGoldRequest,
  campaignItemsResponseSchema,
  countResponseSchema,
  dashboardSchema,
  type ImportPrelabelsRequest,
} from '../campaign-labels.ts';
import { type ImportGoldRequest, type ImportItemsRequest, importResultSchema } from '../imports.ts';
import { routes } from '../routes.ts';
import type { Call } from './call.ts';
import { query } from './query.ts';

/** A campaign's labeling data (admin): gold, imports, items, dashboard, aggregation. */
export function labelingAdminMethods(call: Call) {
  return {
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
  };
}
