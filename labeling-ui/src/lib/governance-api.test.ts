import { CoordinatorError } from '@plaza/protocol';
import { describe, expect, it, vi } from 'vitest';
import { createGovernanceApi } from './governance-api.ts';

const BASE = 'http://plaza.test';

function stubFetch(answer: (url: URL, init?: RequestInit) => { status?: number; body: unknown }) {
  return vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const { status, body } = answer(new URL(String(input)), init);
    return new Response(JSON.stringify(body), {
      status: status ?? 200,
      headers: { 'content-type': 'application/json' },
    });
  });
}

const vote = {
  blockNumber: 12,
  txHash: `0x${'1'.repeat(64)}`,
  logIndex: 3,
  name: 'VoteCast',
  // The indexer writes bigints as decimal strings and addresses checksummed.
  args: {
    proposalId: '2',
    voter: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
    support: true,
    weight: '300000000000000000000000',
  },
  datasetId: null,
  version: null,
  proposalId: 2,
  account: '0x70997970c51812dc3a010c7d01b50e0d17dc79c8',
};

describe('createGovernanceApi', () => {
  it('makes coordinator paths absolute and keeps presigned object-store links as they are', () => {
    const api = createGovernanceApi({
      baseUrl: `${BASE}/`,
      fetch: stubFetch(() => ({ body: {} })),
    });
    expect(api.url('/v1/downloads/t/rows.jsonl')).toBe(`${BASE}/v1/downloads/t/rows.jsonl`);
    const presigned = 'http://s3.test/exports/news/v1/rows.jsonl?X-Amz-Signature=ab';
    expect(api.url(presigned)).toBe(presigned);
  });

  it('asks for events with the filters and parses their arguments', async () => {
    const fetch = stubFetch(() => ({
      body: {
        indexedThrough: 40,
        events: [vote, { ...vote, name: 'GuardianTransferred', args: {} }],
      },
    }));
    const api = createGovernanceApi({ baseUrl: `${BASE}/`, fetch });
    const answer = await api.events({ proposalId: 2n, name: 'VoteCast' });
    const url = new URL(String(fetch.mock.calls[0]?.[0]));
    expect(url.pathname).toBe('/v1/chain/events');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      proposalId: '2',
      name: 'VoteCast',
      limit: '1000',
    });
    expect(answer.indexedThrough).toBe(40);
    expect(answer.truncated).toBe(false);
    // Events the app has no use for are left out; the rest have bigints and lowercase addresses.
    expect(answer.events).toEqual([
      {
        name: 'VoteCast',
        blockNumber: 12,
        txHash: vote.txHash,
        logIndex: 3,
        args: {
          proposalId: 2n,
          voter: '0x70997970c51812dc3a010c7d01b50e0d17dc79c8',
          support: true,
          weight: 300_000_000_000_000_000_000_000n,
        },
      },
    ]);
  });

  it('says when an answer is full, so older events may be missing', async () => {
    const fetch = stubFetch(() => ({ body: { indexedThrough: 1, events: [vote, vote] } }));
    const answer = await createGovernanceApi({ baseUrl: BASE, fetch }).events({ limit: 2 });
    expect(answer.truncated).toBe(true);
  });

  it('refuses an event whose arguments it cannot read', async () => {
    const fetch = stubFetch(() => ({
      body: { indexedThrough: 1, events: [{ ...vote, args: { proposalId: 'two' } }] },
    }));
    await expect(createGovernanceApi({ baseUrl: BASE, fetch }).events()).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
    });
  });

  it('reads a proof, and null when the account holds no shares', async () => {
    const fetch = stubFetch((url) =>
      url.pathname.endsWith('/0x70997970c51812dc3a010c7d01b50e0d17dc79c8')
        ? {
            body: {
              datasetId: '1',
              version: 2,
              account: '0x70997970c51812dc3a010c7d01b50e0d17dc79c8',
              index: 4,
              amount: '300000',
              proof: [`0x${'ab'.repeat(32)}`],
              root: `0x${'cd'.repeat(32)}`,
            },
          }
        : {
            status: 404,
            body: { error: { code: 'NOT_FOUND', message: 'No shares.', retryable: false } },
          },
    );
    const api = createGovernanceApi({ baseUrl: BASE, fetch });
    const proof = await api.proof('news-2025', 2, '0x70997970c51812dc3a010c7d01b50e0d17dc79c8');
    expect(proof).toMatchObject({ index: 4, amount: 300_000n });
    expect(String(fetch.mock.calls[0]?.[0])).toBe(
      `${BASE}/v1/datasets/news-2025/versions/2/proofs/0x70997970c51812dc3a010c7d01b50e0d17dc79c8`,
    );
    expect(await api.proof('news-2025', 2, `0x${'0'.repeat(40)}`)).toBeNull();
  });

  it("passes the coordinator's errors on with their code", async () => {
    const fetch = stubFetch(() => ({
      status: 403,
      body: { error: { code: 'LICENSE_REQUIRED', message: 'No license.', retryable: false } },
    }));
    const api = createGovernanceApi({ baseUrl: BASE, fetch });
    const request = api.requestDownload('news-2025', 1, {
      buyer: `0x${'1'.repeat(40)}`,
      issuedAt: 1,
      signature: `0x${'2'.repeat(130)}`,
    });
    await expect(request).rejects.toBeInstanceOf(CoordinatorError);
    await expect(request).rejects.toMatchObject({ code: 'LICENSE_REQUIRED', status: 403 });
    const init = fetch.mock.calls[0]?.[1];
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toMatchObject({ issuedAt: 1 });
  });

  it('reads the chain info, with how to add the chain and its faucet', async () => {
    const fetch = stubFetch(() => ({
      body: {
        chainId: 31337,
        plaza: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
        name: 'Plaza local (anvil)',
        rpcUrl: 'http://127.0.0.1:8545',
        isLocal: true,
        faucet: {
          token: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
          symbol: 'TUSD',
          decimals: 6,
          amount: '1000000000',
        },
      },
    }));
    expect(await createGovernanceApi({ baseUrl: BASE, fetch }).chainInfo()).toEqual({
      chainId: 31337,
      plaza: '0x5fbdb2315678afecb367f032d93f642f64180aa3',
      name: 'Plaza local (anvil)',
      rpcUrl: 'http://127.0.0.1:8545',
      isLocal: true,
      faucet: {
        token: '0xe7f1725e7734ce288f8367e1bb143e90bb3f0512',
        symbol: 'TUSD',
        decimals: 6,
        amount: '1000000000',
      },
    });
  });

  it("reads an older coordinator's chain info without the wallet fields", async () => {
    const fetch = stubFetch(() => ({ body: { chainId: 8453, plaza: null } }));
    expect(await createGovernanceApi({ baseUrl: BASE, fetch }).chainInfo()).toMatchObject({
      chainId: 8453,
      rpcUrl: null,
      isLocal: false,
      faucet: null,
    });
  });
});
