import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { DOWNLOADABLE_FILES } from '../../datasets/authorize-download.ts';
import { downloadKey, readDownloadToken } from '../../datasets/download-token.ts';
import { exportsDirOf } from '../../datasets/exports-dir.ts';
import { versionDir } from '../../datasets/freeze-version.ts';
import { contentTypeOf } from '../../datasets/upload-version.ts';
import type { Deps } from '../../deps.ts';
import { AppError, NotFoundError, UnauthorizedError } from '../../errors.ts';

/** `GET /v1/downloads/:token/:file`: a licensed buyer's short-lived URL, streamed from disk. */
export function downloadsRoutes(deps: Deps) {
  const exportsDir = exportsDirOf(deps.config);
  let key: Promise<Buffer> | null = null;
  return new Hono().get('/:token/:file', async (c) => {
    key ??= downloadKey(deps.signer);
    const grant = readDownloadToken(await key, c.req.param('token'));
    if (!grant) throw new UnauthorizedError('The download link is not valid.');
    if (grant.expiresAt < deps.clock.now().getTime()) {
      throw new AppError('DOWNLOAD_EXPIRED', 'The download link expired; ask for a new one.');
    }
    const file = c.req.param('file');
    if (!DOWNLOADABLE_FILES.includes(file)) {
      throw new NotFoundError('NOT_FOUND', `No file "${file}" in a version.`);
    }
    const path = join(versionDir(exportsDir, grant.campaignId, grant.version), file);
    const info = await stat(path).catch(() => null);
    if (!info) throw new NotFoundError('NOT_FOUND', `No file "${file}" in that version.`);
    const body = Readable.toWeb(createReadStream(path)) as ReadableStream;
    return new Response(body, {
      headers: {
        'content-type': contentTypeOf(file),
        'content-length': String(info.size),
        'content-disposition': `attachment; filename="${grant.campaignId}-v${grant.version}-${file}"`,
        'cache-control': 'private, no-store',
      },
    });
  });
}
