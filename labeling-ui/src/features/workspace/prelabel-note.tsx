import type { Prelabel, PrelabelSource } from '@plaza/protocol';
import { formatPercent } from '../../lib/format.ts';
import { describeValue } from '../../lib/label-value.ts';

/**
 * Where a pre-label came from, in words: `model 3f2a9c1d (webgpu)` or `import: spacy-ner`. A
 * campaign model's version is its content hash (`0x` + 64 hex digits), shown by its first 8.
 */
export function describePrelabelSource(source: PrelabelSource): string {
  if (source.kind === 'import') return `import: ${source.model}`;
  const model = /^0x[0-9a-f]{64}$/i.test(source.model)
    ? source.model.slice(2, 10)
    : source.model.length > 12
      ? source.model.slice(0, 12)
      : source.model;
  return source.backend ? `model ${model} (${source.backend})` : `model ${model}`;
}

/** Props of {@link PrelabelNote}. */
export interface PrelabelNoteProps {
  prelabel: Prelabel | null;
  blind: boolean;
  classes: readonly string[];
  text: string;
}

/**
 * The pre-label of the item on screen, with its confidence and source; for a blind item, a note
 * that the labeler answers first.
 */
export function PrelabelNote({ prelabel, blind, classes, text }: PrelabelNoteProps) {
  if (blind) {
    return (
      <p className="prelabel prelabel-blind">
        <strong>Your answer first.</strong> This item's pre-label is shown after you answer.
      </p>
    );
  }
  if (!prelabel) return <p className="prelabel prelabel-none">No pre-label for this item.</p>;
  return (
    <p className="prelabel">
      <span className="prelabel-label">Pre-label:</span>{' '}
      <strong>{describeValue(prelabel.value, classes, text)}</strong>{' '}
      <span className="prelabel-meta">
        · {formatPercent(prelabel.confidence, 0)} confidence ·{' '}
        {describePrelabelSource(prelabel.source)}
      </span>
      <span className="prelabel-hint"> Press Enter with nothing picked to accept it.</span>
    </p>
  );
}
