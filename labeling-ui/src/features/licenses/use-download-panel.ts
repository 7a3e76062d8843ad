import { useEffect, useState } from 'react';
import { formatError } from '../../lib/describe-error.ts';
import type { DownloadPanelProps } from './download-panel.tsx';

/** The links a licensee got, and until when they work. */
export type DownloadLinks = { expiresAt: string; files: { name: string; url: string }[] };

/**
 * A licensee's downloads: the license's expiry read from the chain (again when `refreshKey`
 * changes), and `request()`, which signs a download request and asks for the links.
 */
export function useDownloadPanel(props: DownloadPanelProps) {
  const { api, chain, campaignId, version, datasetId, refreshKey } = props;
  const [expiry, setExpiry] = useState<number | null>(null);
  const [links, setLinks] = useState<DownloadLinks | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `refreshKey` asks for a fresh read.
  useEffect(() => {
    if (!chain) return;
    let alive = true;
    chain.licenseExpiry(chain.account, datasetId, version).then(
      (seconds) => {
        if (alive) setExpiry(seconds);
      },
      (failure: unknown) => {
        if (alive) setMessage(`Could not read your license: ${formatError(failure)}`);
      },
    );
    return () => {
      alive = false;
    };
  }, [chain, datasetId, version, refreshKey]);

  async function request(): Promise<void> {
    if (!chain) return;
    setBusy(true);
    setMessage(null);
    try {
      const info = await api.coordinatorInfo();
      const issuedAt = Math.floor(Date.now() / 1000);
      const signature = await chain.signDownloadRequest({
        coordinator: info.address,
        chainId: info.chainId,
        datasetId,
        version,
        issuedAt,
      });
      setLinks(
        await api.requestDownload(campaignId, version, {
          buyer: chain.account,
          issuedAt,
          signature,
        }),
      );
    } catch (failure) {
      setMessage(`Could not get the download links: ${formatError(failure)}`);
    } finally {
      setBusy(false);
    }
  }

  return { expiry, links, message, busy, request };
}
