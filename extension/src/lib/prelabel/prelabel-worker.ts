import {
  CoordinatorError,
  type FeatureSpec,
  type PrelabelBackend,
  type PrelabelPrediction,
} from '@plaza/protocol';
import type { WorkEnvironment } from '../controls.ts';
import type { CoordinatorSessions } from '../coordinator-session.ts';
import { quarantineDetail } from '../quarantine-detail.ts';
import { loadSettings } from '../settings.ts';
import type { KeyValueStore } from '../storage/key-value-store.ts';
import { COMPUTE_STATUS_KEY, type ComputeStatus, readComputeStatus } from './compute-status.ts';
import { type ComputeIdleReason, decideCompute } from './decide-compute.ts';

/** Runs a model on a batch of inputs (the offscreen document, in the extension). */
export type RunBatch = (params: {
  modelUrl: string;
  hash: string;
  features: FeatureSpec;
  inputs: string[];
}) => Promise<{ backend: PrelabelBackend; probs: number[][]; ms: number }>;

/** Everything the pre-labeling worker needs; the background script builds it. */
export interface PrelabelWorkerDeps {
  store: KeyValueStore;
  sessions: CoordinatorSessions;
  readEnvironment: () => Promise<WorkEnvironment>;
  runBatch: RunBatch;
  /** False where no document can run models (Firefox's build for now). @default true */
  available?: boolean;
  /** Items asked for per lease. @default 128 */
  batchSize?: number;
  now?: () => number;
}

/** The pre-labeling loop, like the fetch worker: one session at a time. */
export interface PrelabelWorker {
  run(): Promise<{ status: ComputeStatus; nextWakeMs: number }>;
}

/**
 * The extension's pre-labeling worker (GPU lending). A session checks the controls
 * (`decideCompute`: compute on, not paused, not metered, battery, idle-only) before every lease,
 * then leases a batch of items, runs the campaign model on them in the offscreen document
 * (WebGPU → wasm → cpu), signs the model hash, the inputs' hashes, the outputs and the backend
 * that ran (EIP-712 `PrelabelBatch`) and submits them; until the coordinator has no items or a
 * control says stop. A lost answer costs nothing but the work: the lease expires and the items
 * are leased again.
 */
export function createPrelabelWorker(deps: PrelabelWorkerDeps): PrelabelWorker {
  const now = deps.now ?? Date.now;
  let running: Promise<{ status: ComputeStatus; nextWakeMs: number }> | null = null;
  let again = false;

  async function setStatus(patch: Partial<ComputeStatus>): Promise<ComputeStatus> {
    const previous = await readComputeStatus(deps.store);
    const status: ComputeStatus = {
      accepted: previous.accepted,
      rejected: previous.rejected,
      ...(previous.backend ? { backend: previous.backend } : {}),
      ...(previous.itemsPerSecond === undefined ? {} : { itemsPerSecond: previous.itemsPerSecond }),
      state: 'idle',
      ...patch,
      at: now(),
    };
    await deps.store.set({ [COMPUTE_STATUS_KEY]: status });
    return status;
  }

  async function idle(reason: ComputeIdleReason, waitMs: number, detail?: string) {
    const status = await setStatus({
      state: 'idle',
      reason,
      nextCheckAt: now() + waitMs,
      ...(detail ? { detail: detail.slice(0, 500) } : {}),
    });
    return { status, nextWakeMs: waitMs };
  }

  async function work(): Promise<{ status: ComputeStatus; nextWakeMs: number }> {
    for (;;) {
      const settings = await loadSettings(deps.store);
      const decision = decideCompute(settings, await deps.readEnvironment());
      if (!decision.run) return idle(decision.reason, 60_000);
      if (deps.available === false) return idle('compute_unavailable', 30 * 60_000);
      let session: Awaited<ReturnType<CoordinatorSessions['get']>>;
      try {
        session = await deps.sessions.get(settings.coordinatorUrl);
      } catch (error) {
        return idle('coordinator_unreachable', 10_000, message(error));
      }
      try {
        const { lease, retryAfterMs } = await session.client.leasePrelabels({
          max: deps.batchSize ?? 128,
        });
        if (!lease) return idle('no_jobs', retryAfterMs ?? 30_000);
        await setStatus({ state: 'running' });
        let ran: Awaited<ReturnType<RunBatch>>;
        try {
          ran = await deps.runBatch({
            modelUrl: new URL(lease.model.modelUrl, `${session.url}/`).href,
            hash: lease.model.hash,
            features: lease.model.features,
            inputs: lease.items.map((item) => item.input),
          });
        } catch (error) {
          return idle('model_failed', 10 * 60_000, message(error));
        }
        const items: PrelabelPrediction[] = lease.items.map((item, i) => ({
          itemId: item.itemId,
          inputHash: item.inputHash,
          probs: ran.probs[i] ?? [],
        }));
        const body = await session.signer.prelabelBatch({
          leaseId: lease.id,
          model: lease.model.hash,
          backend: ran.backend,
          items,
        });
        const result = await session.client.submitPrelabels(body);
        const previous = await readComputeStatus(deps.store);
        await setStatus({
          state: 'running',
          backend: ran.backend,
          itemsPerSecond: ran.ms > 0 ? (1000 * items.length) / ran.ms : undefined,
          accepted: previous.accepted + result.accepted,
          rejected: previous.rejected + (result.status === 'rejected' ? items.length : 0),
          ...(result.reason ? { detail: result.reason.slice(0, 500) } : {}),
        });
      } catch (error) {
        const quarantine = quarantineDetail(error);
        if (quarantine !== null) return idle('quarantined', 30 * 60_000, quarantine);
        if (
          error instanceof CoordinatorError &&
          (error.code === 'UNAUTHORIZED' || error.code === 'DEVICE_NOT_REGISTERED')
        ) {
          await deps.sessions.reset(settings.coordinatorUrl);
        }
        return idle('coordinator_unreachable', 5_000, message(error));
      }
    }
  }

  return {
    run() {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        let result: { status: ComputeStatus; nextWakeMs: number };
        do {
          again = false;
          result = await work();
        } while (again);
        return result;
      })().finally(() => {
        running = null;
      });
      return running;
    },
  };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
