/**
 * Maps an offset in the text as a `<textarea>` holds it back to the original text. A textarea reads
 * CRLF and lone CR as one LF, so after such a line break its offsets fall short of the original's.
 */
export function textareaOffsetToOriginal(text: string, offset: number): number {
  if (!text.includes('\r')) return offset;
  let normalized = 0;
  for (let index = 0; index < text.length; index++) {
    if (normalized >= offset) return index;
    if (text[index] === '\r' && text[index + 1] === '\n') index++;
    normalized++;
  }
  return text.length;
}
