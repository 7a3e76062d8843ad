import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { WEIGHTS_FILE } from '../../prelabel/serialize-model.ts';

/** A version never changes: any cache may keep it for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * `/v1/models/:hash/`: published campaign models as tfjs artifacts (`model.json` and
 * `weights.bin`, which `tf.loadLayersModel` fetches relative to it), cached immutably: the hash
 * is the content.
 */
export function modelsRoutes(deps: Pick<Deps, 'db'>) {
  const find = async (hash: string, column: 'model_json' | 'weights') => {
    if (!/^0x[0-9a-f]{64}$/.test(hash)) {
      throw new AppError('MODEL_NOT_FOUND', `"${hash.slice(0, 80)}" is not a model hash.`);
    }
    const [row] = await deps.db.rows<{ body: string | Uint8Array }>(
      column === 'model_json'
        ? sql`select model_json as body from prelabel_models where hash = ${hash}`
        : sql`select weights as body from prelabel_models where hash = ${hash}`,
    );
    if (!row) throw new AppError('MODEL_NOT_FOUND', `No model ${hash}.`);
    return row.body;
  };
  const headers = (hash: string, type: string) => ({
    'content-type': type,
    'cache-control': IMMUTABLE,
    etag: `"${hash}"`,
  });
  return new Hono()
    .get('/:hash/model.json', async (c) => {
      const hash = c.req.param('hash');
      const body = (await find(hash, 'model_json')) as string;
      return c.body(body, 200, headers(hash, 'application/json'));
    })
    .get(`/:hash/${WEIGHTS_FILE}`, async (c) => {
      const hash = c.req.param('hash');
      const body = new Uint8Array((await find(hash, 'weights')) as Uint8Array);
      return c.body(body, 200, headers(hash, 'application/octet-stream'));
    });
}
