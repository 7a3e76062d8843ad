import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './app.tsx';
import { SESSION_KEY } from './lib/session-storage.ts';
import { campaignFixture, taskFixture } from './testing/fixtures.ts';

const BASE = 'http://plaza.test';
const TOKEN = 'a'.repeat(48);
const ADDRESS = '0x8ba1f109551bd432803012645ac136ddd64dba72';

type Handler = (request: { method: string; body: unknown; auth: string | null; url: URL }) => {
  status?: number;
  body: unknown;
};

/** A fetch that answers the API routes the test names, like the coordinator would. */
function stubApi(routes: Record<string, Handler>) {
  const calls: { method: string; path: string; body: unknown; auth: string | null }[] = [];
  const fetch = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    const headers = new Headers(init?.headers);
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const auth = headers.get('authorization');
    calls.push({ method, path: url.pathname + url.search, body, auth });
    const handler = routes[`${method} ${url.pathname}`];
    const answer = handler
      ? handler({ method, body, auth, url })
      : {
          status: 404,
          body: { error: { code: 'ROUTE_NOT_FOUND', message: 'no route', retryable: false } },
        };
    return new Response(JSON.stringify(answer.body), {
      status: answer.status ?? 200,
      headers: { 'content-type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetch);
  return calls;
}

function storeSession(): void {
  localStorage.setItem(
    SESSION_KEY,
    JSON.stringify({
      token: TOKEN,
      address: ADDRESS,
      roles: ['labeler'],
      expiresAt: '2099-01-01T00:00:00.000Z',
    }),
  );
}

const sessionOk: Handler = () => ({
  body: { address: ADDRESS, roles: ['labeler'], expiresAt: '2099-01-01T00:00:00.000Z' },
});

beforeEach(() => {
  window.location.hash = '#/label';
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('App', () => {
  it('asks a visitor to sign in', () => {
    stubApi({});
    render(<App baseUrl={BASE} />);
    expect(screen.getByRole('heading', { name: 'Sign in to label data' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Label' }).getAttribute('aria-current')).toBe('page');
    expect(screen.queryByRole('link', { name: 'Review' })).toBeNull();
  });

  it('says when signing in is impossible without a wallet', async () => {
    stubApi({});
    render(<App baseUrl={BASE} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Ethereum' }));
    expect(await screen.findByText(/No Ethereum wallet was found/)).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('WALLET_MISSING');
  });

  it('signs out when the coordinator refuses the stored session', async () => {
    storeSession();
    stubApi({
      'GET /v1/auth/session': () => ({
        status: 401,
        body: { error: { code: 'SESSION_INVALID', message: 'Session expired.', retryable: false } },
      }),
      'GET /v1/campaigns': () => ({ body: { campaigns: [] } }),
    });
    render(<App baseUrl={BASE} />);
    expect(await screen.findByText(/Your session has ended/)).toBeTruthy();
    expect(localStorage.getItem(SESSION_KEY)).toBeNull();
    expect(screen.getByRole('heading', { name: 'Sign in to label data' })).toBeTruthy();
  });

  it('labels through the real client with the session token', async () => {
    storeSession();
    const calls = stubApi({
      'GET /v1/auth/session': sessionOk,
      'GET /v1/campaigns': () => ({ body: { campaigns: [campaignFixture()] } }),
      'GET /v1/labeling/recent': () => ({ body: { labels: [] } }),
      'POST /v1/labeling/tasks': () => ({ body: { tasks: [taskFixture(1), taskFixture(2)] } }),
      'POST /v1/labeling/labels': ({ body }) => ({
        body: {
          results: (body as { labels: { clientId: string; itemId: number }[] }).labels.map(
            (label) => ({ ...label, labelId: 'l1', status: 'stored', prelabel: null }),
          ),
        },
      }),
    });
    render(<App baseUrl={BASE} />);
    const item = await screen.findByTestId('item');
    expect(item.getAttribute('data-item-id')).toBe('1');
    fireEvent.keyDown(document.body, { key: '2' });
    fireEvent.keyDown(document.body, { key: 'Enter' });
    expect(screen.getByTestId('item').getAttribute('data-item-id')).toBe('2');
    await waitFor(() =>
      expect(calls.some((call) => call.path === '/v1/labeling/labels')).toBe(true),
    );
    const submit = calls.find((call) => call.path === '/v1/labeling/labels');
    expect(submit?.auth).toBe(`Bearer ${TOKEN}`);
    expect(submit?.body).toMatchObject({
      labels: [{ itemId: 1, revision: 0, value: { kind: 'classification', class: 1 } }],
    });
    const lease = calls.find((call) => call.path === '/v1/labeling/tasks');
    expect(lease?.body).toMatchObject({ campaignId: 'news-2025', holding: [] });
    expect(calls.some((call) => call.path === '/v1/labeling/recent?campaignId=news-2025')).toBe(
      true,
    );
    await waitFor(() => expect(screen.getByTestId('outbox-pending').textContent).toBe('0'));
  });

  it('lets the operator use an admin key, kept in sessionStorage only', async () => {
    window.location.hash = '#/admin';
    const calls = stubApi({
      'GET /v1/campaigns': () => ({ body: { campaigns: [campaignFixture()] } }),
    });
    render(<App baseUrl={BASE} />);
    fireEvent.change(screen.getByLabelText('Admin key'), { target: { value: 'operator-key' } });
    fireEvent.click(screen.getByRole('button', { name: 'Use key' }));
    expect(await screen.findByRole('link', { name: 'News 2025' })).toBeTruthy();
    expect(sessionStorage.getItem('plaza:admin-key')).toBe('operator-key');
    expect(JSON.stringify({ ...localStorage })).not.toContain('operator-key');
    expect(screen.getByRole('heading', { name: 'Create a campaign' })).toBeTruthy();
    expect(calls.length).toBeGreaterThan(0);
  });

  it('shows the API validation errors next to the campaign form fields', async () => {
    window.location.hash = '#/admin';
    sessionStorage.setItem('plaza:admin-key', 'operator-key');
    const calls = stubApi({
      'GET /v1/campaigns': () => ({ body: { campaigns: [] } }),
      'POST /v1/campaigns': () => ({
        status: 400,
        body: {
          error: {
            code: 'VALIDATION_FAILED',
            message: 'The campaign is not valid.',
            retryable: false,
            details: [{ path: ['scope', 'hosts', 0], message: 'host is not public' }],
          },
        },
      }),
    });
    render(<App baseUrl={BASE} />);
    fireEvent.change(await screen.findByLabelText('Id'), { target: { value: 'news-2025' } });
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'News' } });
    fireEvent.change(screen.getByLabelText('Scope hosts'), { target: { value: 'intranet.corp' } });
    fireEvent.change(screen.getByLabelText('Classes'), { target: { value: 'A\nB' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create campaign' }));
    expect(await screen.findByText('line 1: host is not public')).toBeTruthy();
    expect(screen.getByLabelText('Scope hosts').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/The campaign is not valid. \(VALIDATION_FAILED\)/)).toBeTruthy();
    const create = calls.find((call) => call.method === 'POST');
    expect(create?.auth).toBe('Bearer operator-key');
  });

  it('lists dataset versions from the chain events, without a wallet', async () => {
    window.location.hash = '#/datasets';
    const event = (name: string, args: Record<string, unknown>, blockNumber: number) => ({
      blockNumber,
      txHash: `0x${String(blockNumber).padStart(64, '0')}`,
      logIndex: 0,
      name,
      args,
      datasetId: 1,
      version: 1,
      proposalId: null,
      account: null,
    });
    const byName: Record<string, unknown[]> = {
      VersionProposed: [
        event(
          'VersionProposed',
          {
            datasetId: '1',
            version: 1,
            sharesRoot: `0x${'ab'.repeat(32)}`,
            totalShares: '1000000000000000000000000',
            manifestHash: `0x${'cd'.repeat(32)}`,
            manifestURI: '/v1/datasets/news-2025/versions/1/manifest',
            activatesAt: 1740830400,
            claimDeadline: 1740830400 + 365 * 86_400,
          },
          10,
        ),
      ],
      VersionActivated: [event('VersionActivated', { datasetId: '1', version: 1 }, 11)],
      SharesClaimed: [
        event(
          'SharesClaimed',
          {
            datasetId: '1',
            version: 1,
            account: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
            index: 0,
            amount: '250000000000000000000000',
          },
          12,
        ),
      ],
    };
    const calls = stubApi({
      'GET /v1/chain/events': ({ url }) => ({
        body: { indexedThrough: 12, events: byName[url.searchParams.get('name') ?? ''] ?? [] },
      }),
      'GET /v1/datasets/news-2025/versions/1/manifest': () => ({
        body: {
          format: 'plaza-dataset/1',
          campaign: { id: 'news-2025', name: 'News 2025' },
          datasetId: '1',
          version: 1,
          createdAt: '2025-03-01T12:00:00.000Z',
          labelSchema: { kind: 'classification', classes: ['A', 'B'] },
          attribution: {
            rule: 'plaza-attribution/1',
            weights: { fetch: 0.4, labels: 0.5, compute: 0.1 },
            qualityFloor: 0.6,
            total: '1000000000000000000000000',
            totalShares: '1000000000000000000000000',
            remainder: '0',
            unallocated: '0',
            rounding: 'floor',
            holders: 4,
          },
          rows: {
            count: 812,
            root: `0x${'01'.repeat(32)}`,
            jsonl: { name: 'rows.jsonl', bytes: 1, sha256: 'a' },
            parquet: { name: 'rows.parquet', bytes: 1, sha256: 'b' },
          },
          shares: {
            root: `0x${'ab'.repeat(32)}`,
            file: { name: 'shares.json', bytes: 1, sha256: 'c' },
          },
        },
      }),
    });
    render(<App baseUrl={BASE} />);
    expect(screen.getByRole('link', { name: 'Datasets' }).getAttribute('aria-current')).toBe(
      'page',
    );
    const row = await screen.findByTestId('version-row');
    expect(row.textContent).toContain('812');
    expect(row.textContent).toContain('1 of 4 claimed');
    expect(row.textContent).toContain('0x7099…79c8 25.0 %');
    expect(screen.getByText(/No Ethereum wallet was found/)).toBeTruthy();
    // Browsing only reads from the coordinator (chain info, events, manifests).
    expect(calls.some((call) => call.path === '/v1/chain/info')).toBe(true);
    expect(calls.every((call) => call.method === 'GET')).toBe(true);
  });
});
