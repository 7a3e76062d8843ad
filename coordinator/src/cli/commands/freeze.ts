import { CliError } from '../cli-error.ts';
import type { CommandRun } from '../command-spec.ts';
import { formatTable } from '../format-table.ts';
import { stringOption } from '../option-values.ts';

interface FrozenVersion {
  dir: string;
  publication: {
    datasetId: string;
    txHash: string | null;
    activated: boolean;
    activatesAt?: number;
  } | null;
  manifest: {
    version: number;
    rows: { count: number; root: string };
    shares: { root: string };
    attribution: { holders: number; totalShares: string };
  };
}

type Line =
  | { progress: { step: string; rows?: number } }
  | { result: FrozenVersion }
  | { error: { code: string; message: string; details?: unknown } };

/** Reads the NDJSON answer line by line, reporting progress, until its result or error. */
async function readStream(
  body: ReadableStream<Uint8Array>,
  progress: (line: string) => void,
): Promise<FrozenVersion> {
  const started = Date.now();
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffered += decoder.decode(chunk, { stream: true });
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      const line = JSON.parse(buffered.slice(0, newline)) as Line;
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf('\n');
      if ('progress' in line) {
        const rows =
          line.progress.rows === undefined
            ? ''
            : ` (${line.progress.rows.toLocaleString('en')} rows)`;
        progress(
          `  ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  ${line.progress.step}${rows}…`,
        );
      } else if ('result' in line) return line.result;
      else throw new CliError(line.error.code, line.error.message, 1, line.error.details);
    }
  }
  throw new CliError('BAD_RESPONSE', 'The coordinator ended the freeze answer without a result.');
}

/** `plaza freeze CAMPAIGN`: freezes and publishes, showing each step as it happens. */
export const run: CommandRun = async ({ args, values, coordinator, progress }) => {
  const campaignId = args[0] as string;
  const { baseUrl, adminKey } = coordinator();
  const datasetId = stringOption(values, 'dataset-id');
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/v1/campaigns/${encodeURIComponent(campaignId)}/versions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${adminKey}`,
        'content-type': 'application/json',
        accept: 'application/x-ndjson',
      },
      body: JSON.stringify({ ...(datasetId ? { datasetId } : {}), force: values.force === true }),
    });
  } catch {
    throw new CliError(
      'COORDINATOR_UNREACHABLE',
      `Could not reach ${baseUrl}. Is the coordinator running ('plaza start'), and is PLAZA_URL or --url right?`,
    );
  }
  if (!response.ok || !response.body) {
    const body = (await response.json().catch(() => null)) as {
      error?: { code: string; message: string };
    } | null;
    throw new CliError(
      body?.error?.code ?? `HTTP_${response.status}`,
      body?.error?.message ?? `The coordinator answered ${response.status}.`,
      response.status === 400 ? 2 : 1,
    );
  }
  progress(`Freezing ${campaignId}:`);
  const frozen = await readStream(response.body, progress);
  const { manifest, publication } = frozen;
  return {
    json: frozen,
    text: formatTable([
      ['version', manifest.version],
      ['rows', manifest.rows.count],
      ['rows root', manifest.rows.root],
      ['holders', manifest.attribution.holders],
      ['total shares', manifest.attribution.totalShares],
      ['shares root', manifest.shares.root],
      ['written to', frozen.dir],
      [
        'on chain',
        publication
          ? `dataset ${publication.datasetId}, ${publicationState(publication)}${publication.txHash ? ` (tx ${publication.txHash})` : ''}`
          : 'not published (no chain)',
      ],
    ]),
  };
};

/** A publication's state in words: open, or in its timelock until when (revocable meanwhile). */
function publicationState(publication: { activated: boolean; activatesAt?: number }): string {
  if (publication.activated) return 'active';
  if (publication.activatesAt === undefined) return 'pending';
  const until = new Date(publication.activatesAt * 1000).toISOString().replace('.000', '');
  return `in its timelock until ${until} (the guardian may revoke it until then)`;
}
