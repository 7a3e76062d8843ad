import type { Operation } from './operation.ts';
import { campaignOperations } from './operations-campaigns.ts';
import { datasetOperations } from './operations-datasets.ts';
import { labelingOperations } from './operations-labeling.ts';

export type { Operation, OperationAuth } from './operation.ts';

/**
 * Every route of the coordinator with its zod schemas: the OpenAPI document is generated from this
 * table, and a test fails when the app serves a route that is not in it.
 */
export const operations: readonly Operation[] = [
  ...campaignOperations,
  ...datasetOperations,
  ...labelingOperations,
];
