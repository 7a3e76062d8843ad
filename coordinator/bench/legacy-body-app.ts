import { registerDeviceRequestSchema } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { Deps } from '../src/deps.ts';

/**
 * How the coordinator handled a JSON body before issue 15 (the baseline of `security.bench.ts`):
 * the whole text read, `JSON.parse`, then a NUL search that spelled a path string for every value,
 * then the schema. Kept here only to be measured side by side with the current handling.
 */
export function legacyBodyApp(deps: Pick<Deps, 'db'>) {
  return new Hono()
    .get('/healthz', async (c) => {
      await deps.db.rows(sql`select 1 as ok`);
      return c.json({ ok: true });
    })
    .post('/v1/devices', async (c) => {
      let json: unknown;
      try {
        json = JSON.parse(await c.req.text());
      } catch {
        return c.json({ error: { code: 'BAD_JSON' } }, 400);
      }
      if (legacyFindNul(json) !== null)
        return c.json({ error: { code: 'VALIDATION_FAILED' } }, 400);
      const parsed = registerDeviceRequestSchema.safeParse(json);
      return parsed.success
        ? c.json({ ok: true })
        : c.json({ error: { code: 'VALIDATION_FAILED' } }, 400);
    });
}

function legacyFindNul(value: unknown): string | null {
  const stack: Array<{ node: unknown; path: string }> = [{ node: value, path: '' }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (typeof node === 'string') {
      if (node.includes('\u0000')) return path;
    } else if (Array.isArray(node)) {
      node.forEach((child, i) => {
        stack.push({ node: child, path: path === '' ? String(i) : `${path}.${i}` });
      });
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        const at = path === '' ? key : `${path}.${key}`;
        if (key.includes('\u0000')) return at;
        stack.push({ node: child, path: at });
      }
    }
  }
  return null;
}
