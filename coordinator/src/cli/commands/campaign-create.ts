import { createCampaignRequestSchema } from '@plaza/protocol';
import { CliError, describeZodIssues } from '../cli-error.ts';
import type { CommandRun } from '../command-spec.ts';
import { stringOption, stringsOption } from '../option-values.ts';
import { campaignFieldsFromFlags } from './campaign-fields.ts';

/** `plaza campaign create`: from flags, or `--file F.json` with flags on top. */
export const run: CommandRun = async ({ values, client }) => {
  const fields = campaignFieldsFromFlags(values);
  const classes = stringOption(values, 'classes');
  const kind = stringOption(values, 'kind');
  const raw: Record<string, unknown> = {
    ...fields,
    ...(stringOption(values, 'id') ? { id: stringOption(values, 'id') } : {}),
  };
  // --rule v2: versions are attributed by measured value (attribution rule v2).
  const rule = stringOption(values, 'rule');
  if (rule) raw.attributionRule = `plaza-attribution/${rule.replace(/^v/, '')}`;
  if (stringsOption(values, 'seed').length > 0) raw.seeds = stringsOption(values, 'seed');
  if (stringsOption(values, 'sitemap').length > 0) raw.sitemaps = stringsOption(values, 'sitemap');
  if (!raw.scope) raw.scope = { hosts: [] };
  if (classes || kind || !raw.labelSchema) {
    raw.labelSchema = {
      kind: kind ?? 'classification',
      classes: (classes ?? 'relevant,irrelevant').split(',').map((s) => s.trim()),
    };
  }
  const parsed = createCampaignRequestSchema.safeParse(raw);
  if (!parsed.success) {
    throw new CliError(
      'VALIDATION_FAILED',
      `Invalid campaign: ${describeZodIssues(parsed.error, 'campaign')}.`,
      2,
      parsed.error.issues,
    );
  }
  const result = await client().createCampaign(parsed.data);
  const lines = [`created campaign ${result.campaign.id}: ${result.frontier.added} URL(s) queued`];
  for (const r of result.frontier.refused) lines.push(`  refused ${r.url}: ${r.code}`);
  return { json: result, text: lines.join('\n') };
};
