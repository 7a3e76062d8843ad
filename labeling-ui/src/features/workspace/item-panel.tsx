import type { LabelSchema, Prelabel } from '@plaza/protocol';
import { type RefObject, useId } from 'react';
import { ClassButtons } from '../../components/class-buttons.tsx';
import { type Selection, valueClasses } from '../../lib/label-value.ts';
import { PrelabelNote } from './prelabel-note.tsx';
import { SpanText } from './span-text.tsx';
import type { TextSelectionSource } from './use-workspace.ts';

/** The item on screen. */
export interface PanelItem {
  itemId: number;
  title: string;
  text: string;
  url: string;
}

/** Props of {@link ItemPanel}. */
export interface ItemPanelProps {
  item: PanelItem;
  schema: LabelSchema;
  selection: Selection;
  /** The pre-label on screen (null for blind items and items without one). */
  prelabel: Prelabel | null;
  blind: boolean;
  /** Set when the labeler went back to edit one of their labels. */
  editing: { revision: number } | null;
  spanSource: RefObject<TextSelectionSource | null>;
  onPick: (index: number) => void;
  onAccept: () => void;
  onBack: () => void;
  onSkip: () => void;
  onEscape: () => void;
  onHelp: () => void;
  onRemoveSpan: (index: number) => void;
}

/** One item to label: its text, its pre-label, a button per class and the command buttons. */
export function ItemPanel(props: ItemPanelProps) {
  const { item, schema, selection, prelabel, blind, editing } = props;
  const titleId = useId();
  const suggested = prelabel && schema.kind !== 'spans' ? valueClasses(prelabel.value) : [];
  const isSafeUrl = /^https?:\/\//i.test(item.url);
  return (
    <article
      className={`item-panel${editing ? ' is-editing' : ''}`}
      data-testid="item"
      data-item-id={item.itemId}
      aria-labelledby={titleId}
    >
      {editing ? (
        <p className="editing-banner" role="status">
          Editing your earlier label (revision {editing.revision}). Enter saves it, Esc returns to
          the current item. The edit is kept for the record, but your first answer is the one that
          counts for accuracy and pay.
        </p>
      ) : null}
      <header className="item-header">
        <h2 id={titleId}>{item.title || 'Untitled item'}</h2>
        {isSafeUrl ? (
          <a className="item-source" href={item.url} target="_blank" rel="noreferrer noopener">
            Source<span className="visually-hidden"> of this item (opens a new tab)</span>
          </a>
        ) : null}
      </header>
      {editing ? null : (
        <PrelabelNote prelabel={prelabel} blind={blind} classes={schema.classes} text={item.text} />
      )}
      {schema.kind === 'spans' ? (
        <SpanText
          text={item.text}
          spans={selection.spans}
          classes={schema.classes}
          sourceRef={props.spanSource}
          onRemove={props.onRemoveSpan}
        />
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: focusable so long texts scroll by keyboard.
        <section className="item-text" tabIndex={0} aria-label="Item text">
          {item.text}
        </section>
      )}
      <ClassButtons
        schema={schema}
        selected={selection.classes}
        suggested={suggested}
        onPick={props.onPick}
      />
      <div className="item-actions">
        <button
          type="button"
          className="primary"
          aria-keyshortcuts="Enter"
          onClick={props.onAccept}
        >
          {editing ? 'Save' : 'Accept'} <kbd>Enter</kbd>
        </button>
        <button type="button" aria-keyshortcuts="Backspace" onClick={props.onBack}>
          Back <kbd>Backspace</kbd>
        </button>
        {editing ? (
          <button type="button" aria-keyshortcuts="Escape" onClick={props.onEscape}>
            Return to current item <kbd>Esc</kbd>
          </button>
        ) : (
          <button type="button" aria-keyshortcuts="S" onClick={props.onSkip}>
            Skip <kbd>S</kbd>
          </button>
        )}
        <button type="button" aria-keyshortcuts="?" onClick={props.onHelp}>
          Keys <kbd>?</kbd>
        </button>
      </div>
    </article>
  );
}
