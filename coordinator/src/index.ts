export { createApp } from './app.ts';
export { runLoops } from './background/run-loops.ts';
export type { Publisher } from './chain/create-publisher.ts';
export { type Config, loadConfig } from './config.ts';
export { createDeps } from './create-deps.ts';
export type { Deps } from './deps.ts';
export { expireLeases } from './leases/expire-leases.ts';
export { publisherFor, type RunningCoordinator, startCoordinator } from './main.ts';
