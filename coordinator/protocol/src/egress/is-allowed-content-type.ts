import { ALLOWED_CONTENT_TYPES, type AllowedContentType } from './egress-limits.ts';

/**
 * Whether a `Content-Type` header names one of {@link ALLOWED_CONTENT_TYPES}. Parameters such as
 * `charset` are ignored and the comparison is case-insensitive. A missing or empty header is not
 * allowed: the policy never sniffs.
 *
 * @example
 * ```ts
 * isAllowedContentType('text/html; charset=UTF-8'); // true
 * isAllowedContentType('application/pdf'); // false
 * isAllowedContentType(response.headers.get('content-type')); // false when absent
 * ```
 */
export function isAllowedContentType(contentType: string | null | undefined): boolean {
  if (!contentType) return false;
  const semicolon = contentType.indexOf(';');
  const essence = (semicolon === -1 ? contentType : contentType.slice(0, semicolon))
    .trim()
    .toLowerCase();
  return (ALLOWED_CONTENT_TYPES as readonly string[]).includes(essence as AllowedContentType);
}
