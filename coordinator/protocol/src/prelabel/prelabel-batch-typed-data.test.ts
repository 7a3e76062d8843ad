import { recoverTypedDataAddress } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { createDeviceSigner } from '../device-signer.ts';
import { hashText } from '../signing.ts';
import { prelabelBatchTypedData } from './prelabel-batch-typed-data.ts';
import { quantizeProbs } from './quantize-probs.ts';

const coordinator = privateKeyToAccount(generatePrivateKey()).address;
const model = `0x${'ab'.repeat(32)}` as const;

describe('pre-label batch signatures', () => {
  it("recover to the device and cover every item's probabilities", async () => {
    const account = privateKeyToAccount(generatePrivateKey());
    const signer = createDeviceSigner(account, { chainId: 31337, coordinator });
    const items = [
      { itemId: 7, inputHash: hashText('a'), probs: quantizeProbs([0.2, 0.8]) },
      { itemId: 9, inputHash: hashText('b'), probs: quantizeProbs([0.9, 0.1]) },
    ];
    const body = await signer.prelabelBatch({ leaseId: 'l1', model, backend: 'webgpu', items });
    const typed = (over: Partial<Parameters<typeof prelabelBatchTypedData>[0]>) =>
      prelabelBatchTypedData({
        chainId: 31337,
        coordinator,
        device: body.device,
        leaseId: body.leaseId,
        model: body.model,
        backend: body.backend,
        items: body.items,
        ...over,
      });
    const recover = (over: Partial<Parameters<typeof prelabelBatchTypedData>[0]> = {}) =>
      recoverTypedDataAddress({ ...typed(over), signature: body.signature });
    expect((await recover()).toLowerCase()).toBe(signer.address);
    const changed = [{ ...items[0]!, probs: [200_001, 799_999] }, items[1]!];
    expect((await recover({ items: changed })).toLowerCase()).not.toBe(signer.address);
    expect((await recover({ backend: 'cpu' })).toLowerCase()).not.toBe(signer.address);
    expect((await recover({ chainId: 1 })).toLowerCase()).not.toBe(signer.address);
  });
});

describe('quantizeProbs', () => {
  it('rounds to millionths and clamps', () => {
    expect(quantizeProbs([0.1234564, 1.2, -0.1, Number.NaN])).toEqual([123456, 1_000_000, 0, 0]);
  });
});
