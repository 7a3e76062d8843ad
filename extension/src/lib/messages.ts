import { contributionLimits } from '@plaza/protocol';
import { z } from 'zod';

/** Parse a fetched page in the offscreen document (Chrome) and extract its main content. */
export const extractRequestSchema = z.object({
  target: z.literal('offscreen'),
  type: z.literal('extract'),
  html: z.string(),
  url: z.string(),
  mode: z.enum(['article', 'full-text']),
});
export type ExtractRequest = z.output<typeof extractRequestSchema>;

/** Ask the offscreen document what only a window can tell: battery and data saver. */
export const probeRequestSchema = z.object({
  target: z.literal('offscreen'),
  type: z.literal('probe'),
});

/** Every message the offscreen document answers. */
export const offscreenRequestSchema = z.discriminatedUnion('type', [
  extractRequestSchema,
  probeRequestSchema,
]);

/** The main content of a page, bounded as a contribution must be. */
export const extractedPageSchema = z.object({
  title: z.string().transform((t) => t.slice(0, contributionLimits.maxTitleChars)),
  text: z.string().transform((t) => t.slice(0, contributionLimits.maxTextChars)),
  links: z.array(z.string()),
  byline: z.string().optional(),
  lang: z.string().optional(),
});
export type ExtractedPage = z.output<typeof extractedPageSchema>;

export const extractResponseSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), page: extractedPageSchema }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type ExtractResponse = z.input<typeof extractResponseSchema>;

export const probeResponseSchema = z.object({
  saveData: z.boolean().nullable(),
  battery: z.object({ charging: z.boolean(), level: z.number().min(0).max(1) }).nullable(),
});
export type ProbeResponse = z.output<typeof probeResponseSchema>;

/** Messages the worker answers (from the popup and the options page). */
export const workerRequestSchema = z.discriminatedUnion('type', [
  /** Settings changed or the user pressed resume: look for work now. */
  z.object({ target: z.literal('worker'), type: z.literal('kick') }),
]);
export type WorkerRequest = z.output<typeof workerRequestSchema>;
