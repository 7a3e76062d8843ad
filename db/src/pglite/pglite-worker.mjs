// Entry of the PGlite thread: TypeScript through tsx, as everywhere in the workspace.
import { register } from 'tsx/esm/api';

register();
await import('./pglite-worker.ts');
