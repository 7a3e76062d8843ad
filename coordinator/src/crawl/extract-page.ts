import { type ExtractedContent, extractContent } from '@plaza/extract';
import { contributionLimits } from '@plaza/protocol';
import { DOMParser } from 'linkedom';

/** What {@link extractPage} needs: a fetched body and how to read it. */
export interface ExtractPageInput {
  body: string;
  contentType: string;
  /** The page's final URL: links resolve against it. */
  url: string;
  mode: 'article' | 'full-text';
}

/**
 * Extracts a fetched page exactly as the extension does: plain text is taken as it is; HTML is
 * parsed with linkedom (scripts never run) and read by `@plaza/extract`, the extension's own
 * extractor. Text is cut to the protocol's limit and links are bounded to what it accepts.
 *
 * @example
 * const { title, text, links } = extractPage({ body, contentType, url, mode: 'article' });
 */
export function extractPage(input: ExtractPageInput): ExtractedContent {
  if (input.contentType.toLowerCase().startsWith('text/plain')) {
    return { title: '', text: input.body.slice(0, contributionLimits.maxTextChars), links: [] };
  }
  const doc = new DOMParser().parseFromString(input.body, 'text/html') as unknown as Document;
  const page = extractContent(doc, { url: input.url, mode: input.mode });
  return {
    ...page,
    title: page.title.slice(0, contributionLimits.maxTitleChars),
    text: page.text.slice(0, contributionLimits.maxTextChars),
    links: page.links.filter((link) => link.length <= 2048).slice(0, contributionLimits.maxLinks),
  };
}
