// The offscreen document (Chrome): parses fetched pages for the worker, reads the battery, and
// runs campaign models for the pre-labeling worker (tfjs: WebGPU → wasm → cpu).
import { handleOffscreenMessage } from '../lib/offscreen/handle-offscreen-message.ts';
import { fetchModelArtifacts } from '../lib/prelabel/fetch-model-artifacts.ts';
import { createPrelabelMessageHandler } from '../lib/prelabel/handle-prelabel-message.ts';
import { loadTfjs } from '../lib/prelabel/load-tfjs.ts';
import { createPrelabelRunner } from '../lib/prelabel/run-prelabel-batch.ts';

const handlePrelabelMessage = createPrelabelMessageHandler(
  createPrelabelRunner({
    loadTf: loadTfjs,
    fetchArtifacts: (url, hash) => fetchModelArtifacts(url, hash),
  }),
);

chrome.runtime.onMessage.addListener((message: unknown, _sender, sendResponse) => {
  const answer = handleOffscreenMessage(message) ?? handlePrelabelMessage(message);
  if (!answer) return false;
  void answer.then(sendResponse);
  return true;
});

export default function Offscreen() {
  return null;
}
