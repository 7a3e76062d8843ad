import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import postgres from 'postgres';

/**
 * The baseline of `ingest.vs_plain_insert`: the least an HTTP service can do with Plaza's
 * request bodies on the same PostgreSQL. A hono app served like the coordinator, whose one route
 * parses the JSON body and stores every item (its fields and text) with one multi-row insert
 * through postgres.js, and answers the count. No checks, no dedup, no receipts.
 */
export async function startPlainInsertServer(databaseUrl: string) {
  const sql = postgres(databaseUrl, { max: 10, onnotice: () => {} });
  await sql`create table plain_items (
    id bigint generated always as identity primary key,
    job_id text not null, url text not null, final_url text not null, http_status int not null,
    text_hash text not null, title text not null, text text not null, created_at timestamptz not null
  )`;
  const app = new Hono().post('/v1/contributions', async (c) => {
    const body = (await c.req.json()) as {
      items: {
        jobId: string;
        url: string;
        finalUrl: string;
        httpStatus: number;
        textHash: string;
        title?: string;
        text: string;
      }[];
    };
    const now = new Date();
    const rows = body.items.map((i) => ({
      job_id: i.jobId,
      url: i.url,
      final_url: i.finalUrl,
      http_status: i.httpStatus,
      text_hash: i.textHash,
      title: i.title ?? '',
      text: i.text,
      created_at: now,
    }));
    await sql`insert into plain_items ${sql(rows)}`;
    return c.json({ stored: rows.length });
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  if ('keepAliveTimeout' in server) server.keepAliveTimeout = 60_000;
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/contributions`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await sql.end({ timeout: 5 });
    },
  };
}
