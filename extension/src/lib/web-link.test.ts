import { describe, expect, it } from 'vitest';
import { readSignedWebLink, webLinkUrl } from './web-link.ts';

const device = `0x${'ab'.repeat(20)}` as const;
const ask = { device, nonce: 2, issuedAt: 1_772_366_400 };
const payout = `0x${'CD'.repeat(20)}`;
const signature = `0x${'ee'.repeat(65)}`;

describe('the web app link page', () => {
  it('opens on the coordinator, with the ask in the hash', () => {
    expect(webLinkUrl('http://127.0.0.1:8787', ask)).toBe(
      `http://127.0.0.1:8787/#/link/${device}/2/1772366400`,
    );
    expect(webLinkUrl('https://plaza.example.org/', ask)).toBe(
      `https://plaza.example.org/#/link/${device}/2/1772366400`,
    );
  });

  it('reads the signature the page put in its address, for this ask only', () => {
    const signed = `${webLinkUrl('http://127.0.0.1:8787', ask)}/signed/${payout}/${signature}`;
    expect(readSignedWebLink(signed, 'http://127.0.0.1:8787', ask)).toEqual({
      payout: payout.toLowerCase(),
      payoutSignature: signature,
    });
    // Not signed yet, another origin, another ask.
    expect(
      readSignedWebLink(webLinkUrl('http://127.0.0.1:8787', ask), 'http://127.0.0.1:8787', ask),
    ).toBeNull();
    expect(
      readSignedWebLink(
        signed.replace('127.0.0.1:8787', 'evil.example'),
        'http://127.0.0.1:8787',
        ask,
      ),
    ).toBeNull();
    expect(readSignedWebLink(signed, 'http://127.0.0.1:8787', { ...ask, nonce: 3 })).toBeNull();
    expect(readSignedWebLink(signed, 'http://127.0.0.1:8787', { ...ask, issuedAt: 1 })).toBeNull();
    expect(readSignedWebLink('not a url', 'http://127.0.0.1:8787', ask)).toBeNull();
  });
});
