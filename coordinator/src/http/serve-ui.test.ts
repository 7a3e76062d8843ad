import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';

describe('serving the web app (PLAZA_UI_DIR)', () => {
  let t: TestApp;
  let dir: string;
  beforeEach(async () => {
    const root = await mkdtemp(join(tmpdir(), 'plaza-ui-'));
    dir = join(root, 'dist');
    await mkdir(join(dir, 'assets'), { recursive: true });
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Plaza</title>');
    await writeFile(join(dir, 'assets', 'app-1234.js'), 'console.log(1)');
    await writeFile(join(root, 'secret.txt'), 'not for the web');
    t = await createTestApp({ env: { PLAZA_UI_DIR: dir } });
  });
  afterEach(() => t.close());

  it('serves index.html at / and for paths without an extension', async () => {
    for (const path of ['/', '/label']) {
      const res = await t.app.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(await res.text()).toContain('<title>Plaza</title>');
    }
  });

  it('serves hashed assets as immutable, with their type', async () => {
    const res = await t.app.request('/assets/app-1234.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toMatch(/immutable/);
  });

  it('never serves a file outside the directory, and keeps API 404s in JSON', async () => {
    for (const path of ['/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/missing.js']) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(404);
      expect((await res.json()).error.code).toBe('ROUTE_NOT_FOUND');
    }
    const api = await t.app.request('/v1/nothing-here');
    expect(api.status).toBe(404);
    expect((await api.json()).error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('answers a malformed percent-encoding in a path with a coded 400, not a 500', async () => {
    for (const path of ['/%', '/%E0%A4%A', '/assets/%zz.js', '/label/%C0%80', '/%ED%A0%80']) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(400);
      const body = await res.json();
      expect(body.error.code).toBe('PATH_INVALID');
      expect(body.error.retryable).toBe(false);
    }
  });
});
