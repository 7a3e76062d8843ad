import type { CampaignChangeResponse, FrontierChange } from '@plaza/protocol';
import type { CommandContext, CommandRun } from '../command-spec.ts';

/** What a change did to the frontier, in words ('' when nothing). */
export function frontierChangeText(f: FrontierChange): string {
  const parts = [
    f.requeuedHosts > 0 ? `${f.requeuedHosts} host(s) queued again` : '',
    f.requeued > 0 ? `${f.requeued} URL(s) queued again` : '',
    f.refused > 0 ? `${f.refused} queued URL(s) taken out` : '',
  ].filter(Boolean);
  return parts.length > 0 ? `: ${parts.join(', ')}` : '';
}

const step =
  (call: (ctx: CommandContext, id: string) => Promise<CampaignChangeResponse>): CommandRun =>
  async (context) => {
    const id = context.args[0] as string;
    const result = await call(context, id);
    return {
      json: result,
      text: `campaign ${id} is ${result.campaign.status}${frontierChangeText(result.frontier)}`,
    };
  };

/** `plaza campaign pause ID`. */
export const pause = step(({ client }, id) => client().pauseCampaign(id));
/** `plaza campaign resume ID`. */
export const resume = step(({ client }, id) => client().resumeCampaign(id));
/** `plaza campaign close ID`. */
export const close = step(({ client }, id) => client().closeCampaign(id));
