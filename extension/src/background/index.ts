// The service worker (Chrome) or event page (Firefox): wiring only. The logic is in ../lib.
import browser from 'webextension-polyfill';
import { createActivityLog } from '../lib/activity-log.ts';
import { createCoordinatorSessions } from '../lib/coordinator-session.ts';
import { openPlazaDb } from '../lib/db/idb.ts';
import { loadOrCreateDeviceKey } from '../lib/device-key.ts';
import { workerRequestSchema } from '../lib/messages.ts';
import { parsePage, probe } from '../lib/offscreen/offscreen-client.ts';
import { createOutbox } from '../lib/outbox.ts';
import { createIdbRobotsCache } from '../lib/robots-gate.ts';
import { createWorker } from '../lib/scheduler.ts';
import { loadSettings, SETTINGS_KEY } from '../lib/settings.ts';
import { createStorageAreaStore } from '../lib/storage/key-value-store.ts';
import { createUsageMeter } from '../lib/usage.ts';

const TICK_ALARM = 'plaza-tick';
const WAKE_ALARM = 'plaza-wake';

const store = createStorageAreaStore(browser.storage.local);
const deviceKey = () => loadOrCreateDeviceKey(store);
const sessions = createCoordinatorSessions({ store, deviceKey });
const db = openPlazaDb();

const usage = createUsageMeter(store);
const worker = db.then((database) => {
  const activity = createActivityLog(database);
  const outbox = createOutbox({
    db: database,
    submit: async (entry) =>
      (await sessions.get(entry.coordinatorUrl)).client.submitContributions(entry.body),
    onUnauthorized: (url) => sessions.reset(url),
    onStored: (records) => activity.setReceipts(records),
  });
  return createWorker({
    store,
    sessions,
    outbox,
    activity,
    usage,
    robotsCache: createIdbRobotsCache(database),
    parsePage,
    readEnvironment: async () => ({
      idleState: await browser.idle.queryState(60),
      ...(await probe()),
    }),
  });
});

let wakeTimer: ReturnType<typeof setTimeout> | undefined;

/** Runs the worker now; when it goes idle, wakes it again by timer (if alive) and by alarm. */
async function kick(): Promise<void> {
  clearTimeout(wakeTimer);
  const { nextWakeMs } = await (await worker).run();
  clearTimeout(wakeTimer);
  wakeTimer = setTimeout(() => void kick(), nextWakeMs);
  await browser.alarms.create(WAKE_ALARM, { when: Date.now() + Math.max(nextWakeMs, 1_000) });
}

browser.runtime.onInstalled.addListener(() => {
  void deviceKey()
    .then(() => loadSettings(store))
    .then(() => kick());
});
browser.runtime.onStartup.addListener(() => void kick());
browser.alarms.onAlarm.addListener(() => void kick());
browser.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
  const paused = (changes[SETTINGS_KEY]?.newValue as { paused?: boolean } | undefined)?.paused;
  if (paused) void worker.then((w) => w.abort());
  void kick();
});
browser.runtime.onMessage.addListener((message: unknown) => {
  if (!workerRequestSchema.safeParse(message).success) return undefined;
  void kick();
  return Promise.resolve({ ok: true });
});

// A periodic alarm survives worker restarts and browser restarts; it is the safety net.
void browser.alarms.get(TICK_ALARM).then((alarm) => {
  if (!alarm) void browser.alarms.create(TICK_ALARM, { periodInMinutes: 1 });
});
void kick();
