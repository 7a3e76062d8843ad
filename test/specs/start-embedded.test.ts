import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCoordinatorClient } from '@plaza/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CoordinatorProcess,
  startCoordinatorProcess,
} from '../harness/start-coordinator-process.ts';

// `pnpm start` runs the built CLI (coordinator/dist/cli) on the embedded defaults: PGlite in its
// own worker thread, the ingest worker threads and a local anvil. A worker file missing from the
// build only shows when that build starts, so it is started here as `pnpm start` does.
describe('plaza start on its embedded defaults', () => {
  let dataDir: string;
  let coordinator: CoordinatorProcess;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'plaza-start-embedded-'));
    coordinator = await startCoordinatorProcess({
      env: { PLAZA_DATA_DIR: dataDir, PLAZA_PORT: '0' },
      readyTimeoutMs: 180_000,
    });
  }, 240_000);

  afterAll(async () => {
    await coordinator?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers ready on PGlite with the local chain, and serves the API', async () => {
    const ready = await fetch(`${coordinator.url}/readyz`);
    expect(ready.status, coordinator.output()).toBe(200);
    const client = createCoordinatorClient({ baseUrl: coordinator.url });
    const status = await client.status();
    expect(status).toBeDefined();
    expect(coordinator.output()).toMatch(/"database":"pglite"/);
  });
});
