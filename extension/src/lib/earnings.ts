import type { EarningsResponse, TokenRevenue, VersionEarnings } from '@plaza/protocol';

/**
 * `part` of `whole` as a percentage with exact integer arithmetic: two decimals, more for small
 * stakes (up to six) so a non-zero stake never reads as 0 %; `< 0.000001 %` below that.
 *
 * @example
 * formatSharePercent(1n, 3n); // '33.33 %'
 */
export function formatSharePercent(part: bigint, whole: bigint): string {
  if (whole <= 0n) return '—';
  if (part === 0n) return '0 %';
  for (let digits = 2; digits <= 6; digits++) {
    const scale = 10n ** BigInt(digits);
    const scaled = (part * 100n * scale) / whole;
    if (scaled === 0n && digits < 6) continue;
    if (scaled === 0n) return '< 0.000001 %';
    const fraction = (scaled % scale).toString().padStart(digits, '0');
    return `${scaled / scale}.${fraction} %`;
  }
  return '—';
}

/** An integer with thousands separators: `1000000n` → `1,000,000`. */
export function formatInteger(value: bigint): string {
  return value.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A token amount (in its smallest unit) in whole tokens, exactly, with its symbol:
 * `1_000_000_007n`, 6 decimals, `TUSD` → `1,000.000007 TUSD`. A token whose decimals are unknown
 * is shown in its smallest unit, saying so.
 */
export function formatTokenAmount(
  amount: bigint,
  token: Pick<TokenRevenue, 'decimals' | 'symbol' | 'token'>,
): string {
  const symbol = token.symbol ?? `${token.token.slice(0, 8)}…`;
  if (token.decimals === null) return `${formatInteger(amount)} base units of ${symbol}`;
  const digits = amount.toString().padStart(token.decimals + 1, '0');
  const whole = digits.slice(0, digits.length - token.decimals);
  const fraction = digits.slice(digits.length - token.decimals).replace(/0+$/, '');
  return `${formatInteger(BigInt(whole))}${fraction ? `.${fraction}` : ''} ${symbol}`;
}

/** What a device earned in all versions, per token: claimable now, paid, owed after a share claim. */
export interface EarningsTotal {
  token: TokenRevenue['token'];
  symbol: TokenRevenue['symbol'];
  decimals: TokenRevenue['decimals'];
  claimable: bigint;
  claimed: bigint;
  afterShareClaim: bigint;
}

/** Sums every version's revenue per token (for the popup's one line). */
export function totalEarnings(response: Pick<EarningsResponse, 'versions'>): EarningsTotal[] {
  const totals = new Map<string, EarningsTotal>();
  for (const version of response.versions) {
    for (const stake of version.stakes) {
      for (const r of stake.revenue) {
        const total = totals.get(r.token) ?? {
          token: r.token,
          symbol: r.symbol,
          decimals: r.decimals,
          claimable: 0n,
          claimed: 0n,
          afterShareClaim: 0n,
        };
        total.claimable += BigInt(r.claimable);
        total.claimed += BigInt(r.claimed);
        total.afterShareClaim += BigInt(r.afterShareClaim);
        totals.set(r.token, total);
      }
    }
  }
  return [...totals.values()];
}

/** The web app's page of a version, where its holders claim shares and revenue. */
export function claimUrl(
  coordinatorUrl: string,
  version: Pick<VersionEarnings, 'campaignId' | 'version'>,
): string {
  const base = new URL(coordinatorUrl);
  base.hash = `/datasets/${encodeURIComponent(version.campaignId)}/${version.version}`;
  return base.toString();
}

/** What the holder should do next in a version, in words (null: nothing to do). */
export function nextStep(version: VersionEarnings): string | null {
  const stake = version.stakes[0];
  if (!stake || BigInt(stake.shares) === 0n) return null;
  if (version.chain === 'not_published')
    return 'Not on chain yet: shares can be claimed once it is.';
  if (version.chain === 'revoked') return 'The guardian revoked this version: it pays nothing.';
  if (version.chain === 'timelock') return 'Claims open when the version’s timelock ends.';
  if (BigInt(stake.sharesClaimed) === 0n) return 'Claim your shares in the web app to be paid.';
  if (stake.revenue.some((r) => BigInt(r.claimable) > 0n)) return 'Revenue is waiting: claim it.';
  return null;
}
