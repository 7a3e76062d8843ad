import { describe, expect, it, vi } from 'vitest';
import { identifyLanguage, LanguageModelLoadError, loadLanguageModel } from './language-id.ts';

const missing = new Error('ENOENT: lid.176.ftz');
const attempts = vi.hoisted(() => ({ count: 0 }));
vi.mock('fasttext.wasm.js', () => ({
  getLIDModel: async () => ({
    load: async () => {
      attempts.count++;
      throw missing;
    },
  }),
}));

describe('loadLanguageModel when the model cannot load', () => {
  it('throws LanguageModelLoadError with its code and cause', async () => {
    const error = await loadLanguageModel().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LanguageModelLoadError);
    expect(error).toMatchObject({ code: 'LANGUAGE_MODEL_LOAD_FAILED', retryable: false });
    expect((error as Error).cause).toBe(missing);
  });

  it('tries again on the next call instead of caching the failure', async () => {
    const before = attempts.count;
    await expect(identifyLanguage('Hello world')).rejects.toBeInstanceOf(LanguageModelLoadError);
    await expect(identifyLanguage('Hello world')).rejects.toBeInstanceOf(LanguageModelLoadError);
    expect(attempts.count).toBe(before + 2);
  });
});
