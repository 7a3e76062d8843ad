import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import {
  CoordinatorError,
  errorResponseSchema,
  labelExportFormatSchema,
  routes,
} from '@plaza/protocol';
import { adminConnection } from './admin-connection.ts';

/** `plaza export --help`. */
export const exportUsage = `plaza export labels CAMPAIGN [--format jsonl|csv|conll] [--aggregated] [--out FILE] [--url URL]

Exports a campaign's labels: every labeler's (the first answer, the one scored, with the latest
edit beside it, the posterior and the gold check), or with --aggregated one per item. JSONL (the
default), CSV, or for span campaigns CoNLL with BIO tags. Written to FILE (whole or not at all:
written aside and renamed), or to standard output.`;

/** `plaza export labels CAMPAIGN`: returns the exit code (0 done, 2 usage). */
export async function exportCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: {
      format: { type: 'string', default: 'jsonl' },
      aggregated: { type: 'boolean', default: false },
      out: { type: 'string' },
      url: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    console.log(exportUsage);
    return 0;
  }
  const [what, campaignId] = positionals;
  const format = labelExportFormatSchema.safeParse(values.format);
  if (what !== 'labels' || !campaignId || positionals.length > 2 || !format.success) {
    console.error(`USAGE: plaza export labels CAMPAIGN\n\n${exportUsage}`);
    return 2;
  }
  const { baseUrl, adminKey } = adminConnection(values.url, env);
  const query = new URLSearchParams({ format: format.data, aggregated: String(values.aggregated) });
  const url = `${baseUrl}${routes.campaignLabels(encodeURIComponent(campaignId))}?${query}`;
  const response = await fetch(url, { headers: { authorization: `Bearer ${adminKey}` } }).catch(
    (cause: unknown) => {
      throw new CoordinatorError('NETWORK', `Could not reach ${baseUrl}.`, 0, true, undefined, {
        cause,
      });
    },
  );
  if (!response.ok || !response.body) {
    const parsed = errorResponseSchema.safeParse(await response.json().catch(() => null));
    const error = parsed.success
      ? parsed.data.error
      : { code: `HTTP_${response.status}`, message: '' };
    throw new CoordinatorError(error.code, error.message, response.status, false);
  }
  const body = Readable.fromWeb(response.body as Parameters<typeof Readable.fromWeb>[0]);
  if (!values.out) {
    await pipeline(body, process.stdout);
    return 0;
  }
  const partial = `${values.out}.partial`;
  try {
    await pipeline(body, createWriteStream(partial));
    await rename(partial, values.out);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  console.error(
    `wrote the ${values.aggregated ? 'aggregated' : 'raw'} labels of ${campaignId} to ${values.out}`,
  );
  return 0;
}
