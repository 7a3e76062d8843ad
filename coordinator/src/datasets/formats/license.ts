/** SPDX ids and the license ids the Hugging Face Hub uses for them (its YAML `license:` field). */
const HUB_LICENSES: Record<string, string> = {
  'Apache-2.0': 'apache-2.0',
  MIT: 'mit',
  'CC0-1.0': 'cc0-1.0',
  'CC-BY-4.0': 'cc-by-4.0',
  'CC-BY-SA-4.0': 'cc-by-sa-4.0',
  'CC-BY-NC-4.0': 'cc-by-nc-4.0',
  'CC-BY-NC-SA-4.0': 'cc-by-nc-sa-4.0',
  'CC-BY-ND-4.0': 'cc-by-nd-4.0',
  'CC-BY-NC-ND-4.0': 'cc-by-nc-nd-4.0',
  'ODC-By-1.0': 'odc-by',
  'ODbL-1.0': 'odbl',
  'PDDL-1.0': 'pddl',
  'CDLA-Permissive-2.0': 'cdla-permissive-2.0',
  'CDLA-Sharing-1.0': 'cdla-sharing-1.0',
};

/** A license as the card and Croissant state it. */
export interface LicenseInfo {
  spdx: string;
  /** The Hub's id, or `other` (then `hubName` names it). */
  hub: string;
  hubName: string | null;
  /** The license's page; null for `other`. */
  url: string | null;
}

/** Describes an SPDX license id for the dataset card and Croissant. */
export function licenseInfo(spdx: string): LicenseInfo {
  if (spdx.toLowerCase() === 'other') return { spdx, hub: 'other', hubName: null, url: null };
  const hub = HUB_LICENSES[spdx] ?? 'other';
  return {
    spdx,
    hub,
    hubName: hub === 'other' ? spdx : null,
    url: `https://spdx.org/licenses/${spdx}.html`,
  };
}
