/** A page of the app, as named by the location hash. */
export type Route =
  | { name: 'label' }
  | { name: 'me' }
  | { name: 'review' }
  | { name: 'admin' }
  | { name: 'admin-campaign'; campaignId: string }
  | { name: 'datasets' }
  | { name: 'dataset-version'; campaignId: string; version: number }
  | {
      name: 'link';
      /** What the extension asks the wallet to sign: its device, next payout nonce, time. */
      ask: { device: `0x${string}`; nonce: number; issuedAt: number };
      /** The wallet's signature once made: the extension reads it from the tab's address. */
      signed: { payout: `0x${string}`; signature: `0x${string}` } | null;
    };

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const COUNT = /^[1-9]\d{0,15}$/;

/**
 * `#/link/<device>/<nonce>/<issuedAt>`, opened by the extension, and the same followed by
 * `/signed/<payout>/<signature>` once the wallet signed; anything malformed is the workspace.
 */
function parseLinkRoute(parts: string[]): Route {
  const [device, nonce, issuedAt, signedWord, payout, signature, ...rest] = parts;
  if (!device || !ADDRESS.test(device) || !COUNT.test(nonce ?? '') || !COUNT.test(issuedAt ?? '')) {
    return { name: 'label' };
  }
  const ask = {
    device: device.toLowerCase() as `0x${string}`,
    nonce: Number(nonce),
    issuedAt: Number(issuedAt),
  };
  if (signedWord === undefined) return { name: 'link', ask, signed: null };
  const valid =
    signedWord === 'signed' &&
    rest.length === 0 &&
    ADDRESS.test(payout ?? '') &&
    /^0x(?:[0-9a-fA-F]{2}){1,4096}$/.test(signature ?? '');
  if (!valid) return { name: 'link', ask, signed: null };
  return {
    name: 'link',
    ask,
    signed: { payout: payout as `0x${string}`, signature: signature as `0x${string}` },
  };
}

/**
 * Parses a location hash (`#/label`, `#/admin/<campaignId>`, `#/datasets/<campaignId>/<version>`
 * …); anything unknown is the labeling workspace.
 */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  const [first, second, third, ...rest] = path.split('/');
  if (first === 'link') return parseLinkRoute(path.split('/').slice(1));
  if (rest.length > 0) return { name: 'label' };
  if (first === 'datasets') return parseDatasetsRoute(second, third);
  if (third !== undefined) return { name: 'label' };
  switch (first) {
    case 'me':
      return second === undefined ? { name: 'me' } : { name: 'label' };
    case 'review':
      return second === undefined ? { name: 'review' } : { name: 'label' };
    case 'admin':
      if (second === undefined || second === '') return { name: 'admin' };
      return { name: 'admin-campaign', campaignId: decodeURIComponent(second) };
    default:
      return { name: 'label' };
  }
}

/** `#/datasets` or `#/datasets/<campaignId>/<version>` (a positive integer). */
function parseDatasetsRoute(campaign: string | undefined, version: string | undefined): Route {
  if (campaign === undefined || campaign === '') {
    return version === undefined ? { name: 'datasets' } : { name: 'label' };
  }
  if (version === undefined || !/^[1-9]\d{0,9}$/.test(version)) return { name: 'datasets' };
  return {
    name: 'dataset-version',
    campaignId: decodeURIComponent(campaign),
    version: Number(version),
  };
}

/** The hash link of a route, for `href`s. */
export function routeHref(route: Route): string {
  if (route.name === 'link') {
    const { device, nonce, issuedAt } = route.ask;
    const signed = route.signed ? `/signed/${route.signed.payout}/${route.signed.signature}` : '';
    return `#/link/${device}/${nonce}/${issuedAt}${signed}`;
  }
  if (route.name === 'admin-campaign') return `#/admin/${encodeURIComponent(route.campaignId)}`;
  if (route.name === 'dataset-version') {
    return `#/datasets/${encodeURIComponent(route.campaignId)}/${route.version}`;
  }
  return `#/${route.name}`;
}
