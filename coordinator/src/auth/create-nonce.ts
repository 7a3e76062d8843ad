import { authNonces } from '@plaza/db';
import { lt } from 'drizzle-orm';
import { generateSiweNonce } from 'viem/siwe';
import type { Deps } from '../deps.ts';

/** How long a sign-in nonce stays usable. */
export const NONCE_TTL_MS = 10 * 60_000;

/**
 * Issues a single-use nonce for a Sign-In with Ethereum message, and drops expired ones. The
 * message must name `domain` (the host the app was served from) and the coordinator's chain.
 */
export async function createNonce(deps: Pick<Deps, 'db' | 'clock' | 'config'>, domain: string) {
  const now = deps.clock.now();
  const nonce = generateSiweNonce();
  const expiresAt = new Date(now.getTime() + NONCE_TTL_MS);
  await deps.db.db.delete(authNonces).where(lt(authNonces.expiresAt, now));
  await deps.db.db.insert(authNonces).values({ nonce, expiresAt });
  return { nonce, domain, chainId: deps.config.PLAZA_CHAIN_ID, expiresAt: expiresAt.toISOString() };
}
