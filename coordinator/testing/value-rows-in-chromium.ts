import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import type { Hex } from 'viem';
import type { RuleV2Params } from '../src/attribution/v2/params.ts';
import type { ValuationRow } from '../src/attribution/v2/value-rows.ts';

/**
 * Bundles rule v2 for the browser (esbuild) and values `rows` in headless Chromium
 * (at `executablePath`), answering the valuation digest and the browser's version:
 * an independent runtime (V8 in Chromium, its own ICU) for the bit-exactness checks.
 */
export async function valueRowsInChromium(
  rows: readonly ValuationRow[],
  beacon: Hex,
  params: RuleV2Params,
  executablePath: string,
): Promise<{ digest: Hex; browser: string; seconds: number }> {
  const bundle = await build({
    entryPoints: [
      fileURLToPath(new URL('../src/attribution/v2/browser-entry.ts', import.meta.url)),
    ],
    bundle: true,
    format: 'iife',
    globalName: 'plazaRuleV2',
    platform: 'browser',
    write: false,
  });
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage();
    await page.addScriptTag({ content: bundle.outputFiles[0]?.text ?? '' });
    const { digest, seconds } = await page.evaluate(
      ([r, b, p]) => {
        const started = performance.now();
        const api = (
          globalThis as unknown as {
            plazaRuleV2: { valueRowsDigest: (r: unknown, b: unknown, p: unknown) => string };
          }
        ).plazaRuleV2;
        const digest = api.valueRowsDigest(r, b, p);
        return { digest, seconds: (performance.now() - started) / 1000 };
      },
      [rows, beacon, params] as const,
    );
    return { digest: digest as Hex, browser: browser.version(), seconds };
  } finally {
    await browser.close();
  }
}
