// What a command needs to reach a coordinator, in one module the CLI loads only when a command
// runs. Static named imports let the bundler keep only the client of `@plaza/protocol` (zod
// schemas), not the rest of the package (viem's signing code).
export { createCoordinatorClient } from '@plaza/protocol';
export { loadConfig } from '../config.ts';
export { readAdminKey } from './admin-key.ts';
