import { extractContent } from '@plaza/extract';
import {
  type ExtractRequest,
  type ExtractResponse,
  offscreenRequestSchema,
  type ProbeResponse,
} from '../messages.ts';

/**
 * Parses HTML into an inert document (`DOMParser`: scripts never run, nothing is loaded) and
 * extracts its main content and links.
 */
export function extractFromHtml(request: Pick<ExtractRequest, 'html' | 'url' | 'mode'>) {
  const doc = new DOMParser().parseFromString(request.html, 'text/html');
  return extractContent(doc, { url: request.url, mode: request.mode });
}

/** What a window can tell about the machine: data saver and battery (null where unsupported). */
export async function probeEnvironment(nav: Navigator = navigator): Promise<ProbeResponse> {
  const connection = (nav as Navigator & { connection?: { saveData?: boolean } }).connection;
  const getBattery = (
    nav as Navigator & { getBattery?: () => Promise<{ charging: boolean; level: number }> }
  ).getBattery;
  let battery: ProbeResponse['battery'] = null;
  if (typeof getBattery === 'function') {
    try {
      const status = await getBattery.call(nav);
      battery = { charging: status.charging, level: status.level };
    } catch {
      battery = null;
    }
  }
  return { saveData: connection?.saveData ?? null, battery };
}

/**
 * The offscreen document's message handler: validates the message (it crosses a context
 * boundary), then answers. Returns undefined for messages meant for someone else, so other
 * listeners can answer them.
 */
export function handleOffscreenMessage(
  message: unknown,
): Promise<ExtractResponse | ProbeResponse> | undefined {
  const parsed = offscreenRequestSchema.safeParse(message);
  if (!parsed.success) return undefined;
  if (parsed.data.type === 'probe') return probeEnvironment();
  const request = parsed.data;
  return Promise.resolve().then(() => {
    try {
      return { ok: true, page: extractFromHtml(request) } satisfies ExtractResponse;
    } catch (error) {
      return { ok: false, error: String(error) } satisfies ExtractResponse;
    }
  });
}
