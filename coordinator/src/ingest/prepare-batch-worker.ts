import { createMinHasher } from '../dedup/index.ts';
import { measureQuality } from '../quality/index.ts';
import { createFastHashes } from '../signing/create-fast-hashes.ts';
import { type PrepareBatchResult, type PrepareBatchTask, prepareBatch } from './prepare-batch.ts';

const tools = { hashes: await createFastHashes(), minHasher: createMinHasher() };

/** A task that only loads what the first batch would (the language model), so it finds it ready. */
export interface WarmUpTask {
  warmUp: true;
}

/** The ingest worker threads' task: {@link prepareBatch}, off the HTTP thread. */
export default async function run(
  task: PrepareBatchTask | WarmUpTask,
): Promise<PrepareBatchResult | null> {
  if ('warmUp' in task) {
    await measureQuality('The worker thread loads its language model before the first batch.');
    return null;
  }
  return prepareBatch(task, tools);
}
