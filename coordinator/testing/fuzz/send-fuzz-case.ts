import { type ErrorCode, errorCodes } from '@plaza/protocol';
import type { FuzzCase } from './fuzz-case.ts';
import type { FuzzWorld } from './fuzz-world.ts';
import type { RouteSpec } from './route-specs.ts';

/** What came back for one fuzzed request, and what was wrong with it (empty when nothing). */
export interface FuzzAnswer {
  status: number;
  code: string | null;
  /** A 5xx that is not one of the deployment answers. */
  serverError: boolean;
  problems: string[];
}

/**
 * Answers a condition of the deployment rather than of the input: a download request that passed
 * every check reaches the licence lookup, which needs a chain, and the fuzz world has none.
 */
const deploymentAnswers: ReadonlyArray<{ route: string; code: ErrorCode }> = [
  { route: 'POST /v1/datasets/:campaignId/versions/:version/downloads', code: 'UNAVAILABLE' },
];

/** The URL path of a route with its parameters filled in. */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => params[name] ?? '');
}

async function headersFor(world: FuzzWorld, spec: RouteSpec, fuzzCase: FuzzCase): Promise<Headers> {
  const isSession = fuzzCase.auth === 'labeler' || fuzzCase.auth === 'reviewer';
  const auth = spec.endsSession && isSession ? 'disposable' : fuzzCase.auth;
  const base: Record<string, string> =
    auth === 'none'
      ? {}
      : auth === 'garbage'
        ? { authorization: `Bearer ${'A'.repeat(43)}` }
        : auth === 'malformed'
          ? { authorization: 'Basic Og==, Bearer' }
          : auth === 'disposable'
            ? await world.disposableSession()
            : world.headers[auth];
  const headers = new Headers(base);
  headers.delete('content-type');
  if (fuzzCase.contentType !== null) headers.set('content-type', fuzzCase.contentType);
  return headers;
}

async function bodyFor(world: FuzzWorld, spec: RouteSpec, fuzzCase: FuzzCase) {
  const body = fuzzCase.body;
  switch (body.kind) {
    case 'none':
      return undefined;
    case 'text':
      return body.text;
    case 'bytes':
      return new Blob([new Uint8Array(body.bytes)]);
    case 'oversized':
      return `{"pad":"${'x'.repeat(body.bytes)}"}`;
    case 'json': {
      let value = body.value;
      if (body.resign && spec.resign) value = await spec.resign(world, value).catch(() => value);
      return JSON.stringify(value) ?? '';
    }
  }
}

/**
 * Sends one fuzzed request through `app.request` and checks the answer: never a 5xx (but for the
 * deployment answers above), and every 4xx is JSON in the protocol's error shape with a known code
 * whose status it has. Returns null when the request cannot even be built (an invalid URL).
 */
export async function sendFuzzCase(
  world: FuzzWorld,
  route: { key: string; path: string; spec: RouteSpec },
  fuzzCase: FuzzCase,
): Promise<FuzzAnswer | null> {
  const query = fuzzCase.query === '' ? '' : `?${fuzzCase.query}`;
  const url = `http://localhost${fillPath(route.path, fuzzCase.params)}${query}`;
  let request: Request;
  try {
    const body = await bodyFor(world, route.spec, fuzzCase);
    request = new Request(url, {
      method: fuzzCase.method,
      headers: await headersFor(world, route.spec, fuzzCase),
      ...(body === undefined ? {} : { body }),
    });
  } catch {
    return null;
  }
  const res = await world.app.request(request);
  const text = await res.text();
  const problems: string[] = [];
  let code: string | null = null;
  if (res.status >= 400) {
    let parsed: { error?: { code?: unknown; message?: unknown; retryable?: unknown } } | null =
      null;
    try {
      parsed = JSON.parse(text);
    } catch {
      problems.push(`a ${res.status} answer is not JSON: ${text.slice(0, 200)}`);
    }
    const error = parsed?.error;
    if (parsed && (typeof error?.code !== 'string' || typeof error.message !== 'string')) {
      problems.push(`a ${res.status} answer has no error code: ${text.slice(0, 200)}`);
    }
    if (typeof error?.code === 'string') {
      code = error.code;
      const known = errorCodes[code as ErrorCode];
      if (!known) problems.push(`unknown error code ${code}`);
      else if (known.status !== res.status) {
        problems.push(`code ${code} came with status ${res.status}, not ${known.status}`);
      }
    }
    if (!(res.headers.get('content-type') ?? '').includes('application/json')) {
      problems.push(`a ${res.status} answer is ${res.headers.get('content-type')}, not JSON`);
    }
  }
  const expected = deploymentAnswers.some((a) => a.route === route.key && a.code === code);
  const serverError = res.status >= 500 && !expected;
  if (serverError) problems.push(`server error ${res.status}: ${text.slice(0, 300)}`);
  return { status: res.status, code, serverError, problems };
}
