import type { LabelSchema } from '@plaza/protocol';
import { classKey } from '../lib/key-map.ts';

/** Props of {@link ClassButtons}. */
export interface ClassButtonsProps {
  schema: LabelSchema;
  /** Picked class indexes (classification and multi-label). */
  selected: readonly number[];
  /** Class indexes the pre-label picks, marked on their buttons. */
  suggested: readonly number[];
  onPick: (index: number) => void;
}

/**
 * One labelled button per class, showing its key. Clicking keeps focus where it was, so that the
 * keys keep working after a click (a focused button would take Enter for itself).
 */
export function ClassButtons({ schema, selected, suggested, onPick }: ClassButtonsProps) {
  const isSpans = schema.kind === 'spans';
  const groupLabel = isSpans
    ? 'Label the selected text as'
    : schema.kind === 'multi-label'
      ? 'Classes (pick any)'
      : 'Class (pick one)';
  return (
    <fieldset className="class-buttons">
      <legend>{groupLabel}</legend>
      {schema.classes.map((name, index) => {
        const key = classKey(index);
        const isSelected = selected.includes(index);
        return (
          <button
            // Class names are unique in a schema; the index keeps the key stable anyway.
            // biome-ignore lint/suspicious/noArrayIndexKey: the class index is the identity here.
            key={index}
            type="button"
            className={`class-button${isSelected ? ' is-selected' : ''}`}
            {...(isSpans ? {} : { 'aria-pressed': isSelected })}
            {...(key ? { 'aria-keyshortcuts': key } : {})}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onPick(index)}
          >
            {key ? <kbd>{key}</kbd> : null}
            <span className="class-name">{name}</span>
            {suggested.includes(index) ? <span className="tag">pre-label</span> : null}
          </button>
        );
      })}
    </fieldset>
  );
}
