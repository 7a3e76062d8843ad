import { requireChromium } from '@plaza/test-kit/env';
import { seededRandom } from '@plaza/test-kit/random';
import type { Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { valueRowsInChromium } from '#testing/value-rows-in-chromium.ts';
import { defaultRuleV2Params } from './params.ts';
import type { ValuationRow } from './value-rows.ts';
import { valueRowsDigest } from './values-digest.ts';

/** Rows in many scripts and forms: ligatures, full-width, accents (composed and not), emoji, CJK. */
function fixture(): ValuationRow[] {
  const pieces = [
    'The ﬁnal vote on the budget',
    'Ｆｕｌｌ－ｗｉｄｔｈ ｔｅｘｔ',
    'café cafe\u0301 CAFÉ',
    'Straße STRASSE',
    'Ελληνικά κείμενα για τον προϋπολογισμό',
    'Русский текст о бюджете',
    '日本語のテキストと予算',
    'नमस्ते दुनिया बजट',
    'emoji 🎉 party 👍🏽 ok',
    'ǅemal Ⅻ ① ² ½',
    'العربية نص عن الميزانية',
    'match report goal striker',
    'election council mayor vote',
    'x\u{16D43}y \uD800 lone',
  ];
  const random = seededRandom(11);
  const rand = (n: number) => Math.floor(random() * n);
  return Array.from({ length: 400 }, (_, i) => {
    const text = Array.from({ length: 6 }, () => pieces[rand(pieces.length)]).join(' ');
    return { text, label: String(rand(3)), candidate: rand(3) === 0 || i % 7 === 0 };
  });
}

const chromium = requireChromium();

describe.skipIf(chromium.skip)(`rule v2 across runtimes${chromium.note}`, () => {
  it('gives Node and Chromium the same features, near-copies, lists and values', async () => {
    const beacon = `0x${'5a'.repeat(32)}` as Hex;
    const params = { ...defaultRuleV2Params, validationRows: 60 };
    const rows = fixture();
    const node = valueRowsDigest(rows, beacon, params);
    const browser = await valueRowsInChromium(rows, beacon, params, chromium.value as string);
    expect(browser.browser).toMatch(/^\d+\./);
    expect(browser.digest).toBe(node);
    // The digest moves with any value: another beacon draws other folds and validation rows.
    expect(valueRowsDigest(rows, `0x${'5b'.repeat(32)}` as Hex, params)).not.toBe(node);
  }, 120_000);
});
