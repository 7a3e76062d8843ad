import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';
import { presignUrl, type SigV4Credentials, signRequest, uriEncode } from './sign-v4.ts';

/** Where frozen versions are copied besides the local disk. */
export interface ObjectStore {
  /** `s3://bucket/prefix` at the endpoint, for logs and storage records. */
  readonly location: string;
  /** Uploads a local file under `key` (streamed; its sha256 is read first, for the signature). */
  putFile(key: string, path: string, contentType: string): Promise<void>;
  /** An object's bytes, or null when it does not exist. */
  get(key: string): Promise<Uint8Array | null>;
  /** A URL anyone may GET the object with until `expiresSeconds` after `now`. */
  presignGet(key: string, expiresSeconds: number, now: Date): string;
}

/** The store PLAZA_S3_* configure, or null for local disk only. */
export function objectStoreFromConfig(config: Config): ObjectStore | null {
  const { PLAZA_S3_ENDPOINT: endpoint, PLAZA_S3_BUCKET: bucket } = config;
  if (!endpoint || !bucket) return null;
  return createS3Store({
    endpoint,
    bucket,
    prefix: config.PLAZA_S3_PREFIX,
    credentials: {
      accessKeyId: config.PLAZA_S3_ACCESS_KEY_ID ?? '',
      secretAccessKey: config.PLAZA_S3_SECRET_ACCESS_KEY ?? '',
      region: config.PLAZA_S3_REGION,
    },
  });
}

/**
 * An S3-compatible bucket addressed path-style (`<endpoint>/<bucket>/<key>`, which AWS, MinIO,
 * R2 and Ceph all accept), every request signed with Signature Version 4. A refused or failed
 * request is an `UNAVAILABLE` error naming the key and the store's answer.
 */
export function createS3Store(params: {
  endpoint: string;
  bucket: string;
  prefix?: string;
  credentials: SigV4Credentials;
  /** @default Date.now */
  now?: () => Date;
}): ObjectStore {
  const base = params.endpoint.replace(/\/+$/, '');
  const prefix = params.prefix ?? '';
  const now = params.now ?? (() => new Date());
  const urlOf = (key: string) =>
    new URL(
      `${base}/${uriEncode(params.bucket)}/${`${prefix}${key}`.split('/').map(uriEncode).join('/')}`,
    );

  const fail = async (what: string, key: string, res: Response | null, cause?: unknown) => {
    const detail = res ? `${res.status} ${(await res.text().catch(() => '')).slice(0, 300)}` : '';
    return new AppError(
      'UNAVAILABLE',
      `The object store refused to ${what} ${prefix}${key}${detail ? `: ${detail}` : '.'}`,
      { cause },
    );
  };

  return {
    location: `s3://${params.bucket}/${prefix} at ${base}`,

    async putFile(key, path, contentType) {
      const size = (await stat(path)).size;
      const hash = await new Promise<string>((resolve, reject) => {
        const digest = createHash('sha256');
        createReadStream(path)
          .on('data', (chunk) => digest.update(chunk))
          .on('error', reject)
          .on('end', () => resolve(digest.digest('hex')));
      });
      const url = urlOf(key);
      const headers = signRequest(
        params.credentials,
        {
          method: 'PUT',
          url,
          headers: { 'content-type': contentType, 'content-length': String(size) },
          payloadHash: hash,
        },
        now(),
      );
      delete headers.host;
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'PUT',
          headers,
          body: Readable.toWeb(createReadStream(path)) as ReadableStream,
          duplex: 'half',
        } as RequestInit);
      } catch (error) {
        throw await fail('store', key, null, error);
      }
      if (!res.ok) throw await fail('store', key, res);
      await res.body?.cancel();
    },

    async get(key) {
      const url = urlOf(key);
      const headers = signRequest(
        params.credentials,
        { method: 'GET', url, headers: {}, payloadHash: 'UNSIGNED-PAYLOAD' },
        now(),
      );
      delete headers.host;
      let res: Response;
      try {
        res = await fetch(url, { headers });
      } catch (error) {
        throw await fail('read', key, null, error);
      }
      if (res.status === 404) return null;
      if (!res.ok) throw await fail('read', key, res);
      return new Uint8Array(await res.arrayBuffer());
    },

    presignGet(key, expiresSeconds, at) {
      return presignUrl(params.credentials, urlOf(key), expiresSeconds, at).toString();
    },
  };
}
