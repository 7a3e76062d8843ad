import {
  createDeviceSigner,
  defaultFeatureSpec,
  hashText,
  type PrelabelLeaseResponse,
  prelabelBatchTypedData,
} from '@plaza/protocol';
import { recoverTypedDataAddress } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import type { CoordinatorSession, CoordinatorSessions } from '../coordinator-session.ts';

type SignedBatch = Awaited<ReturnType<CoordinatorSession['signer']['prelabelBatch']>>;

import { SETTINGS_KEY } from '../settings.ts';
import { createMemoryStore } from '../storage/key-value-store.ts';
import { COMPUTE_STATUS_KEY } from './compute-status.ts';
import { createPrelabelWorker, type RunBatch } from './prelabel-worker.ts';

const coordinator = privateKeyToAccount(generatePrivateKey()).address;
const hash = `0x${'ab'.repeat(32)}` as const;
const inputs = ['vote election', 'match goal'];

function lease(id: string): PrelabelLeaseResponse {
  return {
    lease: {
      id,
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
      model: {
        hash,
        campaignId: 'topics',
        classes: ['sport', 'politics'],
        features: defaultFeatureSpec,
        modelUrl: `/v1/models/${hash}/model.json`,
      },
      items: inputs.map((input, i) => ({ itemId: i + 1, input, inputHash: hashText(input) })),
    },
  };
}

function setup(options: { compute?: boolean; run?: RunBatch; available?: boolean } = {}) {
  const store = createMemoryStore({
    [SETTINGS_KEY]: {
      version: 1,
      coordinatorUrl: 'http://127.0.0.1:8787',
      computeEnabled: options.compute ?? true,
    },
  });
  const answers = [lease('l1'), { lease: null, retryAfterMs: 12_000 }];
  const leased: unknown[] = [];
  const submitted: SignedBatch[] = [];
  const account = privateKeyToAccount(generatePrivateKey());
  const session = {
    url: 'http://127.0.0.1:8787',
    coordinator,
    chainId: 31337,
    signer: createDeviceSigner(account, { chainId: 31337, coordinator }),
    client: {
      leasePrelabels: async (body: unknown) => {
        leased.push(body);
        return answers.shift() ?? { lease: null };
      },
      submitPrelabels: async (body: SignedBatch) => {
        submitted.push(body);
        return { batchId: 'b1', status: 'accepted', accepted: 2, checked: 2, maxDiff: 0 };
      },
    },
  } as unknown as CoordinatorSession;
  const sessions: CoordinatorSessions = { get: async () => session, reset: async () => {} };
  const runs: Parameters<RunBatch>[0][] = [];
  const worker = createPrelabelWorker({
    store,
    sessions,
    readEnvironment: async () => ({ idleState: 'idle', saveData: false, battery: null }),
    runBatch: async (params) => {
      runs.push(params);
      return options.run
        ? options.run(params)
        : {
            backend: 'webgpu',
            probs: [
              [100_000, 900_000],
              [800_000, 200_000],
            ],
            ms: 40,
          };
    },
    ...(options.available === undefined ? {} : { available: options.available }),
  });
  return { store, worker, leased, submitted, runs, account };
}

describe('the pre-labeling worker', () => {
  it('asks for nothing while compute is off', async () => {
    const { worker, leased, store } = setup({ compute: false });
    const { status } = await worker.run();
    expect(status).toMatchObject({ state: 'idle', reason: 'compute_off' });
    expect(leased).toEqual([]);
    expect(await store.get(COMPUTE_STATUS_KEY)).toMatchObject({ reason: 'compute_off' });
  });

  it('leases, runs the model, signs model hash, inputs, outputs and backend, and submits', async () => {
    const { worker, submitted, runs, account } = setup();
    const { status, nextWakeMs } = await worker.run();
    expect(runs).toEqual([
      {
        modelUrl: `http://127.0.0.1:8787/v1/models/${hash}/model.json`,
        hash,
        features: defaultFeatureSpec,
        inputs,
      },
    ]);
    expect(submitted).toHaveLength(1);
    const body = submitted[0]!;
    expect(body).toMatchObject({ leaseId: 'l1', model: hash, backend: 'webgpu' });
    expect(body.items).toEqual([
      { itemId: 1, inputHash: hashText(inputs[0]!), probs: [100_000, 900_000] },
      { itemId: 2, inputHash: hashText(inputs[1]!), probs: [800_000, 200_000] },
    ]);
    const signer = await recoverTypedDataAddress({
      ...prelabelBatchTypedData({
        chainId: 31337,
        coordinator,
        device: body.device,
        leaseId: body.leaseId,
        model: body.model,
        backend: body.backend,
        items: body.items,
      }),
      signature: body.signature,
    });
    expect(signer).toBe(account.address);
    // Then the coordinator had nothing more.
    expect(status).toMatchObject({ reason: 'no_jobs', backend: 'webgpu', accepted: 2 });
    expect(status.itemsPerSecond).toBe(50);
    expect(nextWakeMs).toBe(12_000);
  });

  it('stops with the reason when the model cannot run, and submits nothing', async () => {
    const { worker, submitted } = setup({
      run: async () => {
        throw new Error('no backend');
      },
    });
    const { status } = await worker.run();
    expect(status).toMatchObject({ reason: 'model_failed', detail: 'no backend' });
    expect(submitted).toEqual([]);
  });

  it('does nothing where no document can run models', async () => {
    const { worker, leased } = setup({ available: false });
    expect((await worker.run()).status.reason).toBe('compute_unavailable');
    expect(leased).toEqual([]);
  });
});
