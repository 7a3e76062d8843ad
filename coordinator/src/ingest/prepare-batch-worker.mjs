// Entry of an ingest worker thread: TypeScript through tsx, as everywhere in the workspace.
import { register } from 'tsx/esm/api';

register();
const { default: run } = await import('./prepare-batch-worker.ts');
export default run;
