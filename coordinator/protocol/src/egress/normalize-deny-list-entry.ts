/**
 * Turns one deny-list entry as a user types it into the host name it blocks: lowercase ASCII
 * (IDN as punycode), no trailing dot. Accepts `example.com`, `.example.com`, `*.example.com`,
 * `Example.COM.`, `bücher.de`, `example.com/some/path` and full URLs such as
 * `https://example.com:8443/x`. The entry blocks that host and every subdomain.
 *
 * @returns the host, or `null` when the entry names no host (empty, `*`, malformed).
 * @example
 * ```ts
 * normalizeDenyListEntry('*.Tracker.example.'); // 'tracker.example'
 * normalizeDenyListEntry('https://bücher.de/x'); // 'xn--bcher-kva.de'
 * ```
 */
export function normalizeDenyListEntry(entry: string): string | null {
  let text = entry.trim();
  if (!text.includes('://')) {
    if (text.startsWith('*.')) text = text.slice(2);
    else if (text.startsWith('.')) text = text.slice(1);
    text = `http://${text}`;
  }
  let host: string;
  try {
    host = new URL(text).hostname;
  } catch {
    return null;
  }
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host === '' || host.includes('*')) return null;
  return host;
}
