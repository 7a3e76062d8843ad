import { parseSiweMessage } from 'viem/siwe';
import { describe, expect, it } from 'vitest';
import { buildSiweMessage, SIWE_STATEMENT } from './siwe.ts';

describe('buildSiweMessage', () => {
  const now = new Date('2025-03-01T12:00:00.000Z');
  const nonce = {
    nonce: 'abcDEF123456',
    domain: 'plaza.example:8787',
    chainId: 31337,
    expiresAt: '2025-03-01T12:05:00.000Z',
  };

  it('carries the nonce answer, the origin and a one-day validity', () => {
    const message = buildSiweMessage({
      address: '0x8ba1f109551bd432803012645ac136ddd64dba72',
      nonce,
      origin: 'http://plaza.example:8787',
      now,
    });
    const parsed = parseSiweMessage(message);
    expect(parsed.domain).toBe('plaza.example:8787');
    expect(parsed.address).toBe('0x8ba1f109551bD432803012645Ac136ddd64DBA72');
    expect(parsed.statement).toBe(SIWE_STATEMENT);
    expect(parsed.uri).toBe('http://plaza.example:8787');
    expect(parsed.version).toBe('1');
    expect(parsed.chainId).toBe(31337);
    expect(parsed.nonce).toBe('abcDEF123456');
    expect(parsed.issuedAt?.toISOString()).toBe('2025-03-01T12:00:00.000Z');
    expect(parsed.expirationTime?.toISOString()).toBe('2025-03-02T12:00:00.000Z');
    expect(
      message.startsWith('plaza.example:8787 wants you to sign in with your Ethereum account:'),
    ).toBe(true);
  });

  it('refuses a nonce the standard does not allow', () => {
    expect(() =>
      buildSiweMessage({
        address: '0x8ba1f109551bd432803012645ac136ddd64dba72',
        nonce: { ...nonce, nonce: 'short' },
        origin: 'http://plaza.example',
        now,
      }),
    ).toThrow(/nonce/i);
  });
});
