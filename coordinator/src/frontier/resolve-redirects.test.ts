import { contributions, frontierUrls } from '@plaza/db';
import { readBody } from '@plaza/test-kit/http';
import { afterEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { registerTestDevice, seedCampaign } from '#testing/seed.ts';
import { resolveRedirects } from './resolve-redirects.ts';

let t: TestApp;
afterEach(() => t.close());

it('resolves opaque redirects on the coordinator and queues only safe, in-scope targets', async () => {
  t = await createTestApp({
    web: {
      'https://site0.example.com/page': { redirectTo: 'https://site0.example.com/final' },
      'https://site1.example.com/page': { redirectTo: 'http://10.0.0.1/admin' },
    },
  });
  await seedCampaign(t, {
    seeds: ['https://site0.example.com/page', 'https://site1.example.com/page'],
    scope: { hosts: ['*.example.com'] },
  });
  const device = await registerTestDevice(t);
  const { lease } = await readBody(device.lease());
  const batch = await device.batch(
    lease.jobs.map((job: { jobId: string; url: string }) =>
      device.contribution(job, { text: '', httpStatus: 0, bodyBytes: 0 }),
    ),
  );
  const body = await readBody(device.submit(batch));
  expect(body.results.map((r: { receipt: { outcome: string } }) => r.receipt.outcome)).toEqual([
    'fetch_failed',
    'fetch_failed',
  ]);
  const rows = await t.deps.db.db.select().from(contributions);
  expect(rows.map((r) => r.reason)).toEqual(['OPAQUE_REDIRECT', 'OPAQUE_REDIRECT']);

  expect(await resolveRedirects(t.deps)).toEqual({ resolved: 2, refused: 0 });
  const frontier = Object.fromEntries(
    (await t.deps.db.db.select().from(frontierUrls)).map((r) => [r.url, `${r.status}:${r.reason}`]),
  );
  expect(frontier).toEqual({
    'https://site0.example.com/page': 'done:REDIRECTED',
    'https://site1.example.com/page': 'done:REDIRECTED',
    'https://site0.example.com/final': 'queued:null',
  });
  expect(await resolveRedirects(t.deps)).toEqual({ resolved: 0, refused: 0 });
});
