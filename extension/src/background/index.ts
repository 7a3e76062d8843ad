// The service worker (Chrome) or event page (Firefox): wiring only. The logic is in ../lib.
import browser from 'webextension-polyfill';
import { createActivityLog } from '../lib/activity-log.ts';
import { createCoordinatorSessions } from '../lib/coordinator-session.ts';
import { openPlazaDb } from '../lib/db/idb.ts';
import { loadOrCreateDeviceKey } from '../lib/device-key.ts';
import { workerRequestSchema } from '../lib/messages.ts';
import { parsePage, probe } from '../lib/offscreen/offscreen-client.ts';
import { createOutbox } from '../lib/outbox.ts';
import { runPrelabelInOffscreen } from '../lib/prelabel/prelabel-client.ts';
import { createPrelabelWorker } from '../lib/prelabel/prelabel-worker.ts';
import { createIdbRobotsCache } from '../lib/robots-gate.ts';
import { createWorker } from '../lib/scheduler.ts';
import { loadSettings, SETTINGS_KEY } from '../lib/settings.ts';
import { createStorageAreaStore } from '../lib/storage/key-value-store.ts';
import { createUsageMeter } from '../lib/usage.ts';

const TICK_ALARM = 'plaza-tick';
const WAKE_ALARM = 'plaza-wake';
const COMPUTE_ALARM = 'plaza-compute';

const store = createStorageAreaStore(browser.storage.local);
const deviceKey = () => loadOrCreateDeviceKey(store);
const sessions = createCoordinatorSessions({ store, deviceKey });
const db = openPlazaDb();

const usage = createUsageMeter(store);
const readEnvironment = async () => ({
  idleState: await browser.idle.queryState(60),
  ...(await probe()),
});
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
    readEnvironment,
  });
});
// Pre-labeling (GPU lending): models run in the offscreen document, which Firefox lacks.
const compute = createPrelabelWorker({
  store,
  sessions,
  readEnvironment,
  runBatch: runPrelabelInOffscreen,
  available: typeof chrome !== 'undefined' && chrome.offscreen !== undefined,
});

let wakeTimer: ReturnType<typeof setTimeout> | undefined;
let computeTimer: ReturnType<typeof setTimeout> | undefined;

/** Runs the worker now; when it goes idle, wakes it again by timer (if alive) and by alarm. */
async function kick(): Promise<void> {
  clearTimeout(wakeTimer);
  const { nextWakeMs } = await (await worker).run();
  clearTimeout(wakeTimer);
  wakeTimer = setTimeout(() => void kick(), nextWakeMs);
  await browser.alarms.create(WAKE_ALARM, { when: Date.now() + Math.max(nextWakeMs, 1_000) });
}

/** The same for the pre-labeling worker, on its own timer and alarm. */
async function kickCompute(): Promise<void> {
  clearTimeout(computeTimer);
  const { nextWakeMs } = await compute.run();
  clearTimeout(computeTimer);
  computeTimer = setTimeout(() => void kickCompute(), nextWakeMs);
  await browser.alarms.create(COMPUTE_ALARM, { when: Date.now() + Math.max(nextWakeMs, 1_000) });
}

browser.runtime.onInstalled.addListener(() => {
  void deviceKey()
    .then(() => loadSettings(store))
    .then(() => Promise.all([kick(), kickCompute()]));
});
browser.runtime.onStartup.addListener(() => {
  void kick();
  void kickCompute();
});
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === COMPUTE_ALARM) void kickCompute();
  else void kick();
  if (alarm.name === TICK_ALARM) void kickCompute();
});
browser.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
  const paused = (changes[SETTINGS_KEY]?.newValue as { paused?: boolean } | undefined)?.paused;
  if (paused) void worker.then((w) => w.abort());
  void kick();
  void kickCompute();
});
browser.runtime.onMessage.addListener((message: unknown) => {
  if (!workerRequestSchema.safeParse(message).success) return undefined;
  void kick();
  void kickCompute();
  return Promise.resolve({ ok: true });
});

// A periodic alarm survives worker restarts and browser restarts; it is the safety net.
void browser.alarms.get(TICK_ALARM).then((alarm) => {
  if (!alarm) void browser.alarms.create(TICK_ALARM, { periodInMinutes: 1 });
});
void kick();
void kickCompute();
