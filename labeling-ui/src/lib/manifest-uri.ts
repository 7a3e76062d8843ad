/** The campaign and version a manifest URI names. */
export interface ManifestLocation {
  campaignId: string;
  version: number;
}

const MANIFEST_PATH = /^\/v1\/datasets\/([^/?#]+)\/versions\/([1-9]\d{0,9})\/manifest$/;

/**
 * Reads the campaign of a version from the manifest URI its `VersionProposed` event carries:
 * `/v1/datasets/<campaign>/versions/<n>/manifest`, relative or on any origin. Null for any other
 * URI (a version published by another tool).
 */
export function parseManifestUri(uri: string): ManifestLocation | null {
  let path = uri;
  if (/^https?:\/\//i.test(uri)) {
    try {
      path = new URL(uri).pathname;
    } catch {
      return null;
    }
  }
  const match = MANIFEST_PATH.exec(path);
  if (!match?.[1] || !match[2]) return null;
  let campaignId: string;
  try {
    campaignId = decodeURIComponent(match[1]);
  } catch {
    return null;
  }
  return { campaignId, version: Number(match[2]) };
}
