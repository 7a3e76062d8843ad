import {
  type CoordinatorClient,
  CoordinatorError,
  type ImportLineError,
  importErrorDetailsSchema,
} from '@plaza/protocol';
import { type FormEvent, useId, useState } from 'react';
import { formatError } from '../../lib/describe-error.ts';
import { formatCount } from '../../lib/format.ts';

/** The client methods the import panel uses. */
export type ImportClient = Pick<CoordinatorClient, 'importItems' | 'importGold'>;

/** Props of {@link ImportPanel}. */
export interface ImportPanelProps {
  client: ImportClient;
  campaignId: string;
  /** The signed-in account, proposed as the items' supplier. */
  defaultSupplier?: string;
}

type Outcome =
  | { kind: 'busy'; message: string }
  | { kind: 'done'; message: string }
  | { kind: 'failed'; message: string; errors: readonly ImportLineError[]; more: number };

/** The format a file's name implies, else JSONL. */
export function formatOfFile(name: string): 'jsonl' | 'csv' {
  return /\.csv$/i.test(name) ? 'csv' : 'jsonl';
}

/**
 * Imports items to label or gold answers from a JSONL or CSV file the operator picks. All or
 * nothing: a file with problems is refused and each problem is listed with its line and code.
 */
export function ImportPanel({ client, campaignId, defaultSupplier = '' }: ImportPanelProps) {
  const [kind, setKind] = useState<'items' | 'gold'>('items');
  const [file, setFile] = useState<File | null>(null);
  const [supplier, setSupplier] = useState(defaultSupplier);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const ids = { title: useId(), file: useId(), kind: useId(), supplier: useId() };

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (!file) return;
    const format = formatOfFile(file.name);
    setOutcome({ kind: 'busy', message: `Reading ${file.name}…` });
    const text = await file.text();
    const lines = text.split('\n').length;
    setOutcome({
      kind: 'busy',
      message: `Checking and importing ${formatCount(lines)} lines of ${file.name}…`,
    });
    try {
      const result =
        kind === 'items'
          ? await client.importItems(campaignId, { format, text, supplier })
          : await client.importGold(campaignId, { format, text });
      setOutcome({
        kind: 'done',
        message:
          kind === 'items'
            ? `Imported ${formatCount(result.count)} items from ${file.name} (${formatCount(result.tasks)} new labeling tasks).`
            : `Set ${formatCount(result.count)} gold answers from ${file.name}.`,
      });
    } catch (failure) {
      setOutcome(failedOutcome(failure, file.name));
    }
  }

  return (
    <section className="panel" aria-labelledby={ids.title}>
      <h2 id={ids.title}>Import from a file</h2>
      <form className="import-form" onSubmit={(event) => void submit(event)}>
        <label htmlFor={ids.kind}>What the file holds</label>
        <select
          id={ids.kind}
          value={kind}
          onChange={(event) => setKind(event.target.value === 'gold' ? 'gold' : 'items')}
        >
          <option value="items">Items to label</option>
          <option value="gold">Gold answers</option>
        </select>
        <p className="hint">
          {kind === 'items'
            ? 'JSONL or CSV: text (required), id, title, url, quality (0–1), language.'
            : 'JSONL or CSV: itemId or id, and label (a class name; several joined by |), labels, spans or value.'}
        </p>
        <label htmlFor={ids.file}>File (.jsonl or .csv)</label>
        <input
          id={ids.file}
          type="file"
          accept=".jsonl,.ndjson,.csv,application/x-ndjson,text/csv"
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
        {kind === 'items' ? (
          <>
            <label htmlFor={ids.supplier}>Supplier address</label>
            <input
              id={ids.supplier}
              value={supplier}
              spellCheck={false}
              placeholder="0x…"
              onChange={(event) => setSupplier(event.target.value.trim())}
            />
            <p className="hint">Credited with the items: their fetch part of the attribution.</p>
          </>
        ) : null}
        <button type="submit" disabled={!file || outcome?.kind === 'busy'}>
          Import
        </button>
      </form>
      <p className="notice" role="status" aria-live="polite">
        {outcome?.kind === 'failed' ? null : outcome?.message}
      </p>
      {outcome?.kind === 'failed' ? (
        <ImportProblems message={outcome.message} errors={outcome.errors} more={outcome.more} />
      ) : null}
    </section>
  );
}

/** What a failed import shows: its problems by line when the file was refused. */
function failedOutcome(failure: unknown, name: string): Outcome {
  const details =
    failure instanceof CoordinatorError && failure.code === 'IMPORT_INVALID'
      ? importErrorDetailsSchema.safeParse(failure.details)
      : null;
  if (!details?.success) {
    return {
      kind: 'failed',
      message: `Import failed: ${formatError(failure)}`,
      errors: [],
      more: 0,
    };
  }
  const { errors, errorCount } = details.data;
  return {
    kind: 'failed',
    message: `${name} has ${formatCount(errorCount)} problem(s); nothing was imported.`,
    errors,
    more: errorCount - errors.length,
  };
}

/** A refused import: what happened, and its problems by line. */
function ImportProblems(props: {
  message: string;
  errors: readonly ImportLineError[];
  more: number;
}) {
  return (
    <div role="alert">
      <p className="error">{props.message}</p>
      {props.errors.length > 0 ? (
        <table className="data-table" data-testid="import-errors">
          <caption>Problems by line</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Code</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {props.errors.map((error) => (
              <tr key={`${error.line}-${error.code}-${error.message}`}>
                <td>{error.line}</td>
                <td>{error.code}</td>
                <td>{error.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {props.more > 0 ? <p>… and {formatCount(props.more)} more.</p> : null}
    </div>
  );
}
