import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from '@plaza/test-kit/http';
import { sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { chainEventsToWebhooks } from './chain-events-to-webhooks.ts';
import { deliverWebhooks } from './deliver-webhooks.ts';
import { emitWebhookEvents } from './emit-event.ts';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local receiver that answers the statuses queued in `answers` (then 200) and keeps what came. */
async function startReceiver(answers: number[] = []) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(answers.shift() ?? 200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () => new Promise((r) => server.close(r)),
  };
}

/** A chain event as the indexer mirrors it. */
async function mirror(
  t: TestApp,
  name: string,
  block: number,
  args: Record<string, unknown>,
  logIndex = 0,
) {
  await t.db.rows(sql`
    insert into chain_events (chain_id, contract, block_number, block_hash, tx_hash, log_index, name, args, dataset_id, version, proposal_id, account)
    values (31337, '0xc0ffee', ${block}, ${`0xb${block}`}, ${`0xt${block}`}, ${logIndex}, ${name}, ${JSON.stringify(args)}::jsonb, 1, 1, ${args.proposalId === undefined ? null : Number(args.proposalId)}, null)`);
}

describe('webhooks', () => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeEach(async () => {
    t = await createTestApp({ env: { PLAZA_WEBHOOK_MAX_ATTEMPTS: '3' } });
    // Receivers check the signature's timestamp against their own clock.
    t.clock.set(new Date());
  });
  afterEach(async () => {
    await receiver?.close();
    await t.close();
  });

  const addEndpoint = async (body: object) =>
    readBody(
      t.app.request('/v1/webhooks', {
        method: 'POST',
        headers: t.admin,
        body: JSON.stringify(body),
      }),
    );
  const log = async (id: string) =>
    readBody(t.app.request(`/v1/webhooks/${id}/deliveries`, { headers: t.admin }));

  it('signs each delivery per Standard Webhooks, as an independent verifier checks it', async () => {
    receiver = await startReceiver();
    const { endpoint, secret } = await addEndpoint({ url: receiver.url });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(endpoint.events).toEqual([
      'version.frozen',
      'version.published',
      'license.proposed',
      'license.approved',
      'license.settled',
    ]);
    await emitWebhookEvents(t.deps, [
      {
        id: 'version.frozen:news:1:0xabc',
        type: 'version.frozen',
        data: { campaignId: 'news', version: 1 },
      },
    ]);
    expect(await deliverWebhooks(t.deps)).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received as [Received];
    const verified = new Webhook(secret).verify(
      delivery.body,
      delivery.headers as Record<string, string>,
    );
    expect(verified).toMatchObject({
      type: 'version.frozen',
      data: { campaignId: 'news', version: 1 },
    });
    expect(delivery.headers['webhook-id']).toBe('version.frozen:news:1:0xabc');
    // A forged body fails the same check.
    expect(() =>
      new Webhook(secret).verify(
        delivery.body.replace('news', 'evil'),
        delivery.headers as Record<string, string>,
      ),
    ).toThrow();
    const { deliveries } = await log(endpoint.id);
    expect(deliveries).toMatchObject([
      { status: 'delivered', attempts: 1, log: [{ status: 200, error: null }] },
    ]);
  });

  it('retries a failing receiver with backoff, logs every attempt, and gives up after the last', async () => {
    receiver = await startReceiver([500, 503, 500]);
    const { endpoint } = await addEndpoint({ url: receiver.url, events: ['license.proposed'] });
    await emitWebhookEvents(t.deps, [
      { id: 'evt-1', type: 'license.proposed', data: {} },
      { id: 'evt-2', type: 'version.frozen', data: {} },
    ]);
    expect(await deliverWebhooks(t.deps)).toBe(1);
    // Not due yet: the first retry waits 5 s.
    t.clock.advance(4_000);
    expect(await deliverWebhooks(t.deps)).toBe(0);
    t.clock.advance(1_000);
    expect(await deliverWebhooks(t.deps)).toBe(1);
    t.clock.advance(20_000);
    expect(await deliverWebhooks(t.deps)).toBe(1);
    t.clock.advance(3_600_000);
    expect(await deliverWebhooks(t.deps)).toBe(0);
    const { deliveries } = await log(endpoint.id);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({
      eventId: 'evt-1',
      status: 'failed',
      attempts: 3,
      nextAttemptAt: null,
    });
    expect(deliveries[0].log.map((a: { status: number }) => a.status)).toEqual([500, 503, 500]);
    expect(deliveries[0].log[1].error).toBe('answered 503: ok');
    const listed = await readBody(t.app.request('/v1/webhooks', { headers: t.admin }));
    expect(listed.endpoints[0].deliveries).toEqual({ pending: 0, delivered: 0, failed: 1 });
  });

  it('turns mirrored chain events into version and license events, once, without replaying history', async () => {
    receiver = await startReceiver();
    await mirror(t, 'VersionProposed', 5, { datasetId: '1', version: 1 });
    // The first step only starts the cursor: history before it is not sent.
    expect(await chainEventsToWebhooks(t.deps)).toBe(0);
    const { endpoint } = await addEndpoint({ url: receiver.url });
    await mirror(t, 'LicenseProposed', 6, { proposalId: '3', buyer: '0xb0b' });
    await mirror(t, 'LicenseApproved', 7, { proposalId: '3' });
    await mirror(t, 'LicenseRefunded', 8, { proposalId: '4' });
    await mirror(t, 'VoteCast', 8, { proposalId: '3' }, 1);
    expect(await chainEventsToWebhooks(t.deps)).toBe(4);
    expect(await chainEventsToWebhooks(t.deps)).toBe(0);
    await deliverWebhooks(t.deps);
    const types = receiver.received
      .map((r) => JSON.parse(r.body))
      .map((b) => [b.type, b.data.outcome ?? null]);
    expect(types.sort()).toEqual([
      ['license.approved', null],
      ['license.proposed', null],
      ['license.settled', 'approved'],
      ['license.settled', 'refunded'],
    ]);
    const removed = await readBody(
      t.app.request(`/v1/webhooks/${endpoint.id}`, { method: 'DELETE', headers: t.admin }),
    );
    expect(removed.disabledAt).not.toBeNull();
    await mirror(t, 'VersionProposed', 9, { datasetId: '1', version: 2 });
    expect(await chainEventsToWebhooks(t.deps)).toBe(1);
    expect(await deliverWebhooks(t.deps)).toBe(0);
  });

  it('refuses bad endpoints and unknown ids with codes, and needs the admin key', async () => {
    const bad = await t.app.request('/v1/webhooks', {
      method: 'POST',
      headers: t.admin,
      body: JSON.stringify({ url: 'ftp://x', events: ['nope'] }),
    });
    expect(bad.status).toBe(400);
    const missing = await t.app.request(`/v1/webhooks/wh_${'0'.repeat(32)}/deliveries`, {
      headers: t.admin,
    });
    expect((await readBody(missing)).error.code).toBe('WEBHOOK_NOT_FOUND');
    expect((await t.app.request('/v1/webhooks')).status).toBe(401);
  });
});
