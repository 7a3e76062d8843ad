import { describe, expect, it } from 'vitest';
import {
  ALLOWED_CONTENT_TYPES,
  FETCH_TIMEOUT_MS,
  MAX_BODY_BYTES,
  MAX_REDIRECTS,
  MAX_URL_LENGTH,
} from './egress-limits.ts';
import { egressRequestInit } from './egress-request-init.ts';
import { isAllowedContentType } from './is-allowed-content-type.ts';

describe('egressRequestInit', () => {
  it('is the policy, exactly', () => {
    expect(egressRequestInit).toEqual({
      method: 'GET',
      headers: { Accept: 'text/html,application/xhtml+xml,text/plain;q=0.9' },
      credentials: 'omit',
      redirect: 'manual',
      cache: 'no-store',
      referrer: '',
      referrerPolicy: 'no-referrer',
      mode: 'cors',
      keepalive: false,
    });
  });

  it('is frozen, headers included', () => {
    expect(Object.isFrozen(egressRequestInit)).toBe(true);
    expect(Object.isFrozen(egressRequestInit.headers)).toBe(true);
  });

  it('builds a Request the runtime accepts, with a signal added', () => {
    const request = new Request('https://example.com/', {
      ...egressRequestInit,
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    expect(request.method).toBe('GET');
    expect(request.redirect).toBe('manual');
    expect(request.credentials).toBe('omit');
    expect(request.headers.get('accept')).toContain('text/html');
    const names: string[] = [];
    request.headers.forEach((_value, name) => {
      names.push(name);
    });
    expect(names).toEqual(['accept']);
  });

  it('has the documented limits', () => {
    expect(MAX_REDIRECTS).toBe(5);
    expect(MAX_BODY_BYTES).toBe(2_097_152);
    expect(FETCH_TIMEOUT_MS).toBe(15_000);
    expect(MAX_URL_LENGTH).toBe(2048);
    expect(ALLOWED_CONTENT_TYPES).toEqual(['text/html', 'application/xhtml+xml', 'text/plain']);
  });
});

describe('isAllowedContentType', () => {
  it.each<[string | null | undefined, boolean]>([
    ['text/html', true],
    ['text/html; charset=utf-8', true],
    ['TEXT/HTML;charset=UTF-8', true],
    [' text/html ; charset=iso-8859-1', true],
    ['application/xhtml+xml', true],
    ['application/xhtml+xml; charset=utf-8', true],
    ['text/plain', true],
    ['text/plain;charset=us-ascii', true],
    ['text/htmlx', false],
    ['text/html-sandboxed', false],
    ['application/json', false],
    ['application/javascript', false],
    ['text/javascript', false],
    ['text/css', false],
    ['text/xml', false],
    ['application/xml', false],
    ['image/svg+xml', false],
    ['application/pdf', false],
    ['application/octet-stream', false],
    ['image/png', false],
    ['video/mp4', false],
    ['multipart/form-data; boundary=x', false],
    ['text', false],
    ['*/*', false],
    ['', false],
    [';', false],
    [null, false],
    [undefined, false],
  ])('%j → %s', (contentType, allowed) => {
    expect(isAllowedContentType(contentType)).toBe(allowed);
  });
});
