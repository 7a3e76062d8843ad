import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { groupProposals } from '../../lib/group-proposals.ts';
import {
  fakePlazaChain,
  HOLDER,
  HOLDER_2,
  licenseProposedEvent,
  proofFixture,
  sweepProposedEvent,
  TUSD,
  voteEvent,
} from '../../testing/governance-fixtures.ts';
import { WalletError } from '../auth/wallet-errors.ts';
import type { Holding } from '../shares/use-holding.ts';
import { ProposalCard, type ProposalCardProps } from './proposal-card.tsx';

const NOW = 1_800_000_000;

function proposal(votes = [voteEvent(3n, HOLDER_2, true, 100_000n)]) {
  // Block 1: before the votes, whenever they were made.
  const proposed = licenseProposedEvent(3n, NOW + 86_400, 1, 1);
  const [summary] = groupProposals([proposed, ...votes]);
  if (!summary) throw new Error('no proposal');
  return summary;
}

function renderCard(overrides: Partial<ProposalCardProps> & Pick<ProposalCardProps, 'chain'>) {
  const props: ProposalCardProps = {
    summary: proposal(),
    onChain: null,
    token: { address: TUSD, symbol: 'TUSD', decimals: 6 },
    totalShares: 1_000_000n,
    quorumBps: 2000,
    now: NOW,
    holding: null,
    onChanged: vi.fn(),
    ...overrides,
  };
  render(<ProposalCard {...props} />);
  return props;
}

const unclaimed: Holding = { account: HOLDER, proof: proofFixture(), claimed: 0n };

describe('ProposalCard', () => {
  it('shows the price with token decimals, the tally and the deadline', () => {
    const { chain } = fakePlazaChain();
    renderCard({ chain, holding: unclaimed });
    expect(screen.getByText('250 TUSD')).toBeTruthy();
    expect(
      screen.getByText(
        /For 10\.00 % · against 0\.00 % of all shares\. Quorum 20 %: not reached yet\./,
      ),
    ).toBeTruthy();
    expect(screen.getByTestId('proposal-phase').getAttribute('data-phase')).toBe('voting');
    expect(screen.getByText(/\(in 1 day\)/)).toBeTruthy();
  });

  it('votes with voteWithProof when the shares are not claimed yet', async () => {
    const { chain } = fakePlazaChain();
    const props = renderCard({ chain, holding: unclaimed });
    const group = screen.getByRole('group', { name: 'Your vote on license #3' });
    expect(within(group).getByText('Your vote also claims your 300,000 shares.')).toBeTruthy();
    fireEvent.click(within(group).getByRole('button', { name: 'Vote against' }));
    await waitFor(() => expect(props.onChanged).toHaveBeenCalled());
    const proof = proofFixture();
    expect(chain.write).toHaveBeenCalledWith(
      'voteWithProof',
      [3n, false, proof.index, proof.amount, proof.proof],
      expect.any(Function),
    );
  });

  it('says when voting opens while the voting delay runs, and offers no vote yet', () => {
    const { chain } = fakePlazaChain();
    const [pending] = groupProposals([
      licenseProposedEvent(3n, NOW + 4 * 86_400, 1, 1, NOW + 3600),
    ]);
    renderCard({ chain, holding: unclaimed, summary: pending! });
    expect(screen.getByTestId('proposal-phase').getAttribute('data-phase')).toBe('pending');
    expect(screen.getByTestId('vote-start').textContent).toMatch(/\(in 1 h\)$/);
    expect(screen.getByText(/every holder has time to see this proposal/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Vote for' })).toBeNull();
  });

  it('shows a sweep-destination proposal: who proposed it and where the revenue would go', async () => {
    const { chain } = fakePlazaChain();
    const charity = '0x00000000000000000000000000000000000000c4' as const;
    const [sweep] = groupProposals([sweepProposedEvent(8n, NOW + 86_400, charity)]);
    const props = renderCard({
      chain,
      holding: { ...unclaimed, claimed: 300_000n },
      summary: sweep!,
    });
    expect(screen.getByRole('heading', { level: 3 }).textContent).toMatch(/^Sweep destination #8/);
    expect(screen.getByText(charity)).toBeTruthy();
    expect(screen.queryByText('Price (in escrow)')).toBeNull();
    const group = screen.getByRole('group', { name: 'Your vote on sweep destination #8' });
    fireEvent.click(within(group).getByRole('button', { name: 'Vote for' }));
    await waitFor(() => expect(props.onChanged).toHaveBeenCalled());
    expect(chain.write).toHaveBeenCalledWith('vote', [8n, true], expect.any(Function));
  });

  it('votes with vote when the shares are claimed', async () => {
    const { chain } = fakePlazaChain();
    const props = renderCard({ chain, holding: { ...unclaimed, claimed: 300_000n } });
    fireEvent.click(screen.getByRole('button', { name: 'Vote for' }));
    await waitFor(() => expect(props.onChanged).toHaveBeenCalled());
    expect(chain.write).toHaveBeenCalledWith('vote', [3n, true], expect.any(Function));
  });

  it("says how the account voted, from the events or the chain's hasVoted", () => {
    const { chain } = fakePlazaChain();
    renderCard({
      chain,
      holding: unclaimed,
      summary: proposal([voteEvent(3n, HOLDER, false, 300_000n)]),
    });
    expect(screen.getByText('You voted against this proposal.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Vote for' })).toBeNull();
  });

  it('offers to settle once the vote is decided, and shows a refused settlement by name', async () => {
    const { chain } = fakePlazaChain({
      write: vi.fn(async () => {
        throw new WalletError('PlazaProposalSettled', 'This proposal has already been settled.');
      }),
    });
    renderCard({
      chain,
      holding: unclaimed,
      summary: proposal([voteEvent(3n, HOLDER_2, true, 600_000n)]),
    });
    expect(screen.getByTestId('proposal-phase').getAttribute('data-phase')).toBe('passed');
    expect(screen.queryByRole('button', { name: 'Vote for' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Settle license #3' }));
    expect((await screen.findByRole('alert')).textContent).toContain('(PlazaProposalSettled)');
    expect(chain.write).toHaveBeenCalledWith('settle', [3n], expect.any(Function));
  });

  it("prefers the chain's tally over the indexed events", () => {
    const { chain } = fakePlazaChain();
    const summary = proposal();
    renderCard({
      chain,
      holding: unclaimed,
      summary,
      now: NOW + 2 * 86_400,
      onChain: {
        voted: false,
        proposal: {
          ...summary,
          status: 'refunded',
          totalShares: 1_000_000n,
          quorumBps: 2000,
          expiresAt: 0,
        },
      },
    });
    expect(screen.getByTestId('proposal-phase').getAttribute('data-phase')).toBe('refunded');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('checks a terms text against the hash', () => {
    const { chain } = fakePlazaChain();
    renderCard({ chain, holding: unclaimed });
    fireEvent.change(screen.getByLabelText('Terms text, exactly as the buyer sent it'), {
      target: { value: 'Anything at all.' },
    });
    expect(screen.getByText('These terms do not match the hash on chain.')).toBeTruthy();
  });
});
