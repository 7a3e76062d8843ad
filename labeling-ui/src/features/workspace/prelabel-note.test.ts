import { describe, expect, it } from 'vitest';
import { describePrelabelSource } from './prelabel-note.tsx';

describe('describePrelabelSource', () => {
  it("shows a campaign model's version by its short content hash and the backend that ran it", () => {
    const model = `0x3f2a9c1d${'0'.repeat(56)}`;
    expect(describePrelabelSource({ kind: 'model', model, backend: 'webgpu' })).toBe(
      'model 3f2a9c1d (webgpu)',
    );
    expect(describePrelabelSource({ kind: 'model', model })).toBe('model 3f2a9c1d');
  });

  it('names imports and keeps other model names short', () => {
    expect(describePrelabelSource({ kind: 'import', model: 'spacy-ner' })).toBe(
      'import: spacy-ner',
    );
    expect(describePrelabelSource({ kind: 'model', model: 'a-very-long-model-name' })).toBe(
      'model a-very-long-',
    );
  });
});
