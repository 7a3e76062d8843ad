import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import {
  type Address,
  BaseError,
  ContractFunctionRevertedError,
  type Hex,
  keccak256,
  type PublicClient,
  type TransactionReceipt,
} from 'viem';
import { AppError } from '../errors.ts';

/** A signed transaction written down before it is broadcast. */
interface Intent {
  /** The chain and contract it was signed for; an intent for another one is ignored. */
  scope: string;
  from: Address;
  hash: Hex;
  raw: Hex;
  nonce: number;
  what: string;
}

/** How long a publication step keeps retrying an unreachable chain before it gives up. */
export interface RetryPolicy {
  /** @default 60_000 */
  deadlineMs?: number;
  /** First pause between tries; doubles up to 4 s. @default 250 */
  initialDelayMs?: number;
}

/**
 * Runs `step` until it succeeds, retrying while the chain cannot be reached (`UNAVAILABLE`) with
 * exponential backoff up to the deadline. A revert or any other error is thrown at once.
 */
export async function retryUnavailable<T>(
  step: () => Promise<T>,
  policy: RetryPolicy | undefined = {},
): Promise<T> {
  const deadline = Date.now() + (policy.deadlineMs ?? 60_000);
  let delay = policy.initialDelayMs ?? 250;
  for (;;) {
    try {
      return await step();
    } catch (error) {
      const unavailable = error instanceof AppError ? error.code === 'UNAVAILABLE' : true;
      if (!unavailable || isRevert(error) || Date.now() + delay > deadline) {
        throw toChainError(error);
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 4_000);
    }
  }
}

/**
 * Sends a transaction at most once, even across crashes and lost answers: the transaction is
 * signed first and written to `intentFile`, then broadcast. A later call with the same file
 * looks for that transaction's receipt and rebroadcasts the same signed bytes (same nonce) when
 * the chain has not seen it, so a retry can never produce a second transaction. An intent whose
 * nonce was taken by another transaction (and with no receipt) is dropped with a
 * `CONTRIBUTION_CONFLICT`, so the caller re-checks the chain before anything is signed again.
 */
export async function sendOnce(
  intentFile: string,
  params: {
    client: PublicClient;
    /** The signing account. */
    from: Address;
    /** The chain and contract, e.g. `31337:0x…`. */
    scope: string;
    /** Signs the transaction at the account's next nonce. */
    sign: () => Promise<{ raw: Hex; nonce: number }>;
    /** What the transaction does, for errors and the intent file. */
    what: string;
    policy?: RetryPolicy | undefined;
  },
): Promise<TransactionReceipt> {
  const { client } = params;
  return retryUnavailable(async () => {
    let intent = await readIntent(intentFile);
    if (intent?.scope !== params.scope) intent = null;
    if (intent) {
      const receipt = await findReceipt(client, intent.hash);
      if (receipt) return checked(receipt, intent);
      const accepted = await broadcast(client, intent.raw);
      if (!accepted) {
        // Rejected: either it was mined meanwhile, or its nonce went to another transaction.
        const mined = await findReceipt(client, intent.hash);
        if (mined) return checked(mined, intent);
        const next = await rpc(() => client.getTransactionCount({ address: params.from }));
        if (next <= intent.nonce) {
          throw new AppError('UNAVAILABLE', `The chain refused ${intent.what}; retrying.`);
        }
        // Its nonce went to another transaction and the chain has no receipt of ours. Whether
        // the step is still needed is for the caller to decide afresh, never for a new signature.
        await rm(intentFile, { force: true });
        throw new AppError(
          'CONTRIBUTION_CONFLICT',
          `The transaction for ${intent.what} was replaced by another one; run the publication again.`,
        );
      }
    } else {
      const signed = await rpc(params.sign);
      intent = {
        scope: params.scope,
        from: params.from,
        hash: keccak256(signed.raw),
        raw: signed.raw,
        nonce: signed.nonce,
        what: params.what,
      };
      await writeIntent(intentFile, intent);
      await broadcast(client, intent.raw);
    }
    const { hash } = intent;
    const receipt = await rpc(() =>
      client.waitForTransactionReceipt({ hash, timeout: 30_000, pollingInterval: 250 }),
    );
    return checked(receipt, intent);
  }, params.policy);
}

function checked(receipt: TransactionReceipt, intent: Intent): TransactionReceipt {
  if (receipt.status !== 'success') {
    throw new AppError('CHAIN_REVERTED', `The chain reverted ${intent.what} (${intent.hash}).`);
  }
  return receipt;
}

/** Broadcasts signed bytes; false when the node refuses them (known, mined, or nonce too low). */
async function broadcast(client: PublicClient, raw: Hex): Promise<boolean> {
  try {
    await client.sendRawTransaction({ serializedTransaction: raw });
    return true;
  } catch (error) {
    if (isUnreachable(error)) throw unavailable(error);
    return false;
  }
}

async function findReceipt(client: PublicClient, hash: Hex): Promise<TransactionReceipt | null> {
  try {
    return await client.getTransactionReceipt({ hash });
  } catch (error) {
    if (isUnreachable(error)) throw unavailable(error);
    return null;
  }
}

/** Runs an RPC call, turning a transport failure into a retryable `UNAVAILABLE`. */
async function rpc<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toChainError(error);
  }
}

function toChainError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const revert = isRevert(error);
  if (revert) {
    return new AppError(
      'CHAIN_REVERTED',
      `The chain refused the transaction: ${revert.data?.errorName ?? revert.shortMessage}.`,
      { cause: error },
    );
  }
  return unavailable(error);
}

function unavailable(error: unknown): AppError {
  return new AppError('UNAVAILABLE', 'The chain could not be reached.', { cause: error });
}

function isRevert(error: unknown): ContractFunctionRevertedError | null {
  if (!(error instanceof BaseError)) return null;
  const found = error.walk((e) => e instanceof ContractFunctionRevertedError);
  return found instanceof ContractFunctionRevertedError ? found : null;
}

/** Transport failures (refused, reset, timed out, 5xx), as opposed to the node's own answers. */
function isUnreachable(error: unknown): boolean {
  if (!(error instanceof BaseError)) return true;
  return Boolean(
    error.walk(
      (e) =>
        (e as { name?: string }).name === 'HttpRequestError' ||
        (e as { name?: string }).name === 'TimeoutError' ||
        (e as { name?: string }).name === 'WebSocketRequestError',
    ),
  );
}

async function readIntent(file: string): Promise<Intent | null> {
  const text = await readFile(file, 'utf8').catch(() => null);
  return text === null ? null : (JSON.parse(text) as Intent);
}

/** Written aside and renamed, so a crash leaves either no intent or a whole one. */
async function writeIntent(file: string, intent: Intent): Promise<void> {
  await writeFile(`${file}.tmp`, `${JSON.stringify(intent, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
}
