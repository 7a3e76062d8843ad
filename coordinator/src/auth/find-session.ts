import { sessions } from '@plaza/db';
import type { Role } from '@plaza/protocol';
import { and, eq, gt } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { hashToken } from '../devices/register-device.ts';
import { rolesOf } from './roles-of.ts';

/** A signed-in account, as the session middleware sets it. */
export interface SessionAccount {
  address: `0x${string}`;
  roles: Role[];
  expiresAt: Date;
  tokenHash: string;
}

/** The unexpired session of a bearer token, or null. */
export async function findSession(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  token: string,
): Promise<SessionAccount | null> {
  const tokenHash = hashToken(token);
  const [row] = await deps.db.db
    .select()
    .from(sessions)
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, deps.clock.now())));
  if (!row) return null;
  const address = row.address as `0x${string}`;
  return { address, roles: rolesOf(deps.config, address), expiresAt: row.expiresAt, tokenHash };
}

/** Ends a session. */
export async function endSession(deps: Pick<Deps, 'db'>, tokenHash: string): Promise<number> {
  const ended = await deps.db.db
    .delete(sessions)
    .where(eq(sessions.tokenHash, tokenHash))
    .returning({ tokenHash: sessions.tokenHash });
  return ended.length;
}
