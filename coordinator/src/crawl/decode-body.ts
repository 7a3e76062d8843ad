/**
 * Decodes a raw body as a browser would: the `Content-Type` charset, else a `<meta charset>` in
 * the first KiB, else UTF-8 (an unknown label falls back to UTF-8).
 *
 * @example
 * decodeBody(bytes, 'text/html; charset=iso-8859-1');
 */
export function decodeBody(body: Uint8Array, contentType: string): string {
  const declared = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1];
  const head = declared ? '' : new TextDecoder('latin1').decode(body.subarray(0, 1024));
  const sniffed =
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1] ??
    /<meta[^>]+content\s*=\s*["'][^"']*charset=([\w.:-]+)/i.exec(head)?.[1];
  try {
    return new TextDecoder(declared ?? sniffed ?? 'utf-8').decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}
