import { dirname } from 'node:path';
import { verifyVersion } from '../../datasets/verify-version.ts';
import type { CommandRun } from '../command-spec.ts';
import { formatTable } from '../format-table.ts';
import { stringOption } from '../option-values.ts';

/** `plaza verify DIR`: checks a frozen version from its files; exit 1 when anything differs. */
export const run: CommandRun = async ({ args, values, env }) => {
  const target = args[0] as string;
  const dir = target.endsWith('manifest.json') ? dirname(target) : target;
  const rpcUrl = stringOption(values, 'rpc') ?? env.PLAZA_RPC_URL;
  const result = await verifyVersion(dir, rpcUrl ? { rpcUrl } : {});
  const table = formatTable([
    ['campaign', result.manifest.campaign.id],
    ['dataset / version', `${result.manifest.datasetId} / ${result.manifest.version}`],
    ['rows', result.manifest.rows.count],
    ['rows root', result.rowsRoot],
    ['holders', result.holders],
    ['total shares', String(result.totalShares)],
    ['shares root', result.sharesRoot],
  ]);
  const ok = result.problems.length === 0;
  return {
    json: {
      ok,
      campaign: result.manifest.campaign.id,
      datasetId: result.manifest.datasetId,
      version: result.manifest.version,
      rowsRoot: result.rowsRoot,
      sharesRoot: result.sharesRoot,
      totalShares: String(result.totalShares),
      holders: result.holders,
      problems: result.problems,
    },
    text: ok
      ? `${table}\n\nOK: the files, the rows root, every share and the shares root match the manifest.`
      : `${table}\n\n${result.problems.length} difference(s):\n${result.problems.map((p) => `  - ${p}`).join('\n')}`,
    exitCode: ok ? 0 : 1,
  };
};
