import { decodeBody, extractPage } from '@plaza/coordinator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchExtensionBrowser } from '../harness/browser.ts';
import { type FixtureInternet, startFixtureInternet } from '../harness/fixture-internet.ts';

/** The extension APIs the spec calls inside the extension's pages and worker. */
declare const chrome: {
  runtime: {
    sendMessage(message: unknown): Promise<unknown>;
  };
  offscreen: { createDocument(options: unknown): Promise<void> };
};

const URL = 'http://parity.example.com/post';
const sentence = (label: string, i: number) =>
  `The ${label} sentence number ${i} reads like real text, with commas, names and details.`;
const paragraph = (label: string) =>
  `<p>${Array.from({ length: 4 }, (_, i) => sentence(label, i + 1)).join(' ')}</p>`;
const ARTICLE = `<article><h2>What happened</h2>${paragraph('first')}${paragraph('second')}<ul><li>One point of it.</li><li>Another point.</li></ul>${paragraph('third')}</article>`;
const HEAD = '<head><title>A post</title></head>';
const NAV = '<nav><a href="/">Home</a> <a href="/about">About</a></nav>';

/** Malformed pages where the element after <head> is not <body> (what linkedom mishandled). */
const MALFORMED: Record<string, string> = {
  'nested <html>': `<html>${HEAD}<html><body>${NAV}${ARTICLE}</body></html></html>`,
  '<div> before <body>': `<html>${HEAD}<div class="notice">Please upgrade your browser.</div><body>${NAV}${ARTICLE}</body></html>`,
  '<meta> before <body>': `<html>${HEAD}<meta name="x" content="y"><body>${NAV}${ARTICLE}</body></html>`,
  'no <body>': `<html>${HEAD}${NAV}${ARTICLE}</html>`,
  'text before <html>': `stray words<html>${HEAD}<body>${NAV}${ARTICLE}</body></html>`,
  'an element before <html>': `<div>Site notice.</div><html>${HEAD}<body>${NAV}${ARTICLE}</body></html>`,
};

/** A latin-1 page whose <meta charset> comes after the first 1,024 bytes of a long head. */
function lateCharsetPage(): Uint8Array {
  const style = `<style>${'.rule { color: #333; margin: 0 auto; }\n'.repeat(40)}</style>`;
  const html = `<!doctype html><html><head><title>Caf\u00e9</title>${style}<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body><article><p>Caf\u00e9 cr\u00e8me, na\u00efve fa\u00e7ade: ${sentence('latin', 1)}</p>${paragraph('latin')}</article></body></html>`;
  return Uint8Array.from(html, (c) => c.charCodeAt(0));
}

let internet: FixtureInternet;
let browser: ExtensionBrowser;

beforeAll(async () => {
  internet = await startFixtureInternet([
    {
      host: 'parity.example.com',
      pages: {
        '/late-charset': {
          status: 200,
          headers: { 'content-type': 'text/html' },
          body: lateCharsetPage(),
        },
      },
    },
  ]);
  browser = await launchExtensionBrowser({ proxyUrl: internet.proxyUrl, bypass: [] });
  // The offscreen document the worker parses pages in, opened as the worker opens it.
  const worker = await browser.worker();
  await worker.evaluate(async () => {
    try {
      await chrome.offscreen.createDocument({
        url: 'tabs/offscreen.html',
        reasons: ['DOM_PARSER'],
        justification: 'parity test',
      });
    } catch (error) {
      // The worker may have opened it already: one is all there can be.
      if (!String(error).includes('single offscreen document')) throw error;
    }
  });
});

afterAll(async () => {
  await browser?.close();
  await internet?.close();
});

/** Extracts in the extension's offscreen document (Chromium's DOMParser), as a device does. */
async function extractInChromium(html: string, mode: 'article' | 'full-text') {
  const page = await browser.openPage('tabs/activity.html');
  try {
    for (let attempt = 0; ; attempt++) {
      const answer = (await page.evaluate((message) => chrome.runtime.sendMessage(message), {
        target: 'offscreen',
        type: 'extract',
        html,
        url: URL,
        mode,
      })) as { ok: boolean; page?: { text: string; title: string }; error?: string } | undefined;
      // A just-created document may not listen yet: ask again until it answers.
      if (answer !== undefined) return answer;
      if (attempt > 50) throw new Error('The offscreen document never answered.');
    }
  } finally {
    await page.close();
  }
}

describe('extraction parity: the extension in Chromium, the coordinator on linkedom', () => {
  for (const [name, html] of Object.entries(MALFORMED)) {
    it(`extracts the same text from a page with ${name}`, async () => {
      for (const mode of ['article', 'full-text'] as const) {
        const chromium = await extractInChromium(html, mode);
        expect(chromium.ok, chromium.error).toBe(true);
        const coordinator = extractPage({ body: html, contentType: 'text/html', url: URL, mode });
        expect(chromium.page!.text).toContain(sentence('third', 4));
        expect(coordinator.text, mode).toBe(chromium.page!.text);
        expect(coordinator.title).toBe(chromium.page!.title);
      }
    });
  }

  it('decodes a page whose <meta charset> comes late in the head as Chromium does', async () => {
    const tab = await browser.context.newPage();
    try {
      await tab.goto('http://parity.example.com/late-charset');
      const charset = await tab.evaluate('document.characterSet');
      const seen = (await tab.evaluate('document.body.innerText')) as string;
      expect(charset).toBe('windows-1252');
      expect(seen).toContain('Caf\u00e9 cr\u00e8me, na\u00efve fa\u00e7ade');
      const bytes = internet.answer('http://parity.example.com/late-charset').body as Uint8Array;
      const decoded = decodeBody(bytes, 'text/html');
      expect(decoded).not.toContain('\uFFFD');
      const coordinator = extractPage({
        body: decoded,
        contentType: 'text/html',
        url: URL,
        mode: 'article',
      });
      const chromium = await extractInChromium(decoded, 'article');
      expect(coordinator.text).toContain('Caf\u00e9 cr\u00e8me, na\u00efve fa\u00e7ade');
      expect(coordinator.text).toBe(chromium.page!.text);
    } finally {
      await tab.close();
    }
  });
});
