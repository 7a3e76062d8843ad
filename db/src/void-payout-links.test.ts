import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb } from './testing/index.ts';

const migration = readFileSync(
  new URL('../migrations/0009_void_wallet_only_payout_links.sql', import.meta.url),
  'utf8',
);

/**
 * Payout links from before the two-signature protocol (the wallet's signature alone, any nonce)
 * are void after the migration; links recorded with their signatures stay.
 */
describe('migration 0008: void wallet-only payout links', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
  });

  it("resets a legacy link and an attacker's huge nonce, and keeps a recorded link", async () => {
    const handle = await createTestDb();
    close = handle.close;
    const device = (n: number) => `0x${String(n).padStart(40, '0')}`;
    await handle.rows(sql`insert into devices (address, payout_address, payout_nonce, token_hash,
        registered_issued_at)
      values (${device(1)}, ${device(11)}, 1772366400, 'a', 1),
             (${device(2)}, ${device(12)}, 9007199254740991, 'b', 1),
             (${device(3)}, ${device(13)}, 1, 'c', 1),
             (${device(4)}, null, 0, 'd', 1)`);
    await handle.rows(sql`insert into device_payout_events (device_address, nonce, kind,
        payout_address, issued_at, device_signature, payout_signature, created_at)
      values (${device(3)}, 1, 'payout_linked', ${device(13)}, 1, '0x01', '0x02', now())`);
    await handle.rows(sql.raw(migration));
    const after = await handle.rows<{ address: string; payout_address: string | null; n: string }>(
      sql`select address, payout_address, payout_nonce::text as n from devices order by address`,
    );
    expect(after).toEqual([
      { address: device(1), payout_address: null, n: '0' },
      { address: device(2), payout_address: null, n: '0' },
      { address: device(3), payout_address: device(13), n: '1' },
      { address: device(4), payout_address: null, n: '0' },
    ]);
  });
});
