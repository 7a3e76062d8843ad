import { updateCampaignRequestSchema } from '@plaza/protocol';
import { CliError, describeZodIssues } from '../cli-error.ts';
import type { CommandRun } from '../command-spec.ts';
import { formatTable } from '../format-table.ts';
import { campaignFieldsFromFlags } from './campaign-fields.ts';
import { frontierChangeText } from './campaign-lifecycle.ts';
import { campaignRows } from './campaign-show.ts';

/** `plaza campaign edit ID`: only the fields given change; `--include`/`--exclude` keep the hosts. */
export const run: CommandRun = async ({ args, values, client }) => {
  const id = args[0] as string;
  const needsScope =
    ['include', 'exclude'].some((k) => values[k] !== undefined) && values.host === undefined;
  const current = needsScope ? (await client().getCampaign(id)).campaign : null;
  const patch = campaignFieldsFromFlags(values, current ? { scope: current.scope } : {});
  const parsed = updateCampaignRequestSchema.safeParse(patch);
  if (!parsed.success) {
    throw new CliError(
      'VALIDATION_FAILED',
      `Invalid edit: ${describeZodIssues(parsed.error, 'edit')}.`,
      2,
      parsed.error.issues,
    );
  }
  const result = await client().updateCampaign(id, parsed.data);
  return {
    json: result,
    text: `edited campaign ${id} (${Object.keys(parsed.data).join(', ')})${frontierChangeText(result.frontier)}\n${formatTable(campaignRows(result.campaign))}`,
  };
};
