import type { LocalAccount } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { z } from 'zod';
import type { KeyValueStore } from './storage/key-value-store.ts';

/** The storage key of the device key. */
export const DEVICE_KEY = 'deviceKey';

const deviceKeySchema = z.object({
  privateKey: z.string().regex(/^0x[0-9a-f]{64}$/),
  address: z.string().regex(/^0x[0-9a-f]{40}$/),
  createdAt: z.number(),
});

/** The device's signing key, made on install and kept in `storage.local`. */
export interface DeviceKey {
  account: LocalAccount;
  /** Lowercase. */
  address: `0x${string}`;
  createdAt: number;
}

let creating: Promise<DeviceKey> | null = null;

/**
 * The device key: read from storage, or generated (viem `generatePrivateKey`, a CSPRNG secp256k1
 * key) and stored on first use. The key never leaves extension storage; only signatures and the
 * address are sent. Concurrent first calls share one key.
 *
 * @example
 * const { account, address } = await loadOrCreateDeviceKey(store);
 */
export function loadOrCreateDeviceKey(
  store: KeyValueStore,
  now: () => number = Date.now,
): Promise<DeviceKey> {
  creating ??= (async () => {
    const stored = deviceKeySchema.safeParse(await store.get(DEVICE_KEY));
    if (stored.success) return toDeviceKey(stored.data);
    const privateKey = generatePrivateKey();
    const record = {
      privateKey,
      address: privateKeyToAccount(privateKey).address.toLowerCase(),
      createdAt: now(),
    };
    await store.set({ [DEVICE_KEY]: record });
    return toDeviceKey(record);
  })().finally(() => {
    creating = null;
  });
  return creating;
}

/** The device address, for pages that show it; null before the key exists. */
export async function readDeviceAddress(store: KeyValueStore): Promise<`0x${string}` | null> {
  const stored = deviceKeySchema.safeParse(await store.get(DEVICE_KEY));
  return stored.success ? (stored.data.address as `0x${string}`) : null;
}

function toDeviceKey(record: z.output<typeof deviceKeySchema>): DeviceKey {
  return {
    account: privateKeyToAccount(record.privateKey as `0x${string}`),
    address: record.address as `0x${string}`,
    createdAt: record.createdAt,
  };
}
