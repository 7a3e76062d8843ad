import {
  type AnvilInstance,
  anvilDeployerPrivateKey,
  buildSharesTree,
  deployPlaza,
  plazaAbi,
  startAnvil,
} from '@plaza/contracts';
import { type Address, createPublicClient, createWalletClient, http, keccak256 } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Party, runDaoLifecycle, type VersionShares } from './dao-lifecycle.ts';

/** The DAO lifecycle on a bare anvil: datasets published straight through the contract. */
describe('runDaoLifecycle', () => {
  let anvil: AnvilInstance;
  let plaza: Address;
  let usd: Address;
  const feeRecipient = privateKeyToAccount(generatePrivateKey()).address;
  const party = (name: string): Party => ({ name, privateKey: generatePrivateKey() });
  const address = (p: Party) => privateKeyToAccount(p.privateKey).address;

  /**
   * Registers a dataset (2.5 % fee, 40 % quorum, an hour's timelock and voting delay, a day to vote)
   * and proposes version 1, whose timelock `runDaoLifecycle` then passes by moving the clock.
   */
  const publish = async (holders: Array<{ account: Address; amount: bigint }>) => {
    const chain = { ...foundry, id: 31337 };
    const client = createPublicClient({ chain, transport: http(anvil.rpcUrl) });
    const wallet = createWalletClient({
      account: privateKeyToAccount(anvilDeployerPrivateKey),
      chain,
      transport: http(anvil.rpcUrl),
    });
    const write = async (functionName: string, args: readonly unknown[]) => {
      const hash = await wallet.writeContract({
        address: plaza,
        abi: plazaAbi,
        functionName,
        args,
      } as never);
      expect((await client.waitForTransactionReceipt({ hash })).status).toBe('success');
    };
    const datasetId =
      (await client.readContract({ address: plaza, abi: plazaAbi, functionName: 'datasetCount' })) +
      1n;
    await write('registerDataset', [
      {
        publisher: wallet.account.address,
        votingDelay: 3600,
        votingPeriod: 86_400,
        quorumBps: 4000,
        rootTimelock: 3600,
        claimPeriodDays: 365,
        maxLicenseDuration: 90 * 86_400,
        feeBps: 250,
        feeRecipient,
        sweepTo: feeRecipient,
        paymentTokens: [{ token: usd, reservePrice: 10n ** 6n }],
      },
    ]);
    const tree = await buildSharesTree({ datasetId, version: 1n, holders });
    await write('proposeVersion', [
      datasetId,
      tree.root,
      tree.totalShares,
      keccak256('0x01'),
      'file:manifest.json',
    ]);
    const shares: VersionShares = {
      datasetId: datasetId.toString(),
      version: 1,
      holders: holders.map((h) => ({ account: h.account, amount: h.amount.toString() })),
    };
    return shares;
  };

  beforeAll(async () => {
    anvil = await startAnvil();
    const deployment = await deployPlaza({
      rpcUrl: anvil.rpcUrl,
      privateKey: anvilDeployerPrivateKey,
      testUsd: true,
    });
    plaza = deployment.plaza;
    usd = deployment.testUsd as Address;
  }, 60_000);
  afterAll(async () => {
    await anvil?.stop();
  });

  it('pays every holder their attributed part of the fee less the dataset fee, to the wei', async () => {
    const [ana, ben, eve] = [party('ana'), party('ben'), party('eve')];
    // Odd amounts and an odd price, so that every rounding shows.
    const shares = await publish([
      { account: address(ana), amount: 700_001n },
      { account: address(ben), amount: 299_999n },
      { account: address(eve), amount: 3n },
    ]);
    const steps: string[] = [];
    const result = await runDaoLifecycle({
      rpcUrl: anvil.rpcUrl,
      plaza,
      stablecoin: usd,
      shares,
      holders: [ana, ben, eve],
      buyer: party('buyer'),
      price: 1_000_000_007n,
      onStep: (step) => steps.push(step),
    });
    expect(result.ok).toBe(true);
    expect(result.decided).toBe('majority');
    // ana alone holds more than half: her vote decides.
    expect(result.holders.filter((h) => h.voted).map((h) => h.name)).toEqual(['ana']);
    expect(result.fee).toBe((1_000_000_007n * 250n) / 10_000n);
    expect(result.revenue).toBe(1_000_000_007n - result.fee);
    const total = 1_000_003n;
    for (const h of result.holders) {
      expect(h.claimed).toBe(true);
      expect(h.revenue).toBe(h.expectedRevenue);
      // The accumulator pays the attributed fraction, less at most one unit.
      const exact = (result.revenue * h.shares) / total;
      expect(exact - h.revenue).toBeGreaterThanOrEqual(0n);
      expect(exact - h.revenue).toBeLessThanOrEqual(1n);
    }
    expect(result.holders.map((h) => h.revenue)).toEqual([
      (700_001n * result.revenue) / total,
      (299_999n * result.revenue) / total,
      expect.any(BigInt),
    ]);
    expect(result.termsHash).toBe(keccak256(new TextEncoder().encode(result.terms)));
    expect([...new Set(steps)]).toEqual([
      'open-version',
      'claim-shares',
      'fund-buyer',
      'write-terms',
      'approve',
      'propose',
      'open-vote',
      'vote',
      'settle',
      'claim-revenue',
    ]);
  });

  it('waits out the vote when the holders with keys are no majority, and lists the others unpaid', async () => {
    const [ana, ben] = [party('ana'), party('ben')];
    const absent = privateKeyToAccount(generatePrivateKey()).address;
    // 40 % take part (the quorum): for wins at the deadline without the absent 60 %.
    const shares = await publish([
      { account: address(ana), amount: 300n },
      { account: absent, amount: 600n },
      { account: address(ben), amount: 100n },
    ]);
    const steps: string[] = [];
    const result = await runDaoLifecycle({
      rpcUrl: anvil.rpcUrl,
      plaza,
      stablecoin: usd,
      shares,
      holders: [ana, ben],
      buyer: party('buyer'),
      price: 5_000_000n,
      onStep: (step) => steps.push(step),
    });
    expect(result.ok).toBe(true);
    expect(result.decided).toBe('deadline');
    expect(steps).toContain('advance-time');
    const byName = Object.fromEntries(result.holders.map((h) => [h.name, h]));
    expect(byName.ana).toMatchObject({ claimed: true, voted: true });
    expect(byName.ana!.revenue).toBe((300n * result.revenue) / 1000n);
    expect(byName.ben!.revenue).toBe((100n * result.revenue) / 1000n);
    expect(byName[absent]).toMatchObject({ claimed: false, revenue: 0n });
    expect(byName[absent]!.expectedRevenue).toBe((600n * result.revenue) / 1000n);
  });

  it('refuses shares that are not those published, with a code', async () => {
    const ana = party('ana');
    const shares = await publish([{ account: address(ana), amount: 10n }]);
    const forged = { ...shares, holders: [{ account: address(ana), amount: '11' }] };
    await expect(
      runDaoLifecycle({
        rpcUrl: anvil.rpcUrl,
        plaza,
        stablecoin: usd,
        shares: forged,
        holders: [ana],
        buyer: party('buyer'),
        price: 5_000_000n,
      }),
    ).rejects.toMatchObject({ code: 'DAO_SHARES_MISMATCH' });
    await expect(
      runDaoLifecycle({
        rpcUrl: anvil.rpcUrl,
        plaza,
        stablecoin: usd,
        shares,
        holders: [ana],
        buyer: party('buyer'),
        price: 1n,
      }),
    ).rejects.toMatchObject({ code: 'DAO_PRICE_BELOW_RESERVE' });
  });
});
