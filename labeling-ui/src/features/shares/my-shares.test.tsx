import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakePlazaChain, HOLDER, proofFixture } from '../../testing/governance-fixtures.ts';
import { WalletError } from '../auth/wallet-errors.ts';
import { MyShares } from './my-shares.tsx';

const base = {
  holdingError: null,
  datasetId: 1n,
  version: 1,
  totalShares: 1_000_000n,
  isActive: true,
  claimDeadline: 1_800_000_000,
  now: 1_700_000_000,
};

describe('MyShares', () => {
  it("claims with the proof's fields and reports the confirmed transaction", async () => {
    const { chain } = fakePlazaChain();
    const onChanged = vi.fn();
    const proof = proofFixture();
    render(
      <MyShares
        {...base}
        chain={chain}
        holding={{ account: HOLDER, proof, claimed: 0n }}
        onChanged={onChanged}
      />,
    );
    expect(screen.getByText(/30\.00 % of the version/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Claim 300,000 shares' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(chain.write).toHaveBeenCalledWith(
      'claimShares',
      [1n, 1, proof.index, proof.account, proof.amount, proof.proof],
      expect.any(Function),
    );
    expect(screen.getByTestId('tx-status').getAttribute('data-phase')).toBe('confirmed');
    expect(screen.getByRole('status').textContent).toMatch(
      /^Claim your shares: confirmed in block/,
    );
  });

  it("shows the contract's error name when the claim is refused", async () => {
    const { chain } = fakePlazaChain({
      write: vi.fn(async () => {
        throw new WalletError(
          'PlazaSharesAlreadyClaimed',
          'These shares have already been claimed.',
        );
      }),
    });
    const onChanged = vi.fn();
    render(
      <MyShares
        {...base}
        chain={chain}
        holding={{ account: HOLDER, proof: proofFixture(), claimed: 0n }}
        onChanged={onChanged}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Claim 300,000 shares' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'Claim your shares failed: These shares have already been claimed. (PlazaSharesAlreadyClaimed)',
    );
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('waits for the version to be active before claiming, and knows claimed shares', () => {
    const { chain } = fakePlazaChain();
    const { rerender } = render(
      <MyShares
        {...base}
        isActive={false}
        chain={chain}
        holding={{ account: HOLDER, proof: proofFixture(), claimed: 0n }}
        onChanged={() => undefined}
      />,
    );
    expect(
      (screen.getByRole('button', { name: 'Claim 300,000 shares' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    rerender(
      <MyShares
        {...base}
        chain={chain}
        holding={{ account: HOLDER, proof: proofFixture(), claimed: 300_000n }}
        onChanged={() => undefined}
      />,
    );
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByText(/You hold/).textContent).toContain('300,000');
  });

  it('closes the claim at the deadline and says where unclaimed revenue goes', () => {
    const { chain } = fakePlazaChain();
    const holding = { account: HOLDER, proof: proofFixture(), claimed: 0n };
    const { rerender } = render(
      <MyShares {...base} chain={chain} holding={holding} onChanged={() => undefined} />,
    );
    expect(
      screen.getByText(/^Claim before .*; afterwards the revenue of unclaimed shares/),
    ).toBeTruthy();
    rerender(
      <MyShares
        {...base}
        now={base.claimDeadline}
        chain={chain}
        holding={holding}
        onChanged={() => undefined}
      />,
    );
    expect(screen.getByText(/^The claim period is over/)).toBeTruthy();
    expect(
      (screen.getByRole('button', { name: 'Claim 300,000 shares' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });

  it('asks for a wallet first', () => {
    render(<MyShares {...base} chain={null} holding={null} onChanged={() => undefined} />);
    expect(screen.getByText('Connect your wallet to see and claim your shares.')).toBeTruthy();
  });
});
