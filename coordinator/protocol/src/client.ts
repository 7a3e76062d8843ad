import { createCall } from './client/call.ts';
import { campaignAdminMethods } from './client/campaign-admin-methods.ts';
import type { CoordinatorClientOptions } from './client/client-options.ts';
import { datasetMethods } from './client/dataset-methods.ts';
import { deviceMethods } from './client/device-methods.ts';
import { labelingAdminMethods } from './client/labeling-admin-methods.ts';
import { labelingMethods } from './client/labeling-methods.ts';
import { workMethods } from './client/work-methods.ts';

export { readAnswer } from './client/call.ts';
export type { CoordinatorClientOptions } from './client/client-options.ts';
export { CoordinatorError } from './client/coordinator-error.ts';

/**
 * A typed client of the coordinator's API. Every answer is parsed; errors throw `CoordinatorError`.
 * Its methods come in groups (`client/*-methods.ts`), one per part of the API.
 *
 * @example
 * const client = createCoordinatorClient({ baseUrl: 'http://127.0.0.1:8787' });
 * const { campaigns } = await client.listCampaigns();
 */
export function createCoordinatorClient(options: CoordinatorClientOptions) {
  const call = createCall(options);
  return {
    ...deviceMethods(call),
    ...workMethods(call),
    ...campaignAdminMethods(call),
    ...labelingMethods(call),
    ...labelingAdminMethods(call),
    ...datasetMethods(call),
  };
}

/** The client `createCoordinatorClient` returns. */
export type CoordinatorClient = ReturnType<typeof createCoordinatorClient>;
