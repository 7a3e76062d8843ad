import '../ui/styles.css';
import { createCoordinatorClient, type DatasetVersion } from '@plaza/protocol';
import { useEffect, useState } from 'react';
import {
  type AuditReport,
  auditReceipts,
  auditViewStatuses,
  type TrustedCoordinator,
} from '../lib/audit-receipts.ts';
import { readRegistration } from '../lib/coordinator-session.ts';
import { idbRequest, idbTransaction, stores } from '../lib/db/idb.ts';
import type { ReceiptRecord } from '../lib/receipts-store.ts';
import { loadSettings } from '../lib/settings.ts';
import { pageDb, store } from '../ui/use-extension-state.ts';

const readReceipts = async (): Promise<ReceiptRecord[]> =>
  idbTransaction(await pageDb(), stores.receipts, 'readonly', (tx) =>
    idbRequest(tx.objectStore(stores.receipts).getAll()),
  ) as Promise<ReceiptRecord[]>;

const download = (name: string, json: string) => {
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};

/**
 * The receipt audit: pick a campaign this device contributed to and one of its published
 * versions; every receipt held for it is checked (coordinator signature, where the coordinator
 * says it stands, and for included rows the Merkle proof against the manifest's rows root).
 */
export default function Audit() {
  const [coordinatorUrl, setCoordinatorUrl] = useState('');
  const [records, setRecords] = useState<ReceiptRecord[]>([]);
  const [campaignId, setCampaignId] = useState('');
  const [versions, setVersions] = useState<DatasetVersion[] | null>(null);
  const [version, setVersion] = useState(0);
  const [report, setReport] = useState<AuditReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void (async () => {
      const settings = await loadSettings(store);
      const all = await readReceipts();
      setCoordinatorUrl(settings.coordinatorUrl);
      setRecords(all);
      const campaigns = [
        ...new Set(
          all.filter((r) => r.coordinatorUrl === settings.coordinatorUrl).map((r) => r.campaignId),
        ),
      ];
      if (campaigns.length > 0) setCampaignId(campaigns.sort()[0] as string);
    })().catch((e: unknown) => setError(String(e)));
  }, []);

  const client = coordinatorUrl ? createCoordinatorClient({ baseUrl: coordinatorUrl }) : null;
  const campaigns = [
    ...new Set(records.filter((r) => r.coordinatorUrl === coordinatorUrl).map((r) => r.campaignId)),
  ].sort();
  const held = records.filter(
    (r) => r.coordinatorUrl === coordinatorUrl && r.campaignId === campaignId,
  ).length;

  useEffect(() => {
    if (!campaignId || !coordinatorUrl) return;
    setVersions(null);
    setReport(null);
    void createCoordinatorClient({ baseUrl: coordinatorUrl })
      .listDatasetVersions(campaignId)
      .then(({ versions: list }) => {
        setVersions(list);
        setVersion(list[0]?.version ?? 0);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [campaignId, coordinatorUrl]);

  const run = async () => {
    if (!client || !version) return;
    setBusy(true);
    setError(null);
    try {
      const registration = await readRegistration(store, coordinatorUrl);
      const trusted: TrustedCoordinator = registration
        ? { coordinator: registration.coordinator, chainId: registration.chainId }
        : await client
            .info()
            .then((info) => ({ coordinator: info.address, chainId: info.chainId }));
      setReport(
        await auditReceipts({
          client,
          records: await readReceipts(),
          trusted,
          coordinatorUrl,
          campaignId,
          version,
        }),
      );
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const selected = versions?.find((v) => v.version === version);
  return (
    <main>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1>Plaza receipt audit</h1>
        {report ? (
          <button
            type="button"
            data-testid="audit-export"
            onClick={() =>
              download(
                `plaza-audit-${report.campaignId}-v${report.version}.json`,
                `${JSON.stringify(report, null, 2)}\n`,
              )
            }
          >
            Export JSON
          </button>
        ) : null}
      </div>
      <p className="muted">
        Checks every receipt this browser holds for a campaign against a frozen version of its
        dataset: the coordinator's signature on the receipt, where the coordinator says the page
        stands, and for rows in the version the Merkle proof against the manifest's rows root,
        recomputed here. Coordinator: <span className="mono">{coordinatorUrl || '…'}</span>
      </p>
      <div className="row">
        <label>
          Campaign{' '}
          <select
            data-testid="audit-campaign"
            value={campaignId}
            onChange={(e) => setCampaignId(e.target.value)}
          >
            {campaigns.length === 0 ? <option value="">no receipts yet</option> : null}
            {campaigns.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          Version{' '}
          <select
            data-testid="audit-version"
            value={version}
            onChange={(e) => setVersion(Number(e.target.value))}
          >
            {versions && versions.length === 0 ? <option value={0}>none frozen yet</option> : null}
            {(versions ?? []).map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version} · {v.rows} rows · {v.createdAt.slice(0, 10)}
                {v.publication ? ' · on chain' : ''}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          data-testid="audit-run"
          disabled={busy || !version || held === 0}
          onClick={() => void run()}
        >
          {busy ? 'Checking…' : `Check ${held} receipts`}
        </button>
      </div>
      {selected ? (
        <p className="muted mono" data-testid="audit-roots">
          rows root {selected.rowsRoot}
          {selected.publication
            ? ` · published on chain ${selected.publication.chainId} (manifest ${selected.publication.manifestHash.slice(0, 10)}…)`
            : ' · not published on chain'}
        </p>
      ) : null}
      {error ? (
        <p className="status" data-testid="audit-error">
          {error}
        </p>
      ) : null}
      {report ? (
        <>
          {report.answerRowsRoot !== report.rowsRoot ? (
            <p className="status" data-testid="audit-root-mismatch">
              The coordinator's answer names rows root {report.answerRowsRoot}, the manifest{' '}
              {report.rowsRoot}: proofs are checked against the manifest.
            </p>
          ) : null}
          <div className="stats">
            {auditViewStatuses
              .filter((s) => report.counts[s] > 0)
              .map((s) => (
                <div className="stat" key={s}>
                  <b data-testid={`audit-count-${s}`}>{report.counts[s]}</b>
                  {s.replace(/_/g, ' ')}
                </div>
              ))}
          </div>
          <table className="fetches">
            <thead>
              <tr>
                <th>URL</th>
                <th>receipt</th>
                <th>status</th>
                <th>why</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((row) => (
                <tr
                  key={row.jobId}
                  data-testid="audit-row"
                  data-status={row.status}
                  data-job-id={row.jobId}
                  data-contribution-id={row.contributionId ?? ''}
                >
                  <td className="url" title={row.url}>
                    {row.url}
                  </td>
                  <td>
                    {row.outcome}
                    {row.signatureValid ? ' ✓' : ' ✗'}
                  </td>
                  <td>
                    <b>{row.status.replace(/_/g, ' ')}</b>
                  </td>
                  <td>{row.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </main>
  );
}
