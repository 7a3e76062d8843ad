import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { keccak256, toHex } from 'viem';
import { describe, expect, it, vi } from 'vitest';
import type { DatasetParams } from '../../lib/group-versions.ts';
import { fakePlazaChain, TUSD } from '../../testing/governance-fixtures.ts';
import { LicenseForm } from './license-form.tsx';

const params: DatasetParams = {
  votingDelay: 86_400,
  votingPeriod: 3 * 86_400,
  quorumBps: 2000,
  rootTimelock: 3600,
  claimPeriodDays: 365,
  maxLicenseDuration: 365 * 86_400,
  feeBps: 0,
  feeRecipient: '0x0000000000000000000000000000000000000000',
  sweepTo: '0x0000000000000000000000000000000000000001',
  paymentTokens: [{ token: TUSD, reservePrice: 1_000_000n }],
};

const TERMS = 'Research use only.\nNo redistribution.';

function renderForm(chain: ReturnType<typeof fakePlazaChain>['chain'], onProposed = vi.fn()) {
  render(
    <LicenseForm
      chain={chain}
      datasetId={1n}
      version={2}
      isActive
      params={params}
      refreshKey={0}
      onProposed={onProposed}
    />,
  );
  return onProposed;
}

async function fillIn(): Promise<void> {
  // The token list comes from the chain; the first token is chosen.
  await screen.findByRole('option', { name: /^TUSD/ });
  fireEvent.change(screen.getByLabelText('License terms'), { target: { value: TERMS } });
  fireEvent.change(screen.getByLabelText('Price (TUSD)'), { target: { value: '250.5' } });
  fireEvent.change(screen.getByLabelText('Duration (days)'), { target: { value: '30' } });
}

describe('LicenseForm', () => {
  it('hashes the terms, approves the price, then proposes the license', async () => {
    const { chain, calls } = fakePlazaChain();
    chain.write.mockImplementationOnce(async (functionName, args, onSent) => {
      calls.push({ method: functionName, args });
      onSent?.(`0x${'aa'.repeat(32)}`);
      return {
        hash: `0x${'aa'.repeat(32)}`,
        blockNumber: 9n,
        events: [{ eventName: 'LicenseProposed', args: { proposalId: 7n } }],
      };
    });
    const onProposed = renderForm(chain);
    await fillIn();
    const termsHash = keccak256(toHex(TERMS));
    // The hash shows as the terms are typed.
    expect(screen.getByTestId('terms-hash').textContent).toBe(termsHash);

    fireEvent.click(screen.getByRole('button', { name: 'Propose the license' }));
    await waitFor(() => expect(onProposed).toHaveBeenCalledWith(7n));
    expect(calls).toEqual([
      { method: 'approve', args: [TUSD, 250_500_000n] },
      {
        method: 'proposeLicense',
        args: [1n, 2, TUSD, 250_500_000n, 30 * 86_400, termsHash],
      },
    ]);
    expect(screen.getByText(/^Proposed license #7 for 250\.5 TUSD/)).toBeTruthy();
    const phases = screen.getAllByTestId('tx-status').map((el) => el.getAttribute('data-phase'));
    expect(phases).toEqual(['confirmed', 'confirmed']);
  });

  it('skips the approval when the allowance already covers the price', async () => {
    const { chain, calls } = fakePlazaChain();
    chain.tokenAccount.mockImplementation(async (address) => ({
      address,
      symbol: 'TUSD',
      decimals: 6,
      balance: 1_000_000_000n,
      allowance: 300_000_000n,
    }));
    const onProposed = renderForm(chain);
    await fillIn();
    fireEvent.click(screen.getByRole('button', { name: 'Propose the license' }));
    await waitFor(() => expect(onProposed).toHaveBeenCalled());
    expect(calls.map((call) => call.method)).toEqual(['proposeLicense']);
  });

  it('does not propose when the approval fails', async () => {
    const { chain } = fakePlazaChain();
    chain.approve.mockRejectedValueOnce(
      Object.assign(new Error('You declined the request to approve the token in your wallet.'), {
        code: 'WALLET_REJECTED',
      }),
    );
    const onProposed = renderForm(chain);
    await fillIn();
    fireEvent.click(screen.getByRole('button', { name: 'Propose the license' }));
    expect((await screen.findByRole('alert')).textContent).toContain('(WALLET_REJECTED)');
    expect(chain.write).not.toHaveBeenCalled();
    expect(onProposed).not.toHaveBeenCalled();
  });

  it("checks the price against the chosen token's own reserve, read from the chain", async () => {
    const { chain } = fakePlazaChain({ reservePrice: vi.fn(async () => 300_000_000n) });
    renderForm(chain);
    await fillIn();
    expect(screen.getByText(/^At least 300 TUSD, held in escrow/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Propose the license' }));
    expect(await screen.findByText("The dataset's reserve price is 300 TUSD.")).toBeTruthy();
    expect(chain.reservePrice).toHaveBeenCalledWith(1n, TUSD);
    expect(chain.write).not.toHaveBeenCalled();
  });

  it('refuses a price under the reserve before asking the wallet', async () => {
    const { chain } = fakePlazaChain();
    renderForm(chain);
    await fillIn();
    fireEvent.change(screen.getByLabelText('Price (TUSD)'), { target: { value: '0.5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Propose the license' }));
    expect(await screen.findByText("The dataset's reserve price is 1 TUSD.")).toBeTruthy();
    expect(screen.getByLabelText('Price (TUSD)').getAttribute('aria-invalid')).toBe('true');
    expect(chain.approve).not.toHaveBeenCalled();
    expect(chain.write).not.toHaveBeenCalled();
  });
});
