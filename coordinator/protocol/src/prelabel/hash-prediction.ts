import { hashStruct } from 'viem';
import { prelabelPredictionTypes } from '../eip712.ts';
import type { PrelabelPrediction } from './prelabel-schemas.ts';

/** EIP-712 struct hash of one `PrelabelPrediction`. */
export function hashPrediction(prediction: PrelabelPrediction): `0x${string}` {
  return hashStruct({
    types: prelabelPredictionTypes,
    primaryType: 'PrelabelPrediction',
    data: {
      itemId: BigInt(prediction.itemId),
      inputHash: prediction.inputHash,
      probs: prediction.probs,
    },
  });
}
