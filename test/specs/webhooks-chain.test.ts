import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { generatePrivateKey } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDaoLifecycle } from '../harness/dao-lifecycle.ts';
import { seedLabelingCampaign } from '../harness/seed-labeling-campaign.ts';
import {
  type InProcessCoordinator,
  startInProcessCoordinator,
} from '../harness/start-in-process-coordinator.ts';
import { startTestChain, type TestChain } from '../harness/start-test-chain.ts';
import { waitFor } from '../harness/wait-for.ts';

const CAMPAIGN = 'hooked';

/**
 * Webhooks from real chain events: a receiver registered by the operator gets `version.frozen`
 * when the version is written, then `version.published`, `license.proposed`, `license.approved`
 * and `license.settled` as the indexer mirrors them from anvil while a buyer licenses the
 * dataset, each signed per Standard Webhooks (checked with an independent library).
 */
describe('webhooks from a version and a license on chain', () => {
  let chain: TestChain;
  let coordinator: InProcessCoordinator;
  let exportsDir: string;
  let server: Server;
  let secret = '';
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const holderKey = generatePrivateKey();

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    chain = await startTestChain();
    exportsDir = await mkdtemp(join(tmpdir(), 'plaza-webhooks-'));
    coordinator = await startInProcessCoordinator({
      inMemory: true,
      background: true,
      publisher: chain.publisher,
      env: { PLAZA_EXPORTS_DIR: exportsDir, PLAZA_CHAIN_ID: String(chain.chainId) },
    });
    const { port } = server.address() as AddressInfo;
    const added = await fetch(`${coordinator.url}/v1/webhooks`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${coordinator.adminKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ url: `http://127.0.0.1:${port}/plaza`, description: 'spec receiver' }),
    });
    expect(added.status).toBe(201);
    secret = ((await added.json()) as { secret: string }).secret;
    // Chain events count from the moment the webhook loop first looked: wait for that moment.
    await waitFor(
      async () =>
        (
          (await coordinator.run(
            `select 1 from webhook_cursors where name = 'chain-events'`,
            [],
          )) as { rows: unknown[] }
        ).rows.length === 1,
      { timeoutMs: 60_000, what: 'the webhook loop to start following the chain' },
    );
    await seedLabelingCampaign({
      url: coordinator.url,
      adminKey: coordinator.adminKey,
      run: coordinator.run,
      campaign: {
        id: CAMPAIGN,
        labelSchema: { kind: 'classification', classes: ['a', 'b'] },
        overlap: 1,
        goldFraction: 0,
      },
      pages: 4,
      devicePrivateKey: holderKey,
    });
  }, 240_000);

  afterAll(async () => {
    await coordinator?.close();
    await chain?.stop();
    await new Promise((resolve) => server?.close(resolve));
    if (exportsDir) await rm(exportsDir, { recursive: true, force: true });
  });

  const types = () => received.map((r) => (JSON.parse(r.body) as { type: string }).type);

  it('delivers version.frozen and version.published for a freeze', async () => {
    const frozen = await fetch(`${coordinator.url}/v1/campaigns/${CAMPAIGN}/versions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${coordinator.adminKey}`,
        'content-type': 'application/json',
      },
      // Nothing is labelled here: force past the safe-freeze check.
      body: JSON.stringify({ force: true }),
    });
    expect(frozen.status).toBe(201);
    await waitFor(async () => types().includes('version.published'), {
      timeoutMs: 60_000,
      what: 'version.published to reach the receiver',
    });
    expect(types()).toContain('version.frozen');
  });

  it('delivers the license events as a buyer licenses the dataset, every one signed', async () => {
    const shares = JSON.parse(
      await readFile(join(exportsDir, CAMPAIGN, 'v1', 'shares.json'), 'utf8'),
    );
    const result = await runDaoLifecycle({
      rpcUrl: chain.rpcUrl,
      plaza: chain.plaza,
      stablecoin: chain.testUsd,
      shares,
      holders: [{ name: 'device', privateKey: holderKey }],
      buyer: { name: 'buyer', privateKey: generatePrivateKey() },
      price: 1_000_000_000n,
    });
    expect(result.ok).toBe(true);
    await waitFor(async () => types().filter((t) => t.startsWith('license.')).length >= 3, {
      timeoutMs: 60_000,
      what: 'the license events to reach the receiver',
    });
    expect([...new Set(types())].sort()).toEqual([
      'license.approved',
      'license.proposed',
      'license.settled',
      'version.frozen',
      'version.published',
    ]);
    const verifier = new Webhook(secret);
    for (const delivery of received) {
      const payload = verifier.verify(
        delivery.body,
        delivery.headers as Record<string, string>,
      ) as {
        type: string;
        data: Record<string, unknown>;
      };
      if (payload.type === 'license.settled') expect(payload.data.outcome).toBe('approved');
      if (payload.type === 'version.frozen')
        expect(payload.data).toMatchObject({ campaignId: CAMPAIGN, version: 1 });
    }
    const ids = received.map((r) => r.headers['webhook-id']);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
