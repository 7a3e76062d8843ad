import { describe, expect, it } from 'vitest';
import { normalizeDenyListEntry } from './normalize-deny-list-entry.ts';
import { isSameOrSubdomain, isSpecialUseDomain } from './special-use-domains.ts';

describe('normalizeDenyListEntry', () => {
  it.each<[string, string | null]>([
    ['example.com', 'example.com'],
    ['  Example.COM  ', 'example.com'],
    ['example.com.', 'example.com'],
    ['.example.com', 'example.com'],
    ['*.example.com', 'example.com'],
    ['*.Tracker.example.', 'tracker.example'],
    ['example.com/some/path', 'example.com'],
    ['example.com:8443', 'example.com'],
    ['https://example.com/x?y#z', 'example.com'],
    ['http://user:pw@example.com/', 'example.com'],
    ['bücher.de', 'xn--bcher-kva.de'],
    ['https://bücher.de/x', 'xn--bcher-kva.de'],
    ['', null],
    ['   ', null],
    ['*', null],
    ['*.', null],
    ['http://', null],
    ['exa mple.com', null],
    ['[::1', null],
    ['file:///etc/passwd', null],
  ])('%j → %s', (entry, host) => {
    expect(normalizeDenyListEntry(entry)).toBe(host);
  });
});

describe('isSameOrSubdomain', () => {
  it.each<[string, string, boolean]>([
    ['example.com', 'example.com', true],
    ['a.example.com', 'example.com', true],
    ['a.b.example.com', 'example.com', true],
    ['notexample.com', 'example.com', false],
    ['example.com.evil.net', 'example.com', false],
    ['com', 'example.com', false],
    ['latest', 'test', false],
    ['a.test', 'test', true],
  ])('%s under %s → %s', (host, domain, expected) => {
    expect(isSameOrSubdomain(host, domain)).toBe(expected);
  });
});

describe('isSpecialUseDomain', () => {
  it.each<[string, boolean]>([
    ['printer.local', true],
    ['x.home.arpa', true],
    ['fritz.box', true],
    ['www.fritz.box', true],
    ['news.example.com', false],
    ['example.com', false],
    ['contest.com', false],
    ['notfritz.box', false],
  ])('%s → %s', (host, expected) => {
    expect(isSpecialUseDomain(host)).toBe(expected);
  });
});
