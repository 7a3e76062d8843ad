import type { Context } from 'hono';
import { addressBytes, type Cidr, isInCidr } from './cidr.ts';

/** What the Node adapter puts in `c.env`: the request's socket. */
interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string } };
}

/**
 * The address of the client that sent a request, as 16 bytes, or null when the request did not
 * come through a socket (`app.request` in tests). The socket's peer is the client unless it is a
 * trusted reverse proxy: then `X-Forwarded-For` is read from the right, skipping the trusted
 * proxies, and the first other address is the client (what a client writes into the header
 * itself is on the left, never reached while a trusted proxy appends the real peer).
 */
export function clientAddress(c: Context, trustedProxies: readonly Cidr[]): Uint8Array | null {
  const peer = (c.env as NodeBindings | undefined)?.incoming?.socket?.remoteAddress;
  let address = peer === undefined ? null : addressBytes(peer);
  if (address === null || trustedProxies.length === 0) return address;
  const isTrusted = (bytes: Uint8Array) => trustedProxies.some((range) => isInCidr(bytes, range));
  const forwarded = (c.req.header('x-forwarded-for') ?? '').split(',').map((s) => s.trim());
  for (let i = forwarded.length - 1; i >= 0 && isTrusted(address); i--) {
    const next = addressBytes(forwarded[i]!);
    if (next === null) break;
    address = next;
  }
  return address;
}
