import { type AnvilInstance, startAnvil } from '@plaza/contracts';
import { ownedWalletAbi, ownedWalletBytecode } from '@plaza/contracts/mocks/owned-wallet';
import type { BenchFigure, BenchRun } from '@plaza/test-kit/bench';
import {
  type Abi,
  createPublicClient,
  createWalletClient,
  custom,
  type EIP1193RequestFn,
  http,
} from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { createWalletVerifier } from '../src/wallets/create-wallet-verifier.ts';

const ROUNDS = 200;
const CONTRACT_ROUNDS = 50;
const chain = {
  id: 31337,
  name: 'anvil',
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: ['http://127.0.0.1'] } },
} as const;

/** A public client on `rpcUrl` that counts the JSON-RPC requests it sends. */
function countingClient(rpcUrl: string) {
  const counter = { requests: 0 };
  const inner = http(rpcUrl)({ chain });
  const request: EIP1193RequestFn = (args) => {
    counter.requests++;
    return inner.request(args as never) as never;
  };
  return { client: createPublicClient({ chain, transport: custom({ request }) }), counter };
}

/** Mean ms per call of `verify` over `rounds` calls (after one warm-up call). */
async function time(rounds: number, verify: () => Promise<boolean>): Promise<number> {
  if (!(await verify())) throw new Error('the signature did not verify');
  const started = performance.now();
  for (let i = 0; i < rounds; i++) await verify();
  return (performance.now() - started) / rounds;
}

/**
 * Mean ms per call of `a` and of `b`, timed in alternating blocks so that a change in the
 * machine's load (other processes) falls on both alike.
 */
async function timeSideBySide(
  rounds: number,
  a: () => Promise<boolean>,
  b: () => Promise<boolean>,
): Promise<[number, number]> {
  const blocks = 5;
  let totalA = 0;
  let totalB = 0;
  for (let block = 0; block < blocks; block++) {
    totalA += await time(rounds / blocks, a);
    totalB += await time(rounds / blocks, b);
  }
  return [totalA / blocks, totalB / blocks];
}

/**
 * Sign-In with Ethereum verification, the path every sign-in, download request and payout link
 * takes. Plaza recovers a key's (EOA's) signature locally and asks the chain only when that fails
 * (a contract wallet); the baseline is viem's public-client `verifyMessage` alone, which makes an
 * `eth_call` (the ERC-6492 validator) for every signature. Both run on the same anvil, side by side.
 */
export const run: BenchRun = async () => {
  let anvil: AnvilInstance | undefined;
  try {
    anvil = await startAnvil();
    const key = privateKeyToAccount(generatePrivateKey());
    const message = `127.0.0.1:8787 wants you to sign in with your Ethereum account:\n${key.address}`;
    const signature = await key.signMessage({ message });

    const plaza = countingClient(anvil.rpcUrl);
    const viem = countingClient(anvil.rpcUrl);
    const wallets = createWalletVerifier(plaza.client);
    const [plazaMs, viemMs] = await timeSideBySide(
      ROUNDS,
      () => wallets.verifyMessage({ address: key.address, message, signature }),
      () => viem.client.verifyMessage({ address: key.address, message, signature }),
    );
    const plazaCalls = plaza.counter.requests / ROUNDS;
    const viemCalls = viem.counter.requests / ROUNDS;

    // A deployed ERC-1271 wallet: here the chain call is the point.
    const deployer = createWalletClient({
      account: privateKeyToAccount(generatePrivateKey()),
      chain,
      transport: http(anvil.rpcUrl),
    });
    await createPublicClient({ chain, transport: http(anvil.rpcUrl) }).request({
      method: 'anvil_setBalance' as never,
      params: [deployer.account.address, '0xde0b6b3a7640000'] as never,
    });
    const hash = await deployer.deployContract({
      abi: ownedWalletAbi as Abi,
      bytecode: ownedWalletBytecode,
      args: [key.address],
    });
    const receipt = await createPublicClient({
      chain,
      transport: http(anvil.rpcUrl),
    }).waitForTransactionReceipt({ hash });
    const wallet = receipt.contractAddress;
    if (!wallet) throw new Error('the wallet was not deployed');
    const [contractMs, contractViemMs] = await timeSideBySide(
      CONTRACT_ROUNDS,
      () => wallets.verifyMessage({ address: wallet, message, signature }),
      () => viem.client.verifyMessage({ address: wallet, message, signature }),
    );

    const figures: BenchFigure[] = [
      {
        name: 'signatures.eoa_verify_ms',
        value: plazaMs,
        unit: 'ms',
        better: 'lower',
        kind: 'measured',
        baseline: {
          name: 'viem publicClient.verifyMessage (eth_call per signature)',
          value: viemMs,
        },
        note: `Mean of ${ROUNDS} verifications of a key's sign-in signature, with a chain configured (anvil).`,
      },
      {
        name: 'signatures.eoa_chain_requests',
        value: plazaCalls,
        unit: 'requests per signature',
        better: 'lower',
        kind: 'measured',
        baseline: { name: 'viem publicClient.verifyMessage', value: viemCalls },
        note: 'JSON-RPC requests sent to the chain per verification of a key signature.',
      },
      {
        name: 'signatures.erc1271_verify_ms',
        value: contractMs,
        unit: 'ms',
        better: 'lower',
        kind: 'measured',
        baseline: { name: 'viem publicClient.verifyMessage', value: contractViemMs },
        note: `Mean of ${CONTRACT_ROUNDS} verifications of a deployed ERC-1271 wallet's signature on anvil.`,
      },
    ];
    return figures;
  } finally {
    await anvil?.stop();
  }
};
