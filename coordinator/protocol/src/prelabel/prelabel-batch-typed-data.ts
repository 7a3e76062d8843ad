import { plazaDomain, prelabelBatchTypes } from '../eip712.ts';
import { hashItems } from '../signing.ts';
import { hashPrediction } from './hash-prediction.ts';
import type { PrelabelBackend, PrelabelPrediction } from './prelabel-schemas.ts';

/**
 * Typed data a device signs for the outputs of one pre-label lease (and the coordinator
 * recovers): model hash, backend and every prediction, bound to the coordinator's domain.
 *
 * @example
 * const signature = await account.signTypedData(prelabelBatchTypedData({ chainId, coordinator,
 *   device, leaseId, model, backend: 'webgpu', items }));
 */
export function prelabelBatchTypedData(params: {
  chainId: number;
  coordinator: `0x${string}`;
  device: `0x${string}`;
  leaseId: string;
  model: `0x${string}`;
  backend: PrelabelBackend;
  items: readonly PrelabelPrediction[];
}) {
  return {
    domain: plazaDomain(params),
    types: prelabelBatchTypes,
    primaryType: 'PrelabelBatch',
    message: {
      device: params.device,
      leaseId: params.leaseId,
      model: params.model,
      backend: params.backend,
      itemsHash: hashItems(params.items.map(hashPrediction)),
      count: params.items.length,
    },
  } as const;
}
