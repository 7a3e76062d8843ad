import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { generatePrivateKey, type PrivateKeyAccount, privateKeyToAccount } from 'viem/accounts';
import { createSiweMessage } from 'viem/siwe';
import type { TestApp } from './create-test-app.ts';

/**
 * Stores items straight into a campaign (as ingest would after accepting them), for tests of what
 * comes after ingest. Returns their ids in order.
 */
export async function seedItems(
  t: TestApp,
  campaignId: string,
  items: Array<{ text: string; title?: string; quality?: number }>,
): Promise<number[]> {
  const now = t.clock.now().toISOString();
  const rows = items.map((item, index) => ({
    campaign_id: campaignId,
    contribution_id: `seed-${campaignId}-${index}-${Math.random().toString(36).slice(2)}`,
    device_address: '0x000000000000000000000000000000000000d00d',
    url: `https://news.example.com/item-${index}-${Math.random().toString(36).slice(2)}`,
    title: item.title ?? `Item ${index}`,
    text: item.text,
    content_hash: createHash('sha256').update(`${item.text}|${Math.random()}`).digest('hex'),
    language: 'en',
    language_confidence: 0.99,
    quality_score: item.quality ?? 0.9,
    ord: index,
  }));
  const ids = await t.db.rows<{ id: number }>(
    sql`insert into items (campaign_id, contribution_id, device_address, url, title, text,
          content_hash, minhash, language, language_confidence, quality_signals, quality_score,
          created_at)
        select r.campaign_id, r.contribution_id, r.device_address, r.url, r.title, r.text,
          r.content_hash, '\\x'::bytea, r.language, r.language_confidence, '{}'::jsonb,
          r.quality_score, ${now}
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(
          campaign_id text, contribution_id text, device_address text, url text, title text,
          text text, content_hash text, language text, language_confidence real,
          quality_score real, ord bigint)
        order by r.ord
        returning id`,
  );
  return ids.map((row) => row.id);
}

/** Builds a Sign-In with Ethereum message for the domain and URI the nonce answer names. */
export function siweMessage(
  account: PrivateKeyAccount,
  nonce: { nonce: string; domain: string; chainId: number; uri?: string | undefined },
  overrides: Partial<Parameters<typeof createSiweMessage>[0]> = {},
) {
  return createSiweMessage({
    address: account.address,
    chainId: nonce.chainId,
    domain: nonce.domain,
    nonce: nonce.nonce,
    uri: nonce.uri ?? `http://${nonce.domain}/`,
    version: '1',
    statement: 'Sign in to Plaza to label data.',
    ...overrides,
  });
}

/** Signs a labeler in through the API; returns the account and request helpers for its session. */
export async function signInLabeler(
  t: TestApp,
  account = privateKeyToAccount(generatePrivateKey()),
) {
  const nonce = (await (await t.app.request('/v1/auth/nonce', { method: 'POST' })).json()) as {
    nonce: string;
    domain: string;
    chainId: number;
    uri: string;
  };
  const message = siweMessage(account, nonce, { issuedAt: t.clock.now() });
  const signature = await account.signMessage({ message });
  const res = await t.app.request('/v1/auth/siwe', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message, signature }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${await res.text()}`);
  const session = (await res.json()) as { token: string; address: `0x${string}`; roles: string[] };
  const headers = { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' };
  const post = (path: string, body: unknown) =>
    t.app.request(path, { method: 'POST', headers, body: JSON.stringify(body) });
  const get = (path: string) => t.app.request(path, { headers });
  return {
    account,
    address: session.address,
    session,
    headers,
    post,
    get,
    lease: async (campaignId: string, max = 3, holding: number[] = []) =>
      post('/v1/labeling/tasks', { campaignId, max, holding }),
    label: async (
      itemId: number,
      value: unknown,
      extra: { clientId?: string; revision?: number; durationMs?: number } = {},
    ) =>
      post('/v1/labeling/labels', {
        labels: [
          {
            clientId: extra.clientId ?? crypto.randomUUID(),
            revision: extra.revision ?? 0,
            itemId,
            value,
            durationMs: extra.durationMs ?? 1500,
            prelabelShown: false,
          },
        ],
      }),
  };
}
