import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** What a download URL grants: one version's files to one buyer until `expiresAt` (unix ms). */
export interface DownloadGrant {
  campaignId: string;
  version: number;
  buyer: string;
  expiresAt: number;
}

/**
 * The HMAC key of download tokens, derived from the coordinator's signing key (an ECDSA signature
 * is deterministic, RFC 6979), so every process of a deployment makes and accepts the same tokens
 * and the key itself never leaves the signer.
 */
export async function downloadKey(signer: {
  signMessage: (args: { message: string }) => Promise<string>;
}): Promise<Buffer> {
  const signature = await signer.signMessage({ message: 'plaza-download-key-v1' });
  return createHash('sha256').update(signature).digest();
}

/** A stateless token for a grant: base64url(JSON) + "." + base64url(HMAC-SHA256). */
export function signDownloadToken(key: Buffer, grant: DownloadGrant): string {
  const payload = Buffer.from(JSON.stringify(grant)).toString('base64url');
  const mac = createHmac('sha256', key).update(payload).digest('base64url');
  return `${payload}.${mac}`;
}

/** The grant of a token, or null when it was not made with `key` or is malformed. */
export function readDownloadToken(key: Buffer, token: string): DownloadGrant | null {
  const [payload, mac] = token.split('.');
  if (!payload || !mac || token.length > 2048) return null;
  const expected = createHmac('sha256', key).update(payload).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const grant = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as DownloadGrant;
    return typeof grant.expiresAt === 'number' && typeof grant.campaignId === 'string'
      ? grant
      : null;
  } catch {
    return null;
  }
}
