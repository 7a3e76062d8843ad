import { createMinHasher } from '../dedup/index.ts';
import { createFastHashes } from '../signing/create-fast-hashes.ts';
import { type PrepareBatchResult, type PrepareBatchTask, prepareBatch } from './prepare-batch.ts';

const tools = { hashes: await createFastHashes(), minHasher: createMinHasher() };

/** The ingest worker threads' task: {@link prepareBatch}, off the HTTP thread. */
export default function run(task: PrepareBatchTask): Promise<PrepareBatchResult> {
  return prepareBatch(task, tools);
}
