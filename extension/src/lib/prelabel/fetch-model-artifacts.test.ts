import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fetchModelArtifacts } from './fetch-model-artifacts.ts';

const modelJson = '{"format":"layers-model"}';
const weights = new Uint8Array([1, 2, 3, 4]);
const hash = `0x${createHash('sha256').update(modelJson).update(weights).digest('hex')}`;
const base = 'http://127.0.0.1:8787/v1/models/abc/';

function serve(files: Record<string, Uint8Array | string>) {
  const asked: string[] = [];
  const doFetch = (async (url: string) => {
    asked.push(url);
    const body = files[url];
    return body === undefined ? new Response('', { status: 404 }) : new Response(body as BodyInit);
  }) as typeof fetch;
  return { asked, doFetch };
}

describe('fetchModelArtifacts', () => {
  it("downloads model.json and the weights beside it and checks them against the lease's hash", async () => {
    const { asked, doFetch } = serve({
      [`${base}model.json`]: modelJson,
      [`${base}weights.bin`]: weights,
    });
    const files = await fetchModelArtifacts(`${base}model.json`, hash, doFetch);
    expect(files).toEqual({ modelJson, weights });
    expect(asked.sort()).toEqual([`${base}model.json`, `${base}weights.bin`]);
  });

  it('refuses files that do not hash to the version it was asked to run', async () => {
    const { doFetch } = serve({
      [`${base}model.json`]: modelJson,
      [`${base}weights.bin`]: new Uint8Array([1, 2, 3, 5]),
    });
    await expect(fetchModelArtifacts(`${base}model.json`, hash, doFetch)).rejects.toThrow(
      /refused/,
    );
  });

  it('fails on a missing file', async () => {
    const { doFetch } = serve({ [`${base}model.json`]: modelJson });
    await expect(fetchModelArtifacts(`${base}model.json`, hash, doFetch)).rejects.toThrow(/404/);
  });
});
