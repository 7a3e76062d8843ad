import { useEffect, useState } from 'react';
import { formatError } from '../../lib/describe-error.ts';
import { formatUnixTime } from '../../lib/format.ts';
import type { GovernanceApi } from '../../lib/governance-api.ts';
import type { PlazaChain } from '../wallet/plaza-chain.ts';

/** Props of {@link DownloadPanel}. */
export interface DownloadPanelProps {
  api: Pick<GovernanceApi, 'coordinatorInfo' | 'requestDownload' | 'url'>;
  chain: Pick<PlazaChain, 'account' | 'licenseExpiry' | 'signDownloadRequest'> | null;
  campaignId: string;
  version: number;
  datasetId: bigint;
  /** The chain's time (unix seconds). */
  now: number;
  /** Changes when the chain should be read again (a transaction, new events). */
  refreshKey: string | number;
}

type Links = { expiresAt: string; files: { name: string; url: string }[] };

/**
 * A licensee's downloads: the license's expiry from the chain, then a signed request (EIP-712
 * `DownloadRequest`, no gas) for short-lived links to the version's files.
 */
export function DownloadPanel(props: DownloadPanelProps) {
  const { api, chain, campaignId, version, datasetId, now, refreshKey } = props;
  const [expiry, setExpiry] = useState<number | null>(null);
  const [links, setLinks] = useState<Links | null>(null);
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

  if (!chain)
    return <p>Buyers connect their wallet here to download once their license is approved.</p>;
  if (expiry === null) {
    return message ? (
      <p className="error" role="alert">
        {message}
      </p>
    ) : (
      <p className="loading" role="status">
        Reading your license…
      </p>
    );
  }
  if (expiry === 0) {
    return <p>Your account holds no license to this version. Propose one below.</p>;
  }
  if (expiry <= now) {
    return (
      <p>
        Your license to this version expired on {formatUnixTime(expiry)}. Propose a new one below.
      </p>
    );
  }

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

  return (
    <div data-testid="downloads">
      <p>
        Your license runs until {formatUnixTime(expiry)}. Your wallet signs a download request (no
        transaction, no gas); the coordinator checks the license on chain and answers with links
        that work for a few minutes.
      </p>
      <button type="button" className="primary" onClick={() => void request()} disabled={busy}>
        {busy ? 'Waiting for your wallet…' : 'Get download links'}
      </button>
      {message ? (
        <p className="error" role="alert">
          {message}
        </p>
      ) : null}
      {links ? (
        <>
          <ul className="download-links">
            {links.files.map((file) => (
              <li key={file.name}>
                <a href={api.url(file.url)} download>
                  {file.name}
                </a>
              </li>
            ))}
          </ul>
          <p className="hint">
            These links work until {links.expiresAt.replace('T', ' ').slice(0, 16)} UTC.
          </p>
        </>
      ) : null}
    </div>
  );
}
