type Hex = `0x${string}`;

/** The options page's hash that starts linking in the web app at once (the popup opens it). */
export const LINK_WALLET_HASH = '#link-wallet';

/** The payout link the extension asks the web app's wallet to sign. */
export interface WebLinkAsk {
  device: Hex;
  nonce: number;
  issuedAt: number;
}

/** The web app's link page for an ask: `<coordinator>/#/link/<device>/<nonce>/<issuedAt>`. */
export function webLinkUrl(coordinatorUrl: string, ask: WebLinkAsk): string {
  const base = new URL(coordinatorUrl);
  base.hash = `/link/${ask.device}/${ask.nonce}/${ask.issuedAt}`;
  return base.toString();
}

/**
 * The wallet's signature, read from the address of the link page once the wallet signed:
 * `#/link/<device>/<nonce>/<issuedAt>/signed/<payout>/<signature>`. Only an address on the
 * coordinator's own origin, for exactly the ask the extension made, counts: a page elsewhere (the
 * tab navigated away) cannot hand the extension a wallet to link.
 *
 * @example
 * const signed = readSignedWebLink(tab.url, coordinatorUrl, ask); // null until the wallet signed
 */
export function readSignedWebLink(
  url: string,
  coordinatorUrl: string,
  ask: WebLinkAsk,
): { payout: Hex; payoutSignature: Hex } | null {
  if (!URL.canParse(url)) return null;
  const page = new URL(url);
  if (page.origin !== new URL(coordinatorUrl).origin) return null;
  const match =
    /^#\/link\/(0x[0-9a-fA-F]{40})\/(\d+)\/(\d+)\/signed\/(0x[0-9a-fA-F]{40})\/(0x(?:[0-9a-fA-F]{2})+)$/.exec(
      page.hash,
    );
  if (!match) return null;
  const [, device, nonce, issuedAt, payout, signature] = match;
  if (
    device?.toLowerCase() !== ask.device.toLowerCase() ||
    Number(nonce) !== ask.nonce ||
    Number(issuedAt) !== ask.issuedAt
  ) {
    return null;
  }
  return { payout: payout!.toLowerCase() as Hex, payoutSignature: signature as Hex };
}
