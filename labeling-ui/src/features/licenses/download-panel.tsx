import { formatUnixTime } from '../../lib/format.ts';
import type { GovernanceApi } from '../../lib/governance-api.ts';
import type { PlazaChain } from '../wallet/plaza-chain.ts';
import { type DownloadLinks, useDownloadPanel } from './use-download-panel.ts';

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

/**
 * A licensee's downloads: the license's expiry from the chain, then a signed request (EIP-712
 * `DownloadRequest`, no gas) for short-lived links to the version's files.
 */
export function DownloadPanel(props: DownloadPanelProps) {
  const { api, chain, now } = props;
  const { expiry, links, message, busy, request } = useDownloadPanel(props);

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
      {links ? <DownloadLinkList links={links} url={api.url} /> : null}
    </div>
  );
}

/** The short-lived links to the version's files. */
function DownloadLinkList({ links, url }: { links: DownloadLinks; url: (path: string) => string }) {
  return (
    <>
      <ul className="download-links">
        {links.files.map((file) => (
          <li key={file.name}>
            <a href={url(file.url)} download>
              {file.name}
            </a>
          </li>
        ))}
      </ul>
      <p className="hint">
        These links work until {links.expiresAt.replace('T', ' ').slice(0, 16)} UTC.
      </p>
    </>
  );
}
