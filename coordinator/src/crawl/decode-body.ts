import { decodeHtml } from '@plaza/extract';

/**
 * Decodes a raw body as a browser would, exactly as the extension does (`decodeHtml` of
 * `@plaza/extract`): a byte-order mark, else the `Content-Type` charset, else a `<meta charset>`
 * anywhere in the head, else UTF-8 (unknown labels are skipped).
 *
 * @example
 * decodeBody(bytes, 'text/html; charset=iso-8859-1');
 */
export function decodeBody(body: Uint8Array, contentType: string): string {
  return decodeHtml(body, contentType);
}
