import { readBody } from '@plaza/test-kit/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableRowCounts } from '#testing/fuzz/check-consistency.ts';
import { createFuzzWorld, type FuzzWorld } from '#testing/fuzz/fuzz-world.ts';
import { routeSpecs } from '#testing/fuzz/route-specs.ts';
import { fillPath } from '#testing/fuzz/send-fuzz-case.ts';

/** Every route that takes a JSON body, with its path filled in. */
const bodyRoutes = Object.entries(routeSpecs).filter(
  ([key, spec]) => key.startsWith('POST ') && spec.bodies !== undefined,
);

/** `[[[…0…]]]` nested `depth` levels, as text (JSON.stringify itself recurses). */
const nested = (depth: number) => `${'['.repeat(depth)}0${']'.repeat(depth)}`;

/**
 * Hostile bodies the fuzzer (random mutations of valid bodies) does not generate: one just past
 * the value cap, nesting past the depth cap and far past it (which `JSON.parse` would recurse
 * into), and a NUL in a key. Each is sent with the route's own credentials, so it gets to the
 * body; each must be a coded 4xx that wrote nothing.
 */
describe('hostile requests on every route: bodies, and percent-encodings in paths and queries', () => {
  let w: FuzzWorld;
  beforeAll(async () => {
    w = await createFuzzWorld();
  }, 180_000);
  afterAll(() => w?.close());

  const send = async (key: string, body: string) => {
    const spec = routeSpecs[key]!;
    const [, path] = key.split(' ') as [string, string];
    const params = Object.fromEntries(
      Object.entries(spec.params?.(w) ?? {}).map(([name, values]) => [name, values[0]!]),
    );
    const headers =
      spec.auth === 'none'
        ? { 'content-type': 'application/json' }
        : spec.auth === 'disposable'
          ? await w.disposableSession()
          : w.headers[spec.auth];
    return w.app.request(fillPath(path, params), { method: 'POST', headers, body });
  };

  it.each(bodyRoutes.map(([key]) => key))('%s', async (key) => {
    const { maxNodes, maxDepth } = {
      maxNodes: w.t.deps.config.PLAZA_MAX_BODY_NODES,
      maxDepth: w.t.deps.config.PLAZA_MAX_BODY_DEPTH,
    };
    const [template] = (await routeSpecs[key]!.bodies!(w)) as Record<string, unknown>[];
    const valid = JSON.stringify(template).slice(0, -1);
    const cases = [
      {
        body: `${valid},"pad":[${'0,'.repeat(maxNodes)}0]}`,
        status: 413,
        code: 'BODY_TOO_COMPLEX',
      },
      { body: `${valid},"pad":${nested(maxDepth)}}`, status: 400, code: 'BODY_TOO_DEEP' },
      { body: nested(100_000), status: 400, code: 'BODY_TOO_DEEP' },
      { body: `${valid},"pad\\u0000":1}`, status: 400, code: 'VALIDATION_FAILED' },
    ];
    for (const { body, status, code } of cases) {
      const before = await tableRowCounts(w.t.db);
      const res = await send(key, body);
      const answer = await readBody(res);
      expect(res.status, `${key} ${body.slice(-40)}`).toBe(status);
      expect(answer.error.code).toBe(code);
      expect(await tableRowCounts(w.t.db)).toEqual(before);
    }
  });

  it.each(Object.keys(routeSpecs))(
    '%s: malformed percent-encodings in path and query',
    async (key) => {
      const spec = routeSpecs[key]!;
      const [method, path] = key.split(' ') as [string, string];
      const headers =
        spec.auth === 'none'
          ? {}
          : spec.auth === 'disposable'
            ? await w.disposableSession()
            : w.headers[spec.auth];
      for (const bad of ['%', '%E0%A4%A', '%zz', '%C0%80', '%ED%A0%80', '%00']) {
        const url = `${path.replace(/:([A-Za-z]+)/g, bad)}?campaignId=${bad}&limit=${bad}&${bad}=1`;
        const before = await tableRowCounts(w.t.db);
        const res = await w.app.request(url, {
          method,
          headers,
          ...(method === 'POST' ? { body: '{}' } : {}),
        });
        expect(res.status, `${method} ${url}`).toBeLessThan(500);
        if (res.status >= 400) {
          const answer = await readBody(res);
          expect(typeof answer.error.code, `${method} ${url}`).toBe('string');
          // A refusal wrote nothing (a route that ends its session removes that session's row).
          if (!spec.endsSession) expect(await tableRowCounts(w.t.db)).toEqual(before);
        }
      }
    },
  );

  it('reads no further than the value cap of an endless body of small numbers', async () => {
    let pulled = 0;
    const chunk = new TextEncoder().encode('1,'.repeat(8192));
    const endless = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(new TextEncoder().encode('[')),
      pull: (controller) => {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const res = await w.app.request('/v1/devices', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: endless,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await readBody(res)).error.code).toBe('BODY_TOO_COMPLEX');
    // 20,000 values are two bytes each: the reader stopped within a few chunks past 40 KB.
    expect(pulled).toBeLessThan(4 * 40 * 1024);
  });

  it('refuses a declared Content-Length over the size cap before reading anything', async () => {
    const res = await w.app.request('/v1/devices', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(64 * 1024 * 1024) },
      body: '{}',
    });
    expect(res.status).toBe(413);
    expect((await readBody(res)).error.code).toBe('BODY_TOO_LARGE');
  });
});
