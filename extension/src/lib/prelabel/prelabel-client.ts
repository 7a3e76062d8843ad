import type { FeatureSpec, PrelabelBackend } from '@plaza/protocol';
import { askOffscreen } from '../offscreen/offscreen-client.ts';
import { runPrelabelResponseSchema } from './prelabel-messages.ts';

/**
 * Runs a batch in the offscreen document (Chrome: the service worker has no WebGPU adapter to
 * share and should not hold a model). Returns probabilities in millionths and the backend.
 */
export async function runPrelabelInOffscreen(params: {
  modelUrl: string;
  hash: string;
  features: FeatureSpec;
  inputs: string[];
  backend?: PrelabelBackend;
}): Promise<{ backend: PrelabelBackend; probs: number[][]; ms: number }> {
  const answer = runPrelabelResponseSchema.parse(
    await askOffscreen({ type: 'prelabel', ...params }),
  );
  if (!answer.ok) throw new Error(`The model did not run: ${answer.error}`);
  return answer;
}
