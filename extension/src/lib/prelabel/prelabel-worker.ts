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
import { rerunWhileAsked } from '../worker/rerun-while-asked.ts';
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
  const runtime: PrelabelRuntime = { deps, now: deps.now ?? Date.now };
  return { run: rerunWhileAsked(() => prelabelSession(runtime)) };
}

type SessionResult = { status: ComputeStatus; nextWakeMs: number };
type Session = Awaited<ReturnType<CoordinatorSessions['get']>>;
type PrelabelLease = NonNullable<Awaited<ReturnType<Session['client']['leasePrelabels']>>['lease']>;

interface PrelabelRuntime {
  deps: PrelabelWorkerDeps;
  now: () => number;
}

/** One session: batches one after the other until a control, the coordinator or the model says stop. */
async function prelabelSession(runtime: PrelabelRuntime): Promise<SessionResult> {
  const { deps } = runtime;
  for (;;) {
    const settings = await loadSettings(deps.store);
    const decision = decideCompute(settings, await deps.readEnvironment());
    if (!decision.run) return idle(runtime, decision.reason, 60_000);
    if (deps.available === false) return idle(runtime, 'compute_unavailable', 30 * 60_000);
    let session: Session;
    try {
      session = await deps.sessions.get(settings.coordinatorUrl);
    } catch (error) {
      return idle(runtime, 'coordinator_unreachable', 10_000, message(error));
    }
    try {
      const result = await prelabelOneBatch(runtime, session);
      if (result !== 'again') return result;
    } catch (error) {
      return coordinatorFailed(runtime, settings.coordinatorUrl, error);
    }
  }
}

/** Leases a batch, runs the model, signs and submits the outputs; `'again'` when it was sent. */
async function prelabelOneBatch(
  runtime: PrelabelRuntime,
  session: Session,
): Promise<SessionResult | 'again'> {
  const { deps } = runtime;
  const { lease, retryAfterMs } = await session.client.leasePrelabels({
    max: deps.batchSize ?? 128,
  });
  if (!lease) return idle(runtime, 'no_jobs', retryAfterMs ?? 30_000);
  await setStatus(runtime, { state: 'running' });
  let ran: Awaited<ReturnType<RunBatch>>;
  try {
    ran = await runModel(deps.runBatch, session, lease);
  } catch (error) {
    return idle(runtime, 'model_failed', 10 * 60_000, message(error));
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
  await setStatus(runtime, {
    state: 'running',
    backend: ran.backend,
    itemsPerSecond: ran.ms > 0 ? (1000 * items.length) / ran.ms : undefined,
    accepted: previous.accepted + result.accepted,
    rejected: previous.rejected + (result.status === 'rejected' ? items.length : 0),
    ...(result.reason ? { detail: result.reason.slice(0, 500) } : {}),
  });
  return 'again';
}

/** The lease's campaign model on its inputs (the model fetched from the session's coordinator). */
function runModel(runBatch: RunBatch, session: Session, lease: PrelabelLease) {
  return runBatch({
    modelUrl: new URL(lease.model.modelUrl, `${session.url}/`).href,
    hash: lease.model.hash,
    features: lease.model.features,
    inputs: lease.items.map((item) => item.input),
  });
}

/** A coordinator that failed: rest (quarantined), or register again (token refused) and retry soon. */
async function coordinatorFailed(
  runtime: PrelabelRuntime,
  coordinatorUrl: string,
  error: unknown,
): Promise<SessionResult> {
  const quarantine = quarantineDetail(error);
  if (quarantine !== null) return idle(runtime, 'quarantined', 30 * 60_000, quarantine);
  if (
    error instanceof CoordinatorError &&
    (error.code === 'UNAUTHORIZED' || error.code === 'DEVICE_NOT_REGISTERED')
  ) {
    await runtime.deps.sessions.reset(coordinatorUrl);
  }
  return idle(runtime, 'coordinator_unreachable', 5_000, message(error));
}

async function setStatus(
  runtime: PrelabelRuntime,
  patch: Partial<ComputeStatus>,
): Promise<ComputeStatus> {
  const previous = await readComputeStatus(runtime.deps.store);
  const status: ComputeStatus = {
    accepted: previous.accepted,
    rejected: previous.rejected,
    ...(previous.backend ? { backend: previous.backend } : {}),
    ...(previous.itemsPerSecond === undefined ? {} : { itemsPerSecond: previous.itemsPerSecond }),
    state: 'idle',
    ...patch,
    at: runtime.now(),
  };
  await runtime.deps.store.set({ [COMPUTE_STATUS_KEY]: status });
  return status;
}

async function idle(
  runtime: PrelabelRuntime,
  reason: ComputeIdleReason,
  waitMs: number,
  detail?: string,
): Promise<SessionResult> {
  const status = await setStatus(runtime, {
    state: 'idle',
    reason,
    nextCheckAt: runtime.now() + waitMs,
    ...(detail ? { detail: detail.slice(0, 500) } : {}),
  });
  return { status, nextWakeMs: waitMs };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
