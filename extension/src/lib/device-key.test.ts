import { describe, expect, it } from 'vitest';
import { DEVICE_KEY, loadOrCreateDeviceKey, readDeviceAddress } from './device-key.ts';
import { createMemoryStore } from './storage/key-value-store.ts';

describe('device key', () => {
  it('is generated once, kept in storage, and the same after a restart', async () => {
    const store = createMemoryStore();
    expect(await readDeviceAddress(store)).toBeNull();
    const [a, b] = await Promise.all([loadOrCreateDeviceKey(store), loadOrCreateDeviceKey(store)]);
    expect(a.address).toBe(b.address);
    expect(a.address).toMatch(/^0x[0-9a-f]{40}$/);
    expect(a.account.address.toLowerCase()).toBe(a.address);
    const again = await loadOrCreateDeviceKey(store);
    expect(again.address).toBe(a.address);
    expect(await readDeviceAddress(store)).toBe(a.address);
    expect(store.dump()[DEVICE_KEY]).toMatchObject({ address: a.address });
  });

  it('signs with the stored key', async () => {
    const store = createMemoryStore();
    const key = await loadOrCreateDeviceKey(store);
    const signature = await key.account.signMessage({ message: 'plaza' });
    const { verifyMessage } = await import('viem');
    expect(await verifyMessage({ address: key.account.address, message: 'plaza', signature })).toBe(
      true,
    );
  });
});
