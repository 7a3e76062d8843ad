import { describe, expect, it } from 'vitest';
import { textareaOffsetToOriginal } from './text-offsets.ts';

describe('textareaOffsetToOriginal', () => {
  it('is the identity without carriage returns', () => {
    expect(textareaOffsetToOriginal('a\nb', 2)).toBe(2);
  });

  it('counts CRLF and CR as one character, as a textarea does', () => {
    const text = 'ab\r\ncd\ref';
    // textarea value: 'ab\ncd\nef'
    expect(textareaOffsetToOriginal(text, 3)).toBe(4);
    expect(text[textareaOffsetToOriginal(text, 3)]).toBe('c');
    expect(text[textareaOffsetToOriginal(text, 6)]).toBe('e');
    expect(textareaOffsetToOriginal(text, 8)).toBe(text.length);
  });
});
