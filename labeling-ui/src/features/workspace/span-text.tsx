import type { Span } from '@plaza/protocol';
import { type ReactNode, type RefObject, useId, useImperativeHandle, useRef } from 'react';
import { className } from '../../lib/label-value.ts';
import { textareaOffsetToOriginal } from '../../lib/text-offsets.ts';
import type { TextSelectionSource } from './use-workspace.ts';

/** Props of {@link SpanText}. */
export interface SpanTextProps {
  text: string;
  spans: readonly Span[];
  classes: readonly string[];
  /** Receives the selection reader the workspace uses when a class key is pressed. */
  sourceRef: RefObject<TextSelectionSource | null>;
  onRemove: (index: number) => void;
}

/**
 * The item text for span labelling: a read-only text area (select with the mouse or Shift+arrows,
 * then press a class key), the text with its spans marked, and the list of spans.
 */
export function SpanText({ text, spans, classes, sourceRef, onRemove }: SpanTextProps) {
  const areaId = useId();
  const hintId = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  useImperativeHandle(
    sourceRef,
    () => ({
      getSelection() {
        const element = area.current;
        if (!element || element.selectionEnd <= element.selectionStart) return null;
        return {
          start: textareaOffsetToOriginal(text, element.selectionStart),
          end: textareaOffsetToOriginal(text, element.selectionEnd),
        };
      },
      clearSelection() {
        const element = area.current;
        if (element) element.setSelectionRange(element.selectionEnd, element.selectionEnd);
      },
    }),
    [text],
  );
  return (
    <div className="span-text">
      <label htmlFor={areaId}>Item text</label>
      <p id={hintId} className="hint">
        Select a passage with the mouse, or with Shift and the arrow keys, then press its class key.
      </p>
      <textarea
        id={areaId}
        ref={area}
        className="item-text-area"
        readOnly
        data-shortcuts="on"
        aria-describedby={hintId}
        value={text}
        rows={10}
      />
      <div className="span-preview" aria-hidden="true">
        {highlight(text, spans, classes)}
      </div>
      <h3 className="span-list-title">Spans ({spans.length})</h3>
      {spans.length === 0 ? (
        <p className="muted">No spans yet. Enter with none submits “no spans”.</p>
      ) : (
        <ul className="span-list">
          {spans.map((span, index) => (
            <li key={`${span.start}-${span.end}`}>
              <span className={`span-chip span-class-${span.class % 8}`}>
                {className(classes, span.class)}
              </span>{' '}
              “{text.slice(span.start, span.end)}”{' '}
              <span className="muted">
                ({span.start}–{span.end})
              </span>{' '}
              <button type="button" className="link-button" onClick={() => onRemove(index)}>
                Remove
                <span className="visually-hidden"> span “{text.slice(span.start, span.end)}”</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The text with spans wrapped in `<mark>`; overlapping spans are drawn from their first start. */
function highlight(text: string, spans: readonly Span[], classes: readonly string[]) {
  const parts: ReactNode[] = [];
  let cursor = 0;
  for (const span of spans) {
    if (span.start < cursor) continue;
    if (span.start > cursor) parts.push(text.slice(cursor, span.start));
    parts.push(
      <mark
        key={`${span.start}-${span.end}`}
        className={`span-class-${span.class % 8}`}
        title={className(classes, span.class)}
      >
        {text.slice(span.start, span.end)}
      </mark>,
    );
    cursor = span.end;
  }
  parts.push(text.slice(cursor));
  return parts;
}
