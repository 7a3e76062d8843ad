import { devices } from '@plaza/db';
import { createDeviceSigner } from '@plaza/protocol';
import { eq } from 'drizzle-orm';
import { keccak256 } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { unixSeconds } from '../clock.ts';
import type { Deps } from '../deps.ts';
import { registerDevice } from '../devices/register-device.ts';
import { AppError } from '../errors.ts';

/** The server worker's signer: its address and what it signs (registration, batches). */
export type ServerWorker = ReturnType<typeof createDeviceSigner>;

/** The message whose signature by the coordinator key seeds the server worker's key. */
const WORKER_KEY_MESSAGE = 'Plaza server crawl worker key v1';

/**
 * Registers the coordinator's server crawl worker as a device, through the same use case and
 * signed `DeviceRegistration` as an extension, and marks it `kind = 'server'` (its contributions
 * are not sampled for verification: it would only re-fetch its own fetches). Its key is derived
 * from the coordinator's: keccak256 of the coordinator's deterministic (RFC 6979) signature of a
 * fixed message, so every process sharing `PLAZA_COORDINATOR_KEY` is the same worker and nothing
 * new is stored. A registration that races another process's (same second) is fine.
 */
export async function registerServerWorker(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'signer'>,
): Promise<ServerWorker> {
  const seed = await deps.signer.signMessage({ message: WORKER_KEY_MESSAGE });
  const account = privateKeyToAccount(keccak256(seed));
  const signer = createDeviceSigner(account, {
    chainId: deps.config.PLAZA_CHAIN_ID,
    coordinator: deps.signer.address,
  });
  try {
    await registerDevice(deps, await signer.registration(unixSeconds(deps.clock.now())));
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'NONCE_REPLAYED')) throw error;
  }
  await deps.db.db
    .update(devices)
    .set({ kind: 'server' })
    .where(eq(devices.address, signer.address));
  return signer;
}
