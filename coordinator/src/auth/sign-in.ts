import { randomBytes } from 'node:crypto';
import { authNonces, sessions } from '@plaza/db';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { parseSiweMessage, validateSiweMessage } from 'viem/siwe';
import type { Deps } from '../deps.ts';
import { hashToken } from '../devices/register-device.ts';
import { AppError } from '../errors.ts';
import { rolesOf } from './roles-of.ts';

/** How far in the future a message's `issuedAt` may be (clock skew). */
const MAX_SKEW_MS = 5 * 60_000;

/** The origin of a URI, or null when it is not an absolute http(s) URL. */
function originOf(uri: string | undefined): string | null {
  if (!uri || !URL.canParse(uri)) return null;
  const url = new URL(uri);
  return /^https?:$/.test(url.protocol) ? url.origin : null;
}

/**
 * Checks a Sign-In with Ethereum (EIP-4361) message and its signature, consumes its nonce, and
 * opens a session. The message must name the host of the coordinator's public URL as its domain
 * (and its scheme, if it names one), a URI on that origin, and the coordinator's chain id; the
 * nonce must be one this coordinator issued, unexpired and unused. What the request says about
 * its own host (`Host`, an absolute-form request line) plays no part, so a message a phishing site
 * had signed for its own domain never opens a session here. The signature may be a key's or a
 * contract wallet's (ERC-1271, ERC-6492), checked on the configured chain.
 */
export async function signIn(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'publicUrl' | 'wallets'>,
  params: { request: { message: string; signature: `0x${string}` } },
) {
  const now = deps.clock.now();
  const publicUrl = new URL(deps.publicUrl);
  const domain = publicUrl.host;
  const fields = parseSiweMessage(params.request.message);
  const refuse = (reason: string): never => {
    throw new AppError('SIWE_INVALID', `The sign-in message was refused: ${reason}.`);
  };
  if (!fields.address || !fields.nonce || !fields.domain) refuse('it is not an EIP-4361 message');
  if (fields.domain !== domain) refuse(`it names ${fields.domain}, not ${domain}`);
  if (fields.scheme && `${fields.scheme}:` !== publicUrl.protocol) {
    refuse(`it names the scheme ${fields.scheme}, not ${publicUrl.protocol.slice(0, -1)}`);
  }
  if (originOf(fields.uri) !== publicUrl.origin) {
    refuse(`its URI ${fields.uri ?? '(none)'} is not on ${publicUrl.origin}`);
  }
  if (fields.chainId !== deps.config.PLAZA_CHAIN_ID) {
    refuse(`it names chain ${fields.chainId}, not ${deps.config.PLAZA_CHAIN_ID}`);
  }
  if (fields.issuedAt && fields.issuedAt.getTime() > now.getTime() + MAX_SKEW_MS) {
    refuse('it was issued in the future');
  }
  if (!validateSiweMessage({ message: fields, domain, time: now })) {
    refuse('it is expired or not yet valid');
  }
  const address = fields.address as `0x${string}`;
  const valid = await deps.wallets.verifyMessage({
    address,
    message: params.request.message,
    signature: params.request.signature,
  });
  if (!valid) refuse(`the signature is not ${address}'s`);

  const token = randomBytes(32).toString('hex');
  const expiresAt = new Date(now.getTime() + deps.config.PLAZA_SESSION_TTL_SECONDS * 1000);
  await deps.db.db.transaction(async (tx) => {
    // Consuming the nonce and opening the session commit together: a replay finds it used.
    const used = await tx
      .update(authNonces)
      .set({ usedAt: now })
      .where(
        and(
          eq(authNonces.nonce, fields.nonce as string),
          isNull(authNonces.usedAt),
          gt(authNonces.expiresAt, now),
        ),
      )
      .returning({ nonce: authNonces.nonce });
    if (used.length === 0) refuse('its nonce is unknown, expired or already used');
    await tx.insert(sessions).values({
      tokenHash: hashToken(token),
      address: address.toLowerCase(),
      createdAt: now,
      expiresAt,
    });
  });
  const lower = address.toLowerCase() as `0x${string}`;
  return {
    token,
    address: lower,
    roles: rolesOf(deps.config, lower),
    expiresAt: expiresAt.toISOString(),
  };
}
