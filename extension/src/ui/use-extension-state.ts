import { useEffect, useState } from 'react';
import browser from 'webextension-polyfill';
import { type ActivityEntry, createActivityLog } from '../lib/activity-log.ts';
import { type Registration, readRegistration } from '../lib/coordinator-session.ts';
import { openPlazaDb, stores } from '../lib/db/idb.ts';
import { readDeviceAddress } from '../lib/device-key.ts';
import { type ComputeStatus, readComputeStatus } from '../lib/prelabel/compute-status.ts';
import { countReceipts, type ReceiptRecord, recentReceipts } from '../lib/receipts-store.ts';
import { loadSettings, type Settings } from '../lib/settings.ts';
import { createStorageAreaStore } from '../lib/storage/key-value-store.ts';
import { readUsage, type Usage } from '../lib/usage.ts';
import { readWorkerStatus, type WorkerStatus } from '../lib/worker-status.ts';

/** Extension storage, for pages. */
export const store = createStorageAreaStore(browser.storage.local);

let database: Promise<IDBDatabase> | null = null;
/** The extension's database, opened once per page. */
export function pageDb(): Promise<IDBDatabase> {
  database ??= openPlazaDb();
  return database;
}

/** Everything the popup shows. */
export interface ExtensionState {
  settings: Settings;
  status: WorkerStatus;
  /** The pre-labeling (compute) worker's state. */
  compute: ComputeStatus;
  usage: Usage;
  address: `0x${string}` | null;
  /** The device's registration with the configured coordinator, once it registered. */
  registration: Registration | null;
  counts: Record<ReceiptRecord['outcome'], number>;
  pending: number;
  receipts: ReceiptRecord[];
  fetches: ActivityEntry[];
}

async function readState(fetchLimit: number): Promise<ExtensionState> {
  const db = await pageDb();
  const [settings, status, usage, address, counts, receipts, fetches, pending] = await Promise.all([
    loadSettings(store),
    readWorkerStatus(store),
    readUsage(store),
    readDeviceAddress(store),
    countReceipts(db),
    recentReceipts(db, 10),
    createActivityLog(db).list({ limit: fetchLimit }),
    new Promise<number>((resolve, reject) => {
      const request = db.transaction(stores.outbox).objectStore(stores.outbox).count();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    }),
  ]);
  const registration = await readRegistration(store, settings.coordinatorUrl);
  const compute = await readComputeStatus(store);
  return {
    settings,
    status,
    compute,
    usage,
    address,
    registration,
    counts,
    pending,
    receipts,
    fetches,
  };
}

/**
 * The extension's state, kept fresh: re-read when storage changes (settings, status, usage) and
 * every second (receipts and the activity log live in IndexedDB, which has no change events).
 */
export function useExtensionState(fetchLimit = 50): ExtensionState | null {
  const [state, setState] = useState<ExtensionState | null>(null);
  useEffect(() => {
    let alive = true;
    const refresh = () =>
      void readState(fetchLimit).then((next) => {
        if (alive) setState(next);
      });
    refresh();
    const timer = setInterval(refresh, 1000);
    browser.storage.onChanged.addListener(refresh);
    return () => {
      alive = false;
      clearInterval(timer);
      browser.storage.onChanged.removeListener(refresh);
    };
  }, [fetchLimit]);
  return state;
}

/** Asks the worker to look for work now (after a setting changed). */
export function kickWorker(): void {
  void browser.runtime.sendMessage({ target: 'worker', type: 'kick' }).catch(() => {});
}

/** Bytes as megabytes with two decimals. */
export function formatMb(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(2);
}
