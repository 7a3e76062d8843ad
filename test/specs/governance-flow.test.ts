import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { advanceAnvilClockTo, plazaAbi, testUsdAbi } from '@plaza/contracts';
import { chromiumPath } from '@plaza/test-kit/env';
import { type Browser, chromium, type Page } from 'playwright-core';
import {
  createPublicClient,
  createWalletClient,
  erc20Abi,
  http,
  keccak256,
  parseEther,
  toBytes,
} from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLabelingUiBuilt, labelingUiDir } from '../harness/labeling-ui.ts';
import { seedLabelingCampaign } from '../harness/seed-labeling-campaign.ts';
import {
  type InProcessCoordinator,
  startInProcessCoordinator,
} from '../harness/start-in-process-coordinator.ts';
import { startTestChain, type TestChain, testChainEnv } from '../harness/start-test-chain.ts';
import { installTestWallet, type TestWallet } from '../harness/test-wallet.ts';
import { waitFor } from '../harness/wait-for.ts';

const CAMPAIGN = 'gov';
/** 25 TestUSD (6 decimals). */
const PRICE = 25_000_000n;
const TERMS =
  'Research use only; no redistribution of the text; attribution to Plaza contributors.';

/**
 * The DAO lifecycle from the web app, in Chromium, through a wallet in the page (a test EIP-1193
 * provider whose key is held by the test): the published version waits out its timelock (the test
 * moves anvil's clock once the proposal is indexed; the coordinator then records the activation); a
 * holder claims their shares; a buyer writes terms, approves the stablecoin and proposes a license,
 * shown as not yet open for votes until the voting delay has passed (the clock moves again); the
 * holder votes (an absolute majority decides before the deadline); the license is settled; the
 * holder claims the revenue; the buyer downloads the export. The chain is a real anvil with the
 * deployed contracts; the coordinator publishes, activates and indexes.
 */
describe('governance in the web app', () => {
  let chain: TestChain;
  let coordinator: InProcessCoordinator;
  let browser: Browser;
  let exportsDir: string;
  let holderPage: Page;
  let buyerPage: Page;
  let holderWallet: TestWallet;
  const holderKey = generatePrivateKey();
  const holder = privateKeyToAccount(holderKey);
  const buyer = privateKeyToAccount(generatePrivateKey());
  let holderShares: bigint;
  let totalShares: bigint;

  const client = () => createPublicClient({ transport: http(chain.rpcUrl) });
  const usdBalance = (address: `0x${string}`) =>
    client().readContract({
      address: chain.testUsd,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [address],
    });
  const versionUrl = () => `${coordinator.url}/#/datasets/${CAMPAIGN}/1`;
  /** Waits for the last transaction shown on the page to be confirmed. */
  const confirmed = async (page: Page, scope = page.locator('body')) => {
    await expect
      .poll(async () => scope.getByTestId('tx-status').last().getAttribute('data-phase'), {
        timeout: 30_000,
      })
      .toBe('confirmed');
  };

  beforeAll(async () => {
    ensureLabelingUiBuilt();
    chain = await startTestChain();
    exportsDir = await mkdtemp(join(tmpdir(), 'plaza-governance-'));
    coordinator = await startInProcessCoordinator({
      inMemory: true,
      background: true,
      publisher: chain.publisher,
      env: {
        ...testChainEnv,
        PLAZA_UI_DIR: labelingUiDir,
        PLAZA_EXPORTS_DIR: exportsDir,
        PLAZA_CHAIN_ID: String(chain.chainId),
      },
    });
    // The holder's device submits every page: it earns the version's fetch shares.
    await seedLabelingCampaign({
      url: coordinator.url,
      adminKey: coordinator.adminKey,
      run: coordinator.run,
      campaign: {
        id: CAMPAIGN,
        labelSchema: { kind: 'classification', classes: ['news', 'opinion'] },
        overlap: 1,
        goldFraction: 0,
      },
      pages: 8,
      devicePrivateKey: holderKey,
    });
    const frozen = await fetch(`${coordinator.url}/v1/campaigns/${CAMPAIGN}/versions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${coordinator.adminKey}`,
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(frozen.status).toBe(201);
    const { manifest, publication } = (await frozen.json()) as {
      manifest: { attribution: { totalShares: string } };
      publication: { activated: boolean; activatesAt: number };
    };
    totalShares = BigInt(manifest.attribution.totalShares);
    // The version waits out its timelock (the guardian's time to revoke it): the chain's clock
    // moves past it, and the coordinator's activation loop records the activation on chain.
    expect(publication.activated).toBe(false);
    await advanceAnvilClockTo(chain.rpcUrl, publication.activatesAt);
    // The pages read the chain through the indexer: wait for it to mirror the activation.
    await waitFor(
      async () => {
        const { events } = (await (
          await fetch(`${coordinator.url}/v1/chain/events?name=VersionActivated`)
        ).json()) as { events: unknown[] };
        return events.length === 1;
      },
      { timeoutMs: 30_000, what: 'the indexer to mirror the published version' },
    );
    const proof = (await (
      await fetch(`${coordinator.url}/v1/datasets/${CAMPAIGN}/versions/1/proofs/${holder.address}`)
    ).json()) as { amount: string };
    holderShares = BigInt(proof.amount);

    // Gas for both, and the buyer's stablecoin.
    for (const account of [holder.address, buyer.address]) {
      await client().request({
        method: 'anvil_setBalance' as never,
        params: [account, `0x${parseEther('10').toString(16)}`] as never,
      });
    }
    const minter = createWalletClient({ account: buyer, transport: http(chain.rpcUrl) });
    const mint = await minter.writeContract({
      chain: null,
      address: chain.testUsd,
      abi: testUsdAbi,
      functionName: 'mint',
      args: [buyer.address, PRICE * 2n],
    });
    await client().waitForTransactionReceipt({ hash: mint });

    browser = await chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
    });
    holderPage = await (await browser.newContext()).newPage();
    holderWallet = await installTestWallet(holderPage, holder, chain.chainId, {
      rpcUrl: chain.rpcUrl,
    });
    buyerPage = await (await browser.newContext()).newPage();
    await installTestWallet(buyerPage, buyer, chain.chainId, { rpcUrl: chain.rpcUrl });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await coordinator?.close();
    await chain?.stop();
    if (exportsDir) await rm(exportsDir, { recursive: true, force: true });
  });

  /** The proposal's phase once the page is loaded again (after the indexer caught up). */
  const indexedPhase = async (page: Page) => {
    await page.reload();
    const proposal = page.getByTestId('proposal');
    await proposal.waitFor({ timeout: 10_000 });
    return proposal.getByTestId('proposal-phase').getAttribute('data-phase');
  };

  const connect = async (page: Page) => {
    await page.goto(versionUrl());
    await page.getByRole('button', { name: 'Connect wallet' }).click();
    await expect.poll(() => page.getByText('Connected as').count(), { timeout: 20_000 }).toBe(1);
  };

  it('lists the published version and lets its holder claim their shares', async () => {
    expect(holderShares).toBeGreaterThan(0n);
    await holderPage.goto(`${coordinator.url}/#/datasets`);
    await expect
      .poll(() => holderPage.getByTestId('version-row').count(), { timeout: 20_000 })
      .toBe(1);
    await connect(holderPage);
    const shares = holderPage.getByTestId('my-shares');
    await shares.getByRole('button', { name: /^Claim .* shares$/ }).click();
    await confirmed(holderPage, shares);
    await expect.poll(() => shares.getByText('You hold').count(), { timeout: 15_000 }).toBe(1);
    const claimed = await client().readContract({
      address: chain.plaza,
      abi: plazaAbi,
      functionName: 'sharesOf',
      args: [1n, 1, holder.address],
    });
    expect(claimed).toBe(holderShares);
  });

  it('lets a buyer propose a license with hashed terms and the price in escrow', async () => {
    await connect(buyerPage);
    const before = await usdBalance(buyer.address);
    await buyerPage.getByLabel('License terms').fill(TERMS);
    await buyerPage.getByLabel(/^Price/).fill('25');
    await buyerPage.getByLabel('Duration (days)').fill('30');
    expect(await buyerPage.getByTestId('terms-hash').textContent()).toBe(keccak256(toBytes(TERMS)));
    await buyerPage.getByRole('button', { name: 'Propose the license' }).click();
    await expect
      .poll(async () => (await usdBalance(buyer.address)) === before - PRICE, { timeout: 30_000 })
      .toBe(true);
    // The indexer mirrors the proposal; the page shows it as not yet open for votes: the
    // voting delay runs (an hour on the test chain, so the wall clock cannot end it here).
    await holderPage.reload();
    const proposal = holderPage.getByTestId('proposal');
    await expect.poll(() => proposal.count(), { timeout: 30_000 }).toBe(1);
    expect(await proposal.getByTestId('proposal-phase').getAttribute('data-phase')).toBe('pending');
    expect(await proposal.getByRole('button', { name: 'Vote for' }).count()).toBe(0);
    // The delay passes on chain; the page then opens the vote.
    const count = await client().readContract({
      address: chain.plaza,
      abi: plazaAbi,
      functionName: 'proposalCount',
    });
    const proposed = await client().readContract({
      address: chain.plaza,
      abi: plazaAbi,
      functionName: 'getProposal',
      args: [count],
    });
    await advanceAnvilClockTo(chain.rpcUrl, proposed.voteEnd - proposed.votingPeriod);
    await expect
      .poll(() => indexedPhase(holderPage), { timeout: 30_000, interval: 1_000 })
      .toBe('voting');
  });

  it('lets the holder vote, anyone settle the decided vote, and the holder claim revenue', async () => {
    const proposal = holderPage.getByTestId('proposal');
    await proposal.getByRole('button', { name: 'Vote for' }).click();
    await confirmed(holderPage, proposal);
    // Once the indexer has mirrored the vote, the card counts it: the only holder voted for, an
    // absolute majority, so the vote is decided before its deadline and may be settled at once.
    await expect
      .poll(
        async () =>
          `${await indexedPhase(holderPage)} ${await proposal.getByText('Votes (1)').count()}`,
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe('passed 1');
    expect(await proposal.getByText(/^For 100\.00 %/).count()).toBe(1);

    await holderPage.getByRole('button', { name: /^Settle license #/ }).click();
    await confirmed(holderPage, holderPage.getByTestId('proposal'));
    await expect
      .poll(() => indexedPhase(holderPage), { timeout: 30_000, interval: 1_000 })
      .toBe('approved');

    const revenue = holderPage.getByTestId('my-revenue');
    const before = await usdBalance(holder.address);
    await revenue.getByRole('button', { name: /^Claim / }).click();
    await confirmed(holderPage, revenue);
    const received = (await usdBalance(holder.address)) - before;
    // The holder's fraction of the price, to the accumulator's rounding (at most 1 unit).
    const attributed = (PRICE * holderShares) / totalShares;
    expect(received).toBeGreaterThan(0n);
    expect(attributed - received).toBeGreaterThanOrEqual(0n);
    expect(attributed - received).toBeLessThanOrEqual(1n);
    // Every transaction came from the page, through its wallet: claim, vote, settle, claim.
    expect(holderWallet.sent).toHaveLength(4);
  });

  it('gives the licensed buyer download links that serve the export', async () => {
    await buyerPage.reload();
    const downloads = buyerPage.getByTestId('downloads');
    await downloads.getByRole('button', { name: 'Get download links' }).click();
    const link = downloads.getByRole('link', { name: /\.jsonl$/ });
    await expect.poll(() => link.count(), { timeout: 20_000 }).toBe(1);
    const href = await link.getAttribute('href');
    const res = await fetch(new URL(href ?? '', coordinator.url));
    expect(res.status).toBe(200);
    const rows = (await res.text()).trim().split('\n');
    expect(rows).toHaveLength(8);
    expect(JSON.parse(rows[0] ?? '{}')).toHaveProperty('text');
  });
});
