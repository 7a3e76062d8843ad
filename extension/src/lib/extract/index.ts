// Main-content extraction for pages fetched by the extension: one entry point, run in the
// offscreen document on a `DOMParser` document (or on linkedom in Node).
export {
  type ExtractContentOptions,
  type ExtractedContent,
  extractContent,
} from './extract-content.ts';
export { MAX_LINKS } from './extract-links.ts';
