/** A page of the app, as named by the location hash. */
export type Route =
  | { name: 'label' }
  | { name: 'me' }
  | { name: 'review' }
  | { name: 'admin' }
  | { name: 'admin-campaign'; campaignId: string }
  | { name: 'datasets' }
  | { name: 'dataset-version'; campaignId: string; version: number };

/**
 * Parses a location hash (`#/label`, `#/admin/<campaignId>`, `#/datasets/<campaignId>/<version>`
 * …); anything unknown is the labeling workspace.
 */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  const [first, second, third, ...rest] = path.split('/');
  if (rest.length > 0) return { name: 'label' };
  if (first === 'datasets') return parseDatasetsRoute(second, third);
  if (third !== undefined) return { name: 'label' };
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

/** `#/datasets` or `#/datasets/<campaignId>/<version>` (a positive integer). */
function parseDatasetsRoute(campaign: string | undefined, version: string | undefined): Route {
  if (campaign === undefined || campaign === '') {
    return version === undefined ? { name: 'datasets' } : { name: 'label' };
  }
  if (version === undefined || !/^[1-9]\d{0,9}$/.test(version)) return { name: 'datasets' };
  return {
    name: 'dataset-version',
    campaignId: decodeURIComponent(campaign),
    version: Number(version),
  };
}

/** The hash link of a route, for `href`s. */
export function routeHref(route: Route): string {
  if (route.name === 'admin-campaign') return `#/admin/${encodeURIComponent(route.campaignId)}`;
  if (route.name === 'dataset-version') {
    return `#/datasets/${encodeURIComponent(route.campaignId)}/${route.version}`;
  }
  return `#/${route.name}`;
}
