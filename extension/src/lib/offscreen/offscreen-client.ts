import type { Job } from '@plaza/protocol';
import type { z } from 'zod';
import type { WorkEnvironment } from '../controls.ts';
import { type ExtractedPage, extractResponseSchema, probeResponseSchema } from '../messages.ts';
import { extractFromHtml, probeEnvironment } from './handle-offscreen-message.ts';

/** The offscreen page Plasmo builds from `src/tabs/offscreen.tsx`. */
export const OFFSCREEN_PATH = 'tabs/offscreen.html';

let ready: Promise<void> | null = null;

/**
 * Opens the offscreen document once (Chrome). It parses pages (the service worker has no DOM)
 * and reads the battery, which only a window can. Checked once per worker life; a failed message
 * clears the check (Chrome may close the document).
 */
function ensureOffscreenDocument(): Promise<void> {
  ready ??= (async () => {
    const url = chrome.runtime.getURL(OFFSCREEN_PATH);
    const contexts = await chrome.runtime.getContexts({
      contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT],
      documentUrls: [url],
    });
    if (contexts.length > 0) return;
    await chrome.offscreen.createDocument({
      url: OFFSCREEN_PATH,
      reasons: [chrome.offscreen.Reason.DOM_PARSER, chrome.offscreen.Reason.BATTERY_STATUS],
      justification: 'Parse fetched pages (inert, no scripts) and read the battery level.',
    });
  })().catch((error: unknown) => {
    ready = null;
    throw error;
  });
  return ready;
}

/** Tries before giving up on the offscreen document: it may still be loading its script. */
const ATTEMPTS = 40;

/**
 * Sends a message to the offscreen document, opening it first. A document that was just created
 * may not listen yet ("Receiving end does not exist"), and Chrome may close it: both are retried
 * for about two seconds, checking the document again each time.
 */
export async function askOffscreen(message: Record<string, unknown>): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    await ensureOffscreenDocument();
    try {
      const answer: unknown = await chrome.runtime.sendMessage({ target: 'offscreen', ...message });
      if (answer !== undefined) return answer;
      throw new Error('The offscreen document did not answer.');
    } catch (error) {
      if (attempt >= ATTEMPTS) throw error;
      ready = null;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Whether this context can parse HTML itself (Firefox's background page can; Chrome's worker not). */
function hasDom(): boolean {
  return typeof DOMParser !== 'undefined' && typeof document !== 'undefined';
}

/** Parses and extracts a page: in place where there is a DOM, else in the offscreen document. */
export async function parsePage(input: {
  html: string;
  url: string;
  mode: Job['extraction'];
}): Promise<ExtractedPage> {
  let answer: z.output<typeof extractResponseSchema>;
  if (hasDom()) {
    answer = extractResponseSchema.parse({ ok: true, page: extractFromHtml(input) });
  } else {
    answer = extractResponseSchema.parse(await askOffscreen({ type: 'extract', ...input }));
  }
  if (!answer.ok) throw new Error(`Extraction failed for ${input.url}: ${answer.error}`);
  return answer.page;
}

/** Data saver and battery, from wherever they can be read. */
export async function probe(): Promise<Pick<WorkEnvironment, 'saveData' | 'battery'>> {
  if (hasDom() || typeof chrome === 'undefined' || !chrome.offscreen) {
    return probeEnvironment();
  }
  return probeResponseSchema.parse(await askOffscreen({ type: 'probe' }));
}
