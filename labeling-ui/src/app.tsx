import { useEffect, useMemo, useRef, useState } from 'react';
import { SessionProvider, useSession } from './features/auth/session-provider.tsx';
import { AccountStatus } from './features/wallet/account-status.tsx';
import { WalletChoiceProvider } from './features/wallet/wallet-choice.tsx';
import { WalletPicker } from './features/wallet/wallet-picker.tsx';
import { useWallet, WalletProvider } from './features/wallet/wallet-provider.tsx';
import { createGovernanceApi } from './lib/governance-api.ts';
import { parseRoute, type Route, routeHref } from './lib/route.ts';
import { AdminCampaignRoute } from './routes/admin-campaign-route.tsx';
import { AdminRoute } from './routes/admin-route.tsx';
import { DatasetVersionRoute } from './routes/dataset-version-route.tsx';
import { DatasetsRoute } from './routes/datasets-route.tsx';
import { LabelRoute } from './routes/label-route.tsx';
import { LinkRoute } from './routes/link-route.tsx';
import { MeRoute } from './routes/me-route.tsx';
import { ReviewRoute } from './routes/review-route.tsx';

/** Props of {@link App}. */
export interface AppProps {
  /** The coordinator's origin: the app is served by it, so `window.location.origin`. */
  baseUrl: string;
}

/** The Plaza web app: session, wallet, navigation and the page of the current hash. */
export function App({ baseUrl }: AppProps) {
  const api = useMemo(() => createGovernanceApi({ baseUrl }), [baseUrl]);
  return (
    <WalletChoiceProvider>
      <SessionProvider baseUrl={baseUrl}>
        <WalletProvider api={api}>
          <Shell />
        </WalletProvider>
      </SessionProvider>
    </WalletChoiceProvider>
  );
}

/** The route named by `location.hash`, following its changes. */
function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

const NAV: readonly { route: Route; label: string; needs?: 'review' }[] = [
  { route: { name: 'label' }, label: 'Label' },
  { route: { name: 'me' }, label: 'My labeling' },
  { route: { name: 'review' }, label: 'Review', needs: 'review' },
  { route: { name: 'datasets' }, label: 'Datasets' },
  { route: { name: 'admin' }, label: 'Admin' },
];

function Shell() {
  const route = useHashRoute();
  const { canReview, message, clearMessage } = useSession();
  const { state: walletState, dismissError } = useWallet();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // Moving between pages puts focus at the top of the new page, as a page load would, and clears
  // the errors of the page left behind.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each route change.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    clearMessage();
    dismissError();
    main.current?.focus();
  }, [route]);
  const section =
    route.name === 'admin-campaign'
      ? 'admin'
      : route.name === 'dataset-version'
        ? 'datasets'
        : route.name;
  return (
    <>
      {/* A button, not a #main link: the hash belongs to the router. */}
      <button type="button" className="skip-link" onClick={() => main.current?.focus()}>
        Skip to content
      </button>
      <header className="site-header">
        <a className="brand" href={routeHref({ name: 'label' })}>
          Plaza
        </a>
        <nav aria-label="Main">
          <ul>
            {NAV.filter((item) => item.needs !== 'review' || canReview).map((item) => (
              <li key={item.route.name}>
                <a
                  href={routeHref(item.route)}
                  aria-current={section === item.route.name ? 'page' : undefined}
                >
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <AccountStatus />
      </header>
      <WalletPicker />
      {message ? (
        <p className="error banner" role="alert">
          {message}
        </p>
      ) : walletState.status === 'failed' ? (
        <p className="error banner" role="alert">
          {walletState.message}
        </p>
      ) : null}
      <main id="main" ref={main} tabIndex={-1}>
        {route.name === 'label' ? <LabelRoute /> : null}
        {route.name === 'me' ? <MeRoute /> : null}
        {route.name === 'review' ? <ReviewRoute /> : null}
        {route.name === 'admin' ? <AdminRoute /> : null}
        {route.name === 'admin-campaign' ? (
          <AdminCampaignRoute campaignId={route.campaignId} />
        ) : null}
        {route.name === 'datasets' ? <DatasetsRoute /> : null}
        {route.name === 'link' ? <LinkRoute route={route} /> : null}
        {route.name === 'dataset-version' ? (
          <DatasetVersionRoute
            // Another version is another page: nothing of the last one carries over.
            key={`${route.campaignId}/${route.version}`}
            campaignId={route.campaignId}
            version={route.version}
          />
        ) : null}
      </main>
    </>
  );
}
