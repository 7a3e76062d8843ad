import { contributionLimits, type ParsedContributionItem } from '@plaza/protocol';

/** The JSON size a batch stays under; the coordinator takes 8 MiB per request. */
const BATCH_CHARS = 6 * 1024 * 1024;

/** At most `maxLinks` links, each an absolute http(s) URL the protocol accepts, without duplicates. */
export function boundLinks(links: readonly string[]): string[] {
  const out = new Set<string>();
  for (const link of links) {
    if (out.size >= contributionLimits.maxLinks) break;
    let url: URL;
    try {
      url = new URL(link);
    } catch {
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    url.hash = '';
    if (url.href.length <= 2048) out.add(url.href);
  }
  return [...out];
}

/** Splits items into batches the coordinator accepts (item count and request size). */
export function splitBatches(items: readonly ParsedContributionItem[]): ParsedContributionItem[][] {
  const batches: ParsedContributionItem[][] = [];
  let current: ParsedContributionItem[] = [];
  let chars = 0;
  for (const item of items) {
    const size = JSON.stringify(item).length;
    if (
      current.length > 0 &&
      (current.length >= contributionLimits.maxItemsPerBatch || chars + size > BATCH_CHARS)
    ) {
      batches.push(current);
      current = [];
      chars = 0;
    }
    current.push(item);
    chars += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
