import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/** A local S3-compatible server with one bucket, and the PLAZA_S3_* settings that reach it. */
export interface LocalS3 {
  endpoint: string;
  bucket: string;
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Starts s3rver (an S3-compatible server on the local disk) on a free loopback port with an empty
 * bucket. It answers the S3 REST API as a real store does, but accepts any Signature Version 4
 * (the signing itself is checked against AWS's worked examples in `sign-v4.test.ts`).
 */
export async function startLocalS3(bucket = 'plaza-exports'): Promise<LocalS3> {
  const directory = await mkdtemp(join(tmpdir(), 'plaza-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    env: {
      PLAZA_S3_ENDPOINT: endpoint,
      PLAZA_S3_BUCKET: bucket,
      PLAZA_S3_ACCESS_KEY_ID: 'S3RVER',
      PLAZA_S3_SECRET_ACCESS_KEY: 'S3RVER',
      PLAZA_S3_PREFIX: 'datasets/',
    },
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
