import { createHash, createHmac } from 'node:crypto';

/** Credentials and scope of an S3-compatible store. */
export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** @default 's3' */
  service?: string;
}

/** A request to sign: the URL holds the path and query; headers are added to, not replaced. */
export interface SigV4Request {
  method: string;
  url: URL;
  headers: Record<string, string>;
  /** hex sha256 of the body, or `UNSIGNED-PAYLOAD`. */
  payloadHash: string;
}

export const EMPTY_PAYLOAD_HASH = sha256Hex('');

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** `20130524T000000Z` */
export function amzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/**
 * Signs a request with AWS Signature Version 4 in the `Authorization` header (as S3, MinIO, R2
 * and other S3-compatible stores expect): adds `x-amz-date` and `x-amz-content-sha256`, signs
 * every header given, and returns the headers to send.
 */
export function signRequest(
  credentials: SigV4Credentials,
  request: SigV4Request,
  now: Date,
): Record<string, string> {
  const date = amzDate(now);
  const headers: Record<string, string> = {
    ...lowerKeys(request.headers),
    host: request.url.host,
    'x-amz-date': date,
    'x-amz-content-sha256': request.payloadHash,
  };
  const { scope, signature, signedHeaders } = sign(credentials, request, headers, date);
  return {
    ...headers,
    authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope},SignedHeaders=${signedHeaders},Signature=${signature}`,
  };
}

/**
 * A presigned GET URL (Signature Version 4 in the query string), valid `expiresSeconds` from
 * `now` (at most 7 days, as S3 allows). Only `host` is signed, so any client can use it.
 */
export function presignUrl(
  credentials: SigV4Credentials,
  url: URL,
  expiresSeconds: number,
  now: Date,
): URL {
  if (!Number.isInteger(expiresSeconds) || expiresSeconds < 1 || expiresSeconds > 604_800) {
    throw new RangeError(`A presigned URL lasts 1 to 604800 seconds, not ${expiresSeconds}.`);
  }
  const date = amzDate(now);
  const signed = new URL(url);
  const params = signed.searchParams;
  params.set('X-Amz-Algorithm', 'AWS4-HMAC-SHA256');
  params.set('X-Amz-Credential', `${credentials.accessKeyId}/${scopeOf(credentials, date)}`);
  params.set('X-Amz-Date', date);
  params.set('X-Amz-Expires', String(expiresSeconds));
  params.set('X-Amz-SignedHeaders', 'host');
  const { signature } = sign(
    credentials,
    { method: 'GET', url: signed, headers: {}, payloadHash: 'UNSIGNED-PAYLOAD' },
    { host: signed.host },
    date,
  );
  params.set('X-Amz-Signature', signature);
  return signed;
}

function sign(
  credentials: SigV4Credentials,
  request: SigV4Request,
  headers: Record<string, string>,
  date: string,
): { scope: string; signature: string; signedHeaders: string } {
  const names = Object.keys(headers).sort();
  const signedHeaders = names.join(';');
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalPath(request.url.pathname),
    canonicalQuery(request.url.searchParams),
    names.map((name) => `${name}:${String(headers[name]).trim().replace(/\s+/g, ' ')}\n`).join(''),
    signedHeaders,
    request.payloadHash,
  ].join('\n');
  const scope = scopeOf(credentials, date);
  const stringToSign = ['AWS4-HMAC-SHA256', date, scope, sha256Hex(canonicalRequest)].join('\n');
  const day = date.slice(0, 8);
  let key: Buffer = hmac(`AWS4${credentials.secretAccessKey}`, day);
  for (const part of [credentials.region, credentials.service ?? 's3', 'aws4_request']) {
    key = hmac(key, part);
  }
  return { scope, signedHeaders, signature: hmac(key, stringToSign).toString('hex') };
}

function scopeOf(credentials: SigV4Credentials, date: string): string {
  return `${date.slice(0, 8)}/${credentials.region}/${credentials.service ?? 's3'}/aws4_request`;
}

/** RFC 3986 encoding, as SigV4 wants it (`encodeURIComponent` leaves `!'()*` alone). */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** S3 signs the path as sent: each segment decoded once and encoded again, slashes kept. */
function canonicalPath(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => uriEncode(decodeURIComponent(segment)))
    .join('/');
}

function canonicalQuery(params: URLSearchParams): string {
  return [...params.entries()]
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
