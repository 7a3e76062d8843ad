import type { Campaign, CampaignChangeResponse, CoordinatorClient } from '@plaza/protocol';
import { useState } from 'react';
import { formatError } from '../../lib/describe-error.ts';
import { CampaignEditForm } from './campaign-edit-form.tsx';

/** Props of {@link CampaignSteering}. */
export interface CampaignSteeringProps {
  campaign: Campaign;
  client: Pick<
    CoordinatorClient,
    'pauseCampaign' | 'resumeCampaign' | 'closeCampaign' | 'updateCampaign'
  >;
  /** Called with the campaign as the coordinator answered after a change. */
  onChanged: (campaign: Campaign) => void;
}

/** What a change did, in a sentence. */
export function describeChange(verb: string, answer: CampaignChangeResponse): string {
  const f = answer.frontier;
  const parts = [
    f.requeuedHosts > 0 ? `${f.requeuedHosts} host(s) queued again` : '',
    f.requeued > 0 ? `${f.requeued} URL(s) queued again` : '',
    f.refused > 0 ? `${f.refused} queued URL(s) taken out` : '',
  ].filter(Boolean);
  return `${verb}: the campaign is ${answer.campaign.status}${parts.length > 0 ? `; ${parts.join(', ')}` : ''}.`;
}

/**
 * Pause, resume and close a campaign (closing asks to confirm: it is final), and edit its scope,
 * limits, overlap, quality floor and license.
 */
export function CampaignSteering({ campaign, client, onChanged }: CampaignSteeringProps) {
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [confirmClose, setConfirmClose] = useState(false);
  const [busy, setBusy] = useState(false);

  async function step(verb: string, run: () => Promise<CampaignChangeResponse>): Promise<void> {
    setBusy(true);
    setFailure(null);
    try {
      const answer = await run();
      setMessage(describeChange(verb, answer));
      onChanged(answer.campaign);
    } catch (error) {
      setFailure(`${verb} failed: ${formatError(error)}`);
    } finally {
      setBusy(false);
      setConfirmClose(false);
    }
  }

  const closed = campaign.status === 'closed';
  return (
    <section className="panel" aria-labelledby="steer-title">
      <h2 id="steer-title">Steer the campaign</h2>
      <p>
        Status: <strong data-testid="campaign-status">{campaign.status}</strong>
      </p>
      {closed ? (
        <p>This campaign is closed: nothing more is fetched or labelled. Its versions stay.</p>
      ) : (
        <p className="button-row">
          {campaign.status === 'active' ? (
            <button
              type="button"
              disabled={busy}
              onClick={() => void step('Paused', () => client.pauseCampaign(campaign.id))}
            >
              Pause
            </button>
          ) : (
            <button
              type="button"
              disabled={busy}
              onClick={() => void step('Resumed', () => client.resumeCampaign(campaign.id))}
            >
              Resume
            </button>
          )}{' '}
          {confirmClose ? (
            <>
              <span>Close for good? No more fetching or labeling.</span>{' '}
              <button
                type="button"
                disabled={busy}
                onClick={() => void step('Closed', () => client.closeCampaign(campaign.id))}
              >
                Yes, close it
              </button>{' '}
              <button type="button" onClick={() => setConfirmClose(false)}>
                Keep it
              </button>
            </>
          ) : (
            <button type="button" disabled={busy} onClick={() => setConfirmClose(true)}>
              Close…
            </button>
          )}
        </p>
      )}
      <p className="notice" role="status" data-testid="steer-message">
        {message}
      </p>
      {failure ? (
        <p className="error" role="alert">
          {failure}
        </p>
      ) : null}
      {closed ? null : (
        <CampaignEditForm
          campaign={campaign}
          client={client}
          onSaved={(answer) => {
            setMessage(describeChange('Saved', answer));
            onChanged(answer.campaign);
          }}
        />
      )}
    </section>
  );
}
