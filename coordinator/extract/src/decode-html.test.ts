import { describe, expect, it } from 'vitest';
import { decodeHtml, sniffMetaCharset } from './decode-html.ts';

const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeHtml', () => {
  it('uses the Content-Type charset, else a <meta charset>, else UTF-8', () => {
    expect(decodeHtml(latin1('café'), 'text/html; charset=iso-8859-1')).toBe('café');
    expect(decodeHtml(latin1('<meta charset="windows-1252">é'), 'text/html')).toBe(
      '<meta charset="windows-1252">é',
    );
    expect(decodeHtml(utf8('café'), 'text/html')).toBe('café');
    expect(decodeHtml(utf8('café'), 'text/html; charset=no-such-charset')).toBe('café');
  });

  it('finds a <meta charset> after the first 1,024 bytes while still in the head', () => {
    const head = `<html><head><title>t</title><style>${'p { color: red; }\n'.repeat(100)}</style>`;
    const page = `${head}<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body><p>café</p></body></html>`;
    expect(page.indexOf('<meta')).toBeGreaterThan(1024);
    const text = decodeHtml(latin1(page), 'text/html');
    expect(text).toContain('<p>café</p>');
    expect(text).not.toContain('\uFFFD');
  });

  it('ignores a <meta charset> in the body past 1,024 bytes, in comments and in scripts', () => {
    const filler = `<p>${'word '.repeat(250)}</p>`;
    expect(sniffMetaCharset(latin1(`<html><body>${filler}<meta charset="koi8-r"></body>`))).toBe(
      undefined,
    );
    expect(sniffMetaCharset(latin1('<!-- <meta charset="koi8-r"> --><p>x</p>'))).toBe(undefined);
    expect(sniffMetaCharset(latin1('<script>"<meta charset=koi8-r>"</script>'))).toBe(undefined);
    expect(sniffMetaCharset(latin1('<head><META CHARSET=Shift_JIS></head>'))).toBe('Shift_JIS');
  });

  it('prefers a byte-order mark, and reads a UTF-16 <meta> as UTF-8', () => {
    const bom = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('café')]);
    expect(decodeHtml(bom, 'text/html; charset=iso-8859-1')).toBe('café');
    expect(decodeHtml(utf8('<meta charset="utf-16">café'), 'text/html')).toBe(
      '<meta charset="utf-16">café',
    );
  });
});
