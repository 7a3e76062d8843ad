import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalS3, startLocalS3 } from '#testing/start-s3.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { createS3Store, type ObjectStore, objectStoreFromConfig } from './object-store.ts';

describe('the S3-compatible object store', () => {
  let s3: LocalS3;
  let store: ObjectStore;
  let dir: string;

  beforeAll(async () => {
    s3 = await startLocalS3();
    store = objectStoreFromConfig(loadConfig(s3.env)) as ObjectStore;
    dir = await mkdtemp(join(tmpdir(), 'plaza-object-store-'));
  });
  afterAll(async () => {
    await s3?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores a file under its key (streamed) and reads the same bytes back', async () => {
    const path = join(dir, 'rows.jsonl');
    const text = `${Array.from({ length: 2000 }, (_, i) => JSON.stringify({ i, text: 'é ✓ row' })).join('\n')}\n`;
    await writeFile(path, text);
    await store.putFile('news/v1/rows.jsonl', path, 'application/x-ndjson');
    const back = await store.get('news/v1/rows.jsonl');
    expect(Buffer.from(back ?? []).toString('utf8')).toBe(text);
    expect(await store.get('news/v1/missing.json')).toBeNull();
    expect(store.location).toBe(`s3://${s3.bucket}/datasets/ at ${s3.endpoint}`);
  });

  it('presigns a GET anyone can use, under the prefix, until it expires', async () => {
    const url = new URL(store.presignGet('news/v1/rows.jsonl', 600, new Date()));
    expect(url.pathname).toBe(`/${s3.bucket}/datasets/news/v1/rows.jsonl`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('600');
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(await readFile(join(dir, 'rows.jsonl'), 'utf8'));
  });

  it('names the key and the answer when the store refuses, and needs the whole configuration', async () => {
    const wrong = createS3Store({
      endpoint: s3.endpoint,
      bucket: 'no-such-bucket',
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', region: 'us-east-1' },
    });
    await expect(
      wrong.putFile('a/b.json', join(dir, 'rows.jsonl'), 'application/json'),
    ).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(
        /^The object store refused to store a\/b\.json: 404 [\s\S]*NoSuchBucket/,
      ),
    });
    expect(() => loadConfig({ PLAZA_S3_ENDPOINT: s3.endpoint })).toThrow(ConfigError);
    expect(() => loadConfig({ PLAZA_S3_ENDPOINT: s3.endpoint })).toThrow(
      /PLAZA_S3_BUCKET: required with PLAZA_S3_ENDPOINT/,
    );
    expect(objectStoreFromConfig(loadConfig({}))).toBeNull();
  });
});
