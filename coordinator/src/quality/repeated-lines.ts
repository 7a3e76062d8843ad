import { fmix32 } from '../dedup/hash32.ts';
import { createKeySet } from './key-set.ts';
import type { LineInfo } from './text-analysis.ts';

/** The second lane's multiplier of a line's (and a paragraph's) 64-bit hash. */
export const LINE_HASH_MULTIPLIER_B = 0x5bd1e995;

const lineKeys = createKeySet();

/**
 * Lines equal to an earlier line, by their 64-bit hashes (two lanes, `hashesA`/`hashesB`, one
 * entry per line), and the trimmed characters of those lines.
 */
export function countRepeatedLines(
  lines: readonly LineInfo[],
  hashesA: readonly number[],
  hashesB: readonly number[],
): { duplicateLines: number; duplicateLineChars: number } {
  let duplicateLines = 0;
  let duplicateLineChars = 0;
  lineKeys.reset(lines.length);
  for (let l = 0; l < lines.length; l++) {
    if (lineKeys.seen(hashesA[l]!, hashesB[l]!)) {
      duplicateLines++;
      duplicateLineChars += lines[l]!.text.length;
    }
  }
  return { duplicateLines, duplicateLineChars };
}

/**
 * Paragraphs (runs of lines with the same number in `paragraphOf`) and those equal to an earlier
 * paragraph, by a 64-bit hash over their lines' hashes, with their characters (lines trimmed,
 * joined by newlines).
 */
export function countRepeatedParagraphs(
  lines: readonly LineInfo[],
  hashesA: readonly number[],
  hashesB: readonly number[],
  paragraphOf: readonly number[],
): { paragraphs: number; duplicateParagraphs: number; duplicateParagraphChars: number } {
  let paragraphs = 0;
  let duplicateParagraphs = 0;
  let duplicateParagraphChars = 0;
  lineKeys.reset((paragraphOf.at(-1) ?? 0) + 1);
  for (let l = 0; l < lines.length; ) {
    const current = paragraphOf[l]!;
    let hashA = 0;
    let hashB = 0;
    let chars = -1;
    for (; l < lines.length && paragraphOf[l] === current; l++) {
      hashA = (Math.imul(hashA, 0x9e3779b1 | 0) + hashesA[l]!) | 0;
      hashB = (Math.imul(hashB, LINE_HASH_MULTIPLIER_B) + hashesB[l]!) | 0;
      chars += lines[l]!.text.length + 1;
    }
    paragraphs++;
    if (lineKeys.seen(fmix32(hashA), hashB)) {
      duplicateParagraphs++;
      duplicateParagraphChars += chars;
    }
  }
  return { paragraphs, duplicateParagraphs, duplicateParagraphChars };
}
