// The shape of a measured document, shared by the analysis and every quality rule.

/** One non-blank line of a document, measured in the shared pass. */
export interface LineInfo {
  /** The line without leading and trailing whitespace. */
  text: string;
  /** Whitespace-separated tokens. */
  words: number;
  /** Sentences by terminal punctuation followed by a space (a trailing fragment counts as one). */
  sentences: number;
  /** Starts with a bullet (`•`, `‣`, `◦`, `▪`, `●`, `○`, `■`, `-`, `*`, `–`, `—`, `·`). */
  startsWithBullet: boolean;
  /** Ends with `...` or `…`. */
  endsWithEllipsis: boolean;
  /** Ends with terminal punctuation, optionally followed by one closing quote or bracket. */
  endsWithTerminal: boolean;
  /** Holds a token longer than C4's 1,000-character limit. */
  hasLongWord: boolean;
}

/**
 * What every quality rule needs from a document, computed in one pass over its characters.
 * Words are whitespace-separated tokens (datatrove tokenizes with NLTK per language; a single
 * language-free pass is what the ingest budget allows), so punctuation stays attached to words
 * and each rule says which length it uses.
 */
export interface TextAnalysis {
  /** The document as given. */
  text: string;
  /** Whitespace-separated tokens. */
  wordCount: number;
  /** Tokens with at least one character that is not punctuation or a symbol. */
  nonSymbolWords: number;
  /** Characters of the non-symbol tokens without leading and trailing punctuation. */
  nonSymbolWordChars: number;
  /** Tokens with at least one letter. */
  alphaWords: number;
  /** Tokens that are (case-insensitively, punctuation trimmed) a Gopher stop word. */
  stopWords: number;
  /** Occurrences of `#`. */
  hashCount: number;
  /** Occurrences of `...` (non-overlapping) and `…`. */
  ellipsisCount: number;
  /** Occurrences of `\n`. */
  newlines: number;
  /** FNV-1a + fmix32 hash of each token, for n-gram repetition (length `wordCount`). */
  wordHashes: Int32Array;
  /** Length of each token in UTF-16 units (length `wordCount`). */
  wordLengths: Int32Array;
  /** The non-blank lines, in order. */
  lines: LineInfo[];
  /** Lines equal to an earlier line (compared trimmed, inner whitespace runs as one space). */
  duplicateLines: number;
  /** Characters (trimmed) of those lines. */
  duplicateLineChars: number;
  /** Paragraphs: runs of non-blank lines between blank lines. */
  paragraphs: number;
  /** Paragraphs equal to an earlier paragraph. */
  duplicateParagraphs: number;
  /** Characters of those paragraphs (their lines trimmed, joined by newlines). */
  duplicateParagraphChars: number;
}
