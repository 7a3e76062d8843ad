import '../ui/styles.css';
import type { DatasetVersion } from '@plaza/protocol';
import { AuditReportView } from '../ui/audit-report.tsx';
import { type ReceiptAudit, useReceiptAudit } from '../ui/use-receipt-audit.ts';

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
  const audit = useReceiptAudit();
  const { coordinatorUrl, versions, version, report, error } = audit;
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
      <AuditPicker audit={audit} />
      {selected ? <VersionRoots selected={selected} /> : null}
      {error ? (
        <p className="status" data-testid="audit-error">
          {error}
        </p>
      ) : null}
      {report ? <AuditReportView report={report} /> : null}
    </main>
  );
}

/** The campaign and version pickers and the button that runs the audit. */
function AuditPicker({ audit }: { audit: ReceiptAudit }) {
  const { campaigns, campaignId, setCampaignId, versions, version, setVersion, held, busy, run } =
    audit;
  return (
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
  );
}

/** The version's rows root and where it was published. */
function VersionRoots({ selected }: { selected: DatasetVersion }) {
  return (
    <p className="muted mono" data-testid="audit-roots">
      rows root {selected.rowsRoot}
      {selected.publication
        ? ` · published on chain ${selected.publication.chainId} (manifest ${selected.publication.manifestHash.slice(0, 10)}…)`
        : ' · not published on chain'}
    </p>
  );
}
