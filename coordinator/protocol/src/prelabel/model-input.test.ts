import { describe, expect, it } from 'vitest';
import { modelInput } from './model-input.ts';

describe('modelInput', () => {
  it('joins title and text and cuts to maxChars', () => {
    expect(modelInput({ title: ' Rates ', text: 'rise again' }, 100)).toBe('Rates\nrise again');
    expect(modelInput({ title: '', text: 'rise again' }, 4)).toBe('rise');
  });

  it('never splits a surrogate pair', () => {
    const input = modelInput({ title: '', text: 'ab😀c' }, 3);
    expect(input).toBe('ab');
  });
});
