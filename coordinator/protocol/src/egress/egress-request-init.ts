import { ALLOWED_CONTENT_TYPES } from './egress-limits.ts';

/**
 * The shape of {@link egressRequestInit}. Declared here rather than as `RequestInit` so the package
 * type-checks with or without the DOM library; every member is a valid `RequestInit` member.
 */
export type EgressRequestInit = {
  readonly method: 'GET';
  readonly headers: Readonly<{ Accept: string }>;
  readonly credentials: 'omit';
  readonly redirect: 'manual';
  readonly cache: 'no-store';
  readonly referrer: '';
  readonly referrerPolicy: 'no-referrer';
  readonly mode: 'cors';
  readonly keepalive: false;
};

/**
 * The exact `RequestInit` of every egress fetch. Spread it and add only a `signal`
 * (`AbortSignal.timeout(FETCH_TIMEOUT_MS)`); never merge anything a server sent.
 *
 * Why each member:
 * - `method: 'GET'`: the policy fetches, it never posts.
 * - `headers`: only our own `Accept` built from {@link ALLOWED_CONTENT_TYPES}; never a
 *   caller-supplied header (the browser adds its own User-Agent, which an extension cannot set).
 * - `credentials: 'omit'`: no cookies, HTTP auth or client certificates are sent, and `Set-Cookie`
 *   in the answer is not stored, so a fetch can neither act as the user nor leave state behind.
 * - `redirect: 'manual'`: a redirect is never followed by the fetch itself, because the next hop
 *   would be requested before anyone checked it. In Node (undici) the 3xx comes back with its
 *   `Location`; follow it by hand up to {@link MAX_REDIRECTS} hops, each through
 *   `checkEgressUrl`. In browsers, MV3 extension workers included, the Fetch standard answers a
 *   manual redirect with an opaque-redirect response (`type === 'opaqueredirect'`, `status === 0`,
 *   no headers): the target cannot be read. Treat that as "redirected, target unknown" and report
 *   it to the coordinator, which can learn the target with its own checked, non-following request
 *   and enqueue it as a new URL. Never switch to `'follow'`: the hop's GET would leave the browser
 *   before any check (a public page could bounce the fetch to a router at 192.168.0.1).
 * - `cache: 'no-store'`: neither reads nor writes the HTTP cache, so pages fetched for a campaign do
 *   not mix with the user's browsing and every fetch is a real observation.
 * - `referrer: ''` and `referrerPolicy: 'no-referrer'`: no `Referer` reveals the extension page.
 * - `mode: 'cors'`: in an extension worker with host permission for the URL the browser waives
 *   CORS and the body is readable; without that permission the fetch fails unless the site allows
 *   it, which is the safe outcome. `'no-cors'` would return an unreadable opaque body and
 *   `'same-origin'` would refuse every page. Node's fetch ignores the mode.
 * - `keepalive: false`: a fetch never outlives the worker that started it.
 *
 * @example
 * ```ts
 * const checked = checkEgressUrl(job.url, { denyList });
 * if (checked.ok) {
 *   const response = await fetch(checked.url, {
 *     ...egressRequestInit,
 *     signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
 *   });
 * }
 * ```
 */
export const egressRequestInit: EgressRequestInit = Object.freeze({
  method: 'GET',
  headers: Object.freeze({
    Accept: `${ALLOWED_CONTENT_TYPES.slice(0, 2).join(',')},text/plain;q=0.9`,
  }),
  credentials: 'omit',
  redirect: 'manual',
  cache: 'no-store',
  referrer: '',
  referrerPolicy: 'no-referrer',
  mode: 'cors',
  keepalive: false,
});
