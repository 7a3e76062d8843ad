// The worker thread of `startFixtureInternetThread`.
import { parentPort, workerData } from 'node:worker_threads';
import { type FixtureSite, startFixtureInternet } from './fixture-internet.ts';

const internet = await startFixtureInternet((workerData as { sites: FixtureSite[] }).sites);
parentPort!.on('message', async (message: { type: string }) => {
  if (message.type === 'count')
    parentPort!.postMessage({ type: 'count', count: internet.requests.length });
  if (message.type === 'close') {
    await internet.close();
    parentPort!.postMessage({ type: 'close' });
  }
});
parentPort!.postMessage({ type: 'ready', proxyUrl: internet.proxyUrl });
