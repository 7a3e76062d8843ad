import { plazaAbi } from '@plaza/contracts/abis/plaza';
import {
  decodeFunctionData,
  encodeAbiParameters,
  encodeErrorResult,
  encodeEventTopics,
  encodeFunctionData,
  encodeFunctionResult,
  getAddress,
  type Hex,
} from 'viem';
import { describe, expect, it } from 'vitest';
import { HOLDER, PLAZA, proofFixture } from '../../testing/governance-fixtures.ts';
import type { EthereumProvider } from '../auth/ethereum-provider.ts';
import { connectPlazaChain, switchWalletChain } from './connect-plaza-chain.ts';

const TX_HASH = `0x${'ab'.repeat(32)}` as const;
const BLOCK_HASH = `0x${'cd'.repeat(32)}` as const;

type CallHandler = (functionName: string, args: readonly unknown[]) => Hex;

/**
 * A wallet on chain 31337 that answers like a node would: `eth_call` to the Plaza contract goes to
 * `onCall` (which may throw a revert), `eth_sendTransaction` is recorded and mined at once.
 */
function fakeWallet(options: { chainId?: number; onCall?: CallHandler; logs?: unknown[] } = {}) {
  const sent: { from: string; to: string; data: Hex }[] = [];
  const methods: string[] = [];
  const provider: EthereumProvider = {
    async request({ method, params }) {
      methods.push(method);
      const [first] = (params ?? []) as [Record<string, unknown>?];
      switch (method) {
        case 'eth_chainId':
          return `0x${(options.chainId ?? 31337).toString(16)}`;
        case 'eth_accounts':
        case 'eth_requestAccounts':
          return [HOLDER];
        case 'eth_blockNumber':
          return '0x10';
        case 'eth_getBlockByNumber':
          return block();
        case 'eth_call': {
          const call = first as { to: string; data: Hex };
          if (call.to.toLowerCase() !== PLAZA) throw new Error(`unexpected call to ${call.to}`);
          const { functionName, args } = decodeFunctionData({ abi: plazaAbi, data: call.data });
          return (options.onCall ?? (() => '0x'))(functionName, args ?? []);
        }
        case 'eth_estimateGas':
          return '0x30000';
        case 'eth_sendTransaction':
          sent.push(first as { from: string; to: string; data: Hex });
          return TX_HASH;
        case 'eth_getTransactionReceipt':
          return receipt(options.logs ?? []);
        default:
          throw Object.assign(new Error(`unsupported ${method}`), { code: 4200 });
      }
    },
  };
  return { provider, sent, methods };
}

function block() {
  return {
    number: '0x10',
    hash: BLOCK_HASH,
    parentHash: BLOCK_HASH,
    timestamp: '0x77359400', // 2033-05-18: later than the wall clock, as a warped local chain.
    nonce: '0x0000000000000000',
    difficulty: '0x0',
    gasLimit: '0x1c9c380',
    gasUsed: '0x0',
    miner: '0x0000000000000000000000000000000000000000',
    extraData: '0x',
    baseFeePerGas: '0x1',
    logsBloom: `0x${'0'.repeat(512)}`,
    transactions: [],
    uncles: [],
  };
}

function receipt(logs: unknown[]) {
  return {
    transactionHash: TX_HASH,
    transactionIndex: '0x0',
    blockHash: BLOCK_HASH,
    blockNumber: '0x11',
    from: HOLDER,
    to: PLAZA,
    cumulativeGasUsed: '0x1',
    gasUsed: '0x1',
    effectiveGasPrice: '0x1',
    contractAddress: null,
    logs,
    logsBloom: `0x${'0'.repeat(512)}`,
    status: '0x1',
    type: '0x2',
  };
}

async function connected(wallet: ReturnType<typeof fakeWallet>) {
  const result = await connectPlazaChain({
    provider: wallet.provider,
    chainId: 31337,
    plaza: PLAZA,
    prompt: true,
  });
  if (result.kind !== 'connected') throw new Error(`not connected: ${result.kind}`);
  return result.chain;
}

describe('connectPlazaChain', () => {
  it("reports a wallet on another chain than the coordinator's", async () => {
    const wallet = fakeWallet({ chainId: 1 });
    const result = await connectPlazaChain({
      provider: wallet.provider,
      chainId: 31337,
      plaza: PLAZA,
      prompt: false,
    });
    expect(result).toEqual({ kind: 'wrong-chain', account: getAddress(HOLDER), walletChainId: 1 });
  });

  it('says when the wallet does not know the chain', async () => {
    const provider: EthereumProvider = {
      request: async () => {
        throw Object.assign(new Error('Unrecognized chain ID'), { code: 4902 });
      },
    };
    await expect(switchWalletChain(provider, 31337)).rejects.toMatchObject({
      code: 'CHAIN_UNKNOWN',
    });
  });
});

describe('createPlazaChain', () => {
  it('sends claimShares to the Plaza contract and returns the decoded events', async () => {
    const proof = proofFixture();
    const topics = encodeEventTopics({
      abi: plazaAbi,
      eventName: 'SharesClaimed',
      args: { datasetId: 1n, version: 1, account: getAddress(HOLDER) },
    });
    const log = {
      address: PLAZA,
      topics,
      data: encodeAbiParameters(
        [{ type: 'uint32' }, { type: 'uint96' }],
        [proof.index, proof.amount],
      ),
      blockHash: BLOCK_HASH,
      blockNumber: '0x11',
      transactionHash: TX_HASH,
      transactionIndex: '0x0',
      logIndex: '0x0',
      removed: false,
    };
    const wallet = fakeWallet({ logs: [log] });
    const chain = await connected(wallet);
    const hashes: Hex[] = [];
    const result = await chain.write(
      'claimShares',
      [1n, 1, proof.index, proof.account, proof.amount, proof.proof],
      (hash) => hashes.push(hash),
    );
    expect(hashes).toEqual([TX_HASH]);
    expect(wallet.sent).toHaveLength(1);
    expect(wallet.sent[0]?.to.toLowerCase()).toBe(PLAZA);
    expect(wallet.sent[0]?.from.toLowerCase()).toBe(HOLDER);
    expect(wallet.sent[0]?.data).toBe(
      encodeFunctionData({
        abi: plazaAbi,
        functionName: 'claimShares',
        args: [1n, 1, proof.index, proof.account, proof.amount, proof.proof],
      }),
    );
    expect(result.blockNumber).toBe(17n);
    expect(result.events).toEqual([
      {
        eventName: 'SharesClaimed',
        args: {
          datasetId: 1n,
          version: 1,
          account: getAddress(HOLDER),
          index: proof.index,
          amount: proof.amount,
        },
      },
    ]);
  });

  it('names the custom error of a simulated revert and sends nothing', async () => {
    const wallet = fakeWallet({
      onCall: (functionName, args) => {
        if (functionName !== 'vote') return '0x';
        const data = encodeErrorResult({
          abi: plazaAbi,
          errorName: 'PlazaAlreadyVoted',
          args: [args[0] as bigint, getAddress(HOLDER)],
        });
        throw Object.assign(new Error('execution reverted'), { code: 3, data });
      },
    });
    const chain = await connected(wallet);
    await expect(chain.write('vote', [2n, true])).rejects.toMatchObject({
      code: 'PlazaAlreadyVoted',
      message: 'You have already voted on this proposal.',
    });
    expect(wallet.sent).toEqual([]);
  });

  it('reads a proposal into the tally the app reasons with', async () => {
    const wallet = fakeWallet({
      onCall: (functionName) => {
        if (functionName !== 'getProposal') return '0x';
        return encodeFunctionResult({
          abi: plazaAbi,
          functionName: 'getProposal',
          result: {
            forVotes: 300n,
            againstVotes: 100n,
            voteEnd: 1_900_000_000,
            status: 1,
            quorumBps: 2000,
            totalShares: 1000n,
            datasetId: 1n,
            version: 2,
            seq: 1,
            votingPeriod: 3 * 86_400,
            buyer: getAddress(HOLDER),
            duration: 86_400,
            expiresAt: 0,
            feeBps: 0,
            token: getAddress(PLAZA),
            escrow: 5_000_000n,
            termsHash: `0x${'ee'.repeat(32)}`,
          },
        });
      },
    });
    const chain = await connected(wallet);
    expect(await chain.getProposal(4n)).toMatchObject({
      proposalId: 4n,
      status: 'open',
      forVotes: 300n,
      againstVotes: 100n,
      totalShares: 1000n,
      quorumBps: 2000,
      voteStart: 1_900_000_000 - 3 * 86_400,
      voteEnd: 1_900_000_000,
      kind: 'license',
      version: 2,
      escrow: 5_000_000n,
    });
    // The chain's clock runs ahead of the wall clock here: its time wins.
    expect(await chain.now()).toBe(0x77359400);
  });
});
