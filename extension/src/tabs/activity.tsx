import '../ui/styles.css';
import { useCallback, useEffect, useState } from 'react';
import { type ActivityEntry, createActivityLog } from '../lib/activity-log.ts';
import { FetchTable } from '../ui/fetch-table.tsx';
import { pageDb } from '../ui/use-extension-state.ts';

const PAGE = 500;

/** Every fetch the extension made (the last 10,000 kept), newest first, with a JSON export. */
export default function Activity() {
  const [entries, setEntries] = useState<ActivityEntry[]>([]);
  const [total, setTotal] = useState(0);
  const [more, setMore] = useState(true);

  const load = useCallback(async (before?: number) => {
    const log = createActivityLog(await pageDb());
    const page = await log.list({ limit: PAGE, ...(before === undefined ? {} : { before }) });
    setTotal(await log.count());
    setMore(page.length === PAGE);
    setEntries((current) => (before === undefined ? page : [...current, ...page]));
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const exportJson = async () => {
    const json = await createActivityLog(await pageDb()).exportJson();
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `plaza-activity-${new Date().toISOString().slice(0, 19)}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <main>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1>Plaza activity</h1>
        <div className="row">
          <a href="./audit.html" data-testid="open-audit">
            Audit receipts
          </a>
          <button type="button" className="secondary" onClick={() => void load()}>
            Refresh
          </button>
          <button type="button" data-testid="export" onClick={() => void exportJson()}>
            Export JSON
          </button>
        </div>
      </div>
      <p className="muted">
        Every request this browser made for Plaza: pages, and robots.txt checks (🤖). Refused URLs
        were never requested. <span data-testid="activity-total">{total}</span> entries kept.
      </p>
      <FetchTable entries={entries} />
      {more && entries.length > 0 ? (
        <button type="button" className="secondary" onClick={() => void load(entries.at(-1)?.seq)}>
          Older
        </button>
      ) : null}
    </main>
  );
}
