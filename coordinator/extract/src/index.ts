// Main-content extraction, shared by the extension (the offscreen document's `DOMParser`) and the
// coordinator (linkedom, for verification and server crawling): one entry point, any W3C Document.

export { decodeHtml, sniffMetaCharset } from './decode-html.ts';
export {
  type ExtractContentOptions,
  type ExtractedContent,
  extractContent,
} from './extract-content.ts';
export { MAX_LINKS } from './extract-links.ts';
