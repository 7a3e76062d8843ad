import { authNonces } from '@plaza/db';
import { lt } from 'drizzle-orm';
import { generateSiweNonce } from 'viem/siwe';
import type { Deps } from '../deps.ts';

/** How long a sign-in nonce stays usable. */
export const NONCE_TTL_MS = 10 * 60_000;

/**
 * Issues a single-use nonce for a Sign-In with Ethereum message, and drops expired ones. The
 * message must name the host of the coordinator's public URL as its domain, a URI on that origin,
 * and the coordinator's chain; none of it comes from the request.
 */
export async function createNonce(deps: Pick<Deps, 'db' | 'clock' | 'config' | 'publicUrl'>) {
  const now = deps.clock.now();
  const nonce = generateSiweNonce();
  const expiresAt = new Date(now.getTime() + NONCE_TTL_MS);
  await deps.db.db.delete(authNonces).where(lt(authNonces.expiresAt, now));
  await deps.db.db.insert(authNonces).values({ nonce, expiresAt });
  return {
    nonce,
    domain: new URL(deps.publicUrl).host,
    uri: deps.publicUrl,
    chainId: deps.config.PLAZA_CHAIN_ID,
    expiresAt: expiresAt.toISOString(),
  };
}
