import { signInRequestSchema } from '@plaza/protocol';
import { Hono } from 'hono';
import { createNonce } from '../../auth/create-nonce.ts';
import { endSession } from '../../auth/find-session.ts';
import { signIn } from '../../auth/sign-in.ts';
import type { Deps } from '../../deps.ts';
import { requireSession } from '../middleware/auth.ts';
import { readJson } from '../read-json.ts';

/** `/v1/auth`: Sign-In with Ethereum (EIP-4361) nonce, sign-in, session, sign-out. */
export function authRoutes(deps: Deps) {
  const session = requireSession(deps);
  return new Hono()
    .post('/nonce', async (c) => c.json(await createNonce(deps)))
    .post('/siwe', async (c) => {
      const request = await readJson(c, signInRequestSchema);
      const signature = request.signature as `0x${string}`;
      return c.json(await signIn(deps, { request: { ...request, signature } }));
    })
    .get('/session', session, (c) => {
      const account = c.get('account');
      return c.json({
        address: account.address,
        roles: account.roles,
        expiresAt: account.expiresAt.toISOString(),
      });
    })
    .post('/signout', session, async (c) =>
      c.json({ count: await endSession(deps, c.get('account').tokenHash) }),
    );
}
