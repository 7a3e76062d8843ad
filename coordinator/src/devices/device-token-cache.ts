import type { devices } from '@plaza/db';
import type { Clock } from '../clock.ts';

type Device = typeof devices.$inferSelect;

/** Recently seen devices by token hash, for requests that may trust a lookup a few seconds old. */
export interface DeviceTokenCache {
  /**
   * The device of a token hash looked up within the cache's time, or undefined; `refresh` is
   * started (not awaited) when the lookup is past half that time, so a device that keeps asking
   * rarely waits for the database.
   */
  get(tokenHash: string, refresh?: () => Promise<Device | null>): Device | undefined;
  /** Remembers an active device's lookup; quarantined devices are never remembered. */
  set(tokenHash: string, device: Device): void;
  /**
   * Forgets every lookup of a device, as soon as this process quarantines it: its next lease is
   * refused at once (other processes drop it within the cache's time).
   */
  forgetDevice(address: string): void;
}

/**
 * A bounded in-process cache of device lookups that expire `ttlMs` after they were read. Only the
 * lease route reads it: a lease moves no value (a submission, which does, always reads the device
 * afresh), so a device quarantined or a token rotated meanwhile may still lease for at most
 * `ttlMs`, and a lease does not wait for the database behind ingest to check a token: a lookup
 * past half its time is renewed in the background while the old one still answers.
 */
export function createDeviceTokenCache(params: {
  clock: Clock;
  ttlMs: number;
  maxEntries?: number;
}): DeviceTokenCache {
  const maxEntries = params.maxEntries ?? 100_000;
  const entries = new Map<string, { device: Device; until: number; refreshing: boolean }>();
  const cache: DeviceTokenCache = {
    get(tokenHash, refresh) {
      const entry = entries.get(tokenHash);
      if (!entry) return undefined;
      const now = params.clock.now().getTime();
      if (entry.until <= now) {
        entries.delete(tokenHash);
        return undefined;
      }
      if (refresh && !entry.refreshing && entry.until - now < params.ttlMs / 2) {
        entry.refreshing = true;
        refresh().then(
          (device) => {
            // A token gone or a device quarantined meanwhile loses its entry at once.
            if (device && device.status !== 'quarantined') cache.set(tokenHash, device);
            else entries.delete(tokenHash);
          },
          () => {
            entry.refreshing = false;
          },
        );
      }
      return entry.device;
    },
    set(tokenHash, device) {
      if (device.status === 'quarantined' || params.ttlMs <= 0) return;
      // Oldest first: a full cache forgets the entry read longest ago.
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
      entries.delete(tokenHash);
      entries.set(tokenHash, {
        device,
        until: params.clock.now().getTime() + params.ttlMs,
        refreshing: false,
      });
    },
    forgetDevice(address) {
      const wanted = address.toLowerCase();
      for (const [tokenHash, entry] of entries) {
        if (entry.device.address.toLowerCase() === wanted) entries.delete(tokenHash);
      }
    },
  };
  return cache;
}
