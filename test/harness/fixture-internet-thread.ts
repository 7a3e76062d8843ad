import { Worker } from 'node:worker_threads';
import type { FixtureSite } from './fixture-internet.ts';

/** The fixture internet on its own thread. */
export interface ThreadedFixtureInternet {
  proxyUrl: string;
  /** How many requests the proxy has seen. */
  requestCount: () => Promise<number>;
  close: () => Promise<void>;
}

/**
 * Runs {@link startFixtureInternet} on a worker thread, so the proxy answers at once even while
 * this thread is busy (the benchmark's in-process coordinator ingesting a batch). Sites must be
 * plain data: streamed answers do not cross threads.
 */
export async function startFixtureInternetThread(
  sites: readonly FixtureSite[],
): Promise<ThreadedFixtureInternet> {
  // Worker threads do not inherit tsx's loader: the worker registers it, then loads its module.
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./fixture-internet-worker.ts', import.meta.url).href;
  const worker = new Worker(
    `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`,
    { eval: true, workerData: { sites } },
  );
  const ask = (type: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const onMessage = (message: Record<string, unknown>) => {
        if (message.type !== type) return;
        worker.off('message', onMessage);
        worker.off('error', reject);
        resolve(message);
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
      if (type !== 'ready') worker.postMessage({ type });
    });
  const { proxyUrl } = await ask('ready');
  return {
    proxyUrl: String(proxyUrl),
    requestCount: async () => Number((await ask('count')).count),
    close: async () => {
      await ask('close');
      await worker.terminate();
    },
  };
}
