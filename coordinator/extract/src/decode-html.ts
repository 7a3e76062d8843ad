/**
 * Bytes always read for a `<meta charset>`; past them the scan goes on until the head has ended
 * (Chromium's meta-charset scanner does the same), so a late `<meta charset>` in a long head
 * still counts and one deep in the body does not.
 */
const UNCONDITIONAL_BYTES = 1024;
/** The head is never scanned further than this. */
const MAX_SCAN_BYTES = 512 * 1024;

/** Elements that may open inside `<head>`: any other start tag ends the scan (past 1,024 bytes). */
const HEAD_TAGS = new Set([
  'html',
  'head',
  'meta',
  'title',
  'link',
  'style',
  'script',
  'noscript',
  'base',
  'template',
  '!doctype',
]);
/** Elements whose content is raw text: a `<meta` inside them is not a tag. */
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'noscript', 'template']);

const CONTENT_TYPE_CHARSET = /charset\s*=\s*["']?([\w.:-]+)/i;

/**
 * The charset a `<meta>` declares in the first part of a page: `<meta charset>`, or
 * `<meta http-equiv="content-type" content="…; charset=…">`. Comments, scripts and styles are
 * skipped. Reads at least 1,024 bytes, then on until the head has ended (`</head>` or an element
 * that cannot be in it).
 */
export function sniffMetaCharset(body: Uint8Array): string | undefined {
  const text = new TextDecoder('windows-1252').decode(body.subarray(0, MAX_SCAN_BYTES));
  const lower = text.toLowerCase();
  const tag = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z!][^\s/>]*)([^>]*)>?/g;
  let isPastHead = false;
  for (let match = tag.exec(text); match !== null; match = tag.exec(text)) {
    const [, closing, rawName, attributes = ''] = match;
    if (rawName === undefined) continue; // a comment
    if (isPastHead && match.index >= UNCONDITIONAL_BYTES) return undefined;
    const name = rawName.toLowerCase();
    if (closing === '' && name === 'meta') {
      const charset =
        /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(attributes)?.[1] ??
        (/http-equiv\s*=\s*["']?content-type/i.test(attributes)
          ? CONTENT_TYPE_CHARSET.exec(attributes)?.[1]
          : undefined);
      if (charset !== undefined) return charset;
      continue;
    }
    if (closing === '' ? !HEAD_TAGS.has(name) : name === 'head') isPastHead = true;
    if (closing === '' && RAW_TEXT.has(name)) {
      const end = lower.indexOf(`</${name}`, tag.lastIndex);
      if (end < 0) return undefined;
      tag.lastIndex = end;
    }
  }
  return undefined;
}

/** The encoding a byte-order mark names, if the body starts with one. */
function bomEncoding(body: Uint8Array): string | undefined {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  return undefined;
}

function decoderFor(label: string | undefined, fromMeta: boolean): TextDecoder | undefined {
  if (label === undefined) return undefined;
  try {
    const decoder = new TextDecoder(label.trim());
    // The HTML standard: a <meta> that names UTF-16 means UTF-8 (the bytes were read as ASCII).
    if (fromMeta && decoder.encoding.startsWith('utf-16')) return new TextDecoder('utf-8');
    return decoder;
  } catch {
    return undefined; // an unknown label counts as none
  }
}

/**
 * Decodes a fetched HTML (or text) body as a browser does: a byte-order mark first, then the
 * `Content-Type` charset, then a `<meta charset>` found by {@link sniffMetaCharset}, else UTF-8.
 * Labels are WHATWG encoding labels (`latin1` is windows-1252); an unknown one is skipped; invalid
 * bytes become U+FFFD. Shared by the extension and the coordinator, so both read a page alike.
 *
 * @example
 * const html = decodeHtml(bytes, response.headers.get('content-type') ?? '');
 */
export function decodeHtml(body: Uint8Array, contentType: string): string {
  const bom = bomEncoding(body);
  const decoder =
    (bom === undefined ? undefined : new TextDecoder(bom)) ??
    decoderFor(CONTENT_TYPE_CHARSET.exec(contentType)?.[1], false) ??
    decoderFor(sniffMetaCharset(body), true) ??
    new TextDecoder('utf-8');
  return decoder.decode(body);
}
