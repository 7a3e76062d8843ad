import { createCoordinatorClient, type DatasetVersion } from '@plaza/protocol';
import { useEffect, useState } from 'react';
import { type AuditReport, auditReceipts, type TrustedCoordinator } from '../lib/audit-receipts.ts';
import { readRegistration } from '../lib/coordinator-session.ts';
import { idbRequest, idbTransaction, stores } from '../lib/db/idb.ts';
import type { ReceiptRecord } from '../lib/receipts-store.ts';
import { loadSettings } from '../lib/settings.ts';
import { pageDb, store } from './use-extension-state.ts';

const readReceipts = async (): Promise<ReceiptRecord[]> =>
  idbTransaction(await pageDb(), stores.receipts, 'readonly', (tx) =>
    idbRequest(tx.objectStore(stores.receipts).getAll()),
  ) as Promise<ReceiptRecord[]>;

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The receipt audit page's state: the campaign and version picked, the report, what failed. */
export interface ReceiptAudit {
  coordinatorUrl: string;
  /** Campaigns this browser holds receipts for on the current coordinator, sorted. */
  campaigns: string[];
  campaignId: string;
  setCampaignId: (id: string) => void;
  /** The campaign's frozen versions; null while loading. */
  versions: DatasetVersion[] | null;
  version: number;
  setVersion: (version: number) => void;
  /** Receipts held for the campaign. */
  held: number;
  report: AuditReport | null;
  busy: boolean;
  error: string | null;
  /** Checks every held receipt of the campaign against the version picked. */
  run: () => Promise<void>;
}

/**
 * The receipt audit's state: reads the receipts and settings, lists the campaign's versions and
 * runs `auditReceipts` against the coordinator the device registered with (or the one it names).
 */
export function useReceiptAudit(): ReceiptAudit {
  const [coordinatorUrl, setCoordinatorUrl] = useState('');
  const [records, setRecords] = useState<ReceiptRecord[]>([]);
  const [campaignId, setCampaignId] = useState('');
  const [report, setReport] = useState<AuditReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useInitialCampaign({ setCoordinatorUrl, setRecords, setCampaignId, setError });
  const { versions, version, setVersion } = useDatasetVersions(
    coordinatorUrl,
    campaignId,
    setReport,
    setError,
  );

  const campaigns = [
    ...new Set(records.filter((r) => r.coordinatorUrl === coordinatorUrl).map((r) => r.campaignId)),
  ].sort();
  const held = records.filter(
    (r) => r.coordinatorUrl === coordinatorUrl && r.campaignId === campaignId,
  ).length;

  const run = async () => {
    if (!coordinatorUrl || !version) return;
    setBusy(true);
    setError(null);
    try {
      setReport(await auditCampaign(coordinatorUrl, campaignId, version));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return {
    coordinatorUrl,
    campaigns,
    campaignId,
    setCampaignId,
    versions,
    version,
    setVersion,
    held,
    report,
    busy,
    error,
    run,
  };
}

/** On first render: the coordinator, the receipts, and the first campaign held for it. */
function useInitialCampaign(set: {
  setCoordinatorUrl: (url: string) => void;
  setRecords: (records: ReceiptRecord[]) => void;
  setCampaignId: (id: string) => void;
  setError: (error: string) => void;
}) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, on the page's first render
  useEffect(() => {
    void (async () => {
      const settings = await loadSettings(store);
      const all = await readReceipts();
      set.setCoordinatorUrl(settings.coordinatorUrl);
      set.setRecords(all);
      const campaigns = [
        ...new Set(
          all.filter((r) => r.coordinatorUrl === settings.coordinatorUrl).map((r) => r.campaignId),
        ),
      ];
      if (campaigns.length > 0) set.setCampaignId(campaigns.sort()[0] as string);
    })().catch((e: unknown) => set.setError(String(e)));
  }, []);
}

/** The campaign's frozen versions, newest picked, listed again when the campaign changes. */
function useDatasetVersions(
  coordinatorUrl: string,
  campaignId: string,
  setReport: (report: AuditReport | null) => void,
  setError: (error: string) => void,
) {
  const [versions, setVersions] = useState<DatasetVersion[] | null>(null);
  const [version, setVersion] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the setters are stable
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
      .catch((e: unknown) => setError(errorText(e)));
  }, [campaignId, coordinatorUrl]);
  return { versions, version, setVersion };
}

/** Audits the held receipts of one campaign version against the trusted coordinator. */
async function auditCampaign(
  coordinatorUrl: string,
  campaignId: string,
  version: number,
): Promise<AuditReport> {
  const client = createCoordinatorClient({ baseUrl: coordinatorUrl });
  const registration = await readRegistration(store, coordinatorUrl);
  const trusted: TrustedCoordinator = registration
    ? { coordinator: registration.coordinator, chainId: registration.chainId }
    : await client.info().then((info) => ({ coordinator: info.address, chainId: info.chainId }));
  return auditReceipts({
    client,
    records: await readReceipts(),
    trusted,
    coordinatorUrl,
    campaignId,
    version,
  });
}
