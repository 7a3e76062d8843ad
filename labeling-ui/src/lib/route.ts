/** A page of the app, as named by the location hash. */
export type Route =
  | { name: 'label' }
  | { name: 'me' }
  | { name: 'review' }
  | { name: 'admin' }
  | { name: 'admin-campaign'; campaignId: string };

/**
 * Parses a location hash (`#/label`, `#/admin/<campaignId>` …); anything unknown is the labeling
 * workspace.
 */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  const [first, second, ...rest] = path.split('/');
  if (rest.length > 0) return { name: 'label' };
  switch (first) {
    case 'me':
      return second === undefined ? { name: 'me' } : { name: 'label' };
    case 'review':
      return second === undefined ? { name: 'review' } : { name: 'label' };
    case 'admin':
      if (second === undefined || second === '') return { name: 'admin' };
      return { name: 'admin-campaign', campaignId: decodeURIComponent(second) };
    default:
      return { name: 'label' };
  }
}

/** The hash link of a route, for `href`s. */
export function routeHref(route: Route): string {
  if (route.name === 'admin-campaign') return `#/admin/${encodeURIComponent(route.campaignId)}`;
  return `#/${route.name}`;
}
