/** What the heuristics look at for one contribution. */
export interface FlagInput {
  url: string;
  finalUrl: string;
  outcome: string;
  /** When the device says it fetched the page. */
  fetchedAt: Date;
  /** When its job was leased and when the contribution arrived. */
  leasedAt: Date;
  submittedAt: Date;
  /** Raw body size the device reported. */
  bodyBytes: number;
  /** Characters of the submitted text, when it is stored (the contribution became the item). */
  textChars: number | null;
  /** The URL of the item a duplicate joined (null for new items). */
  joinedItemUrl: string | null;
}

/** How far a device's clock may be off before `fetchedAt` counts as outside its lease. */
export const CLOCK_SKEW_MS = 60_000;

/**
 * Heuristic flags: cheap signs that a contribution was not fetched as claimed. A flagged
 * contribution is always re-fetched.
 *
 * - `FETCHED_OUTSIDE_LEASE`: `fetchedAt` is before the job was leased or after the submission
 *   (± one minute of clock skew): the page was not fetched for this job.
 * - `TEXT_EXCEEDS_BODY`: more characters of extracted text than bytes of body; extraction only
 *   ever removes.
 * - `DUPLICATE_FROM_OTHER_HOST`: an exact or near duplicate of an item from another host:
 *   syndication exists, but so does pasting known text under another URL.
 * - `REDIRECTED_OFF_HOST`: the final URL is on another host than the job's (`www.` aside).
 *
 * @example
 * flagContribution(input); // ['FETCHED_OUTSIDE_LEASE']
 */
export function flagContribution(input: FlagInput): string[] {
  const flags: string[] = [];
  const fetched = input.fetchedAt.getTime();
  // fetchedAt has whole seconds: a page fetched in the lease's first second can read as earlier.
  if (
    fetched < input.leasedAt.getTime() - CLOCK_SKEW_MS - 1000 ||
    fetched > input.submittedAt.getTime() + CLOCK_SKEW_MS
  ) {
    flags.push('FETCHED_OUTSIDE_LEASE');
  }
  if (input.textChars !== null && input.textChars > input.bodyBytes)
    flags.push('TEXT_EXCEEDS_BODY');
  const host = hostOf(input.url);
  if (
    (input.outcome === 'duplicate' || input.outcome === 'near_duplicate') &&
    input.joinedItemUrl !== null &&
    hostOf(input.joinedItemUrl) !== host
  ) {
    flags.push('DUPLICATE_FROM_OTHER_HOST');
  }
  if (hostOf(input.finalUrl) !== host) flags.push('REDIRECTED_OFF_HOST');
  return flags;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}
