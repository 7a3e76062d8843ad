/** `0.8234` → `82.3 %`; null → `—`. */
export function formatPercent(value: number | null, digits = 1): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return `${(value * 100).toFixed(digits)} %`;
}

/** A number with thousands separators; null → `—`. */
export function formatCount(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat('en').format(value);
}

/** A fixed-precision number (alpha, posteriors); null → `—`. */
export function formatDecimal(value: number | null, digits = 2): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return value.toFixed(digits);
}

/** `0x1234…abcd` for display; the full address belongs in a `title`. */
export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

/**
 * `part / whole` as a percentage, exactly (bigint arithmetic, cut not rounded): shares of 10^24
 * do not fit a float. `whole` 0 → `—`.
 */
export function formatFraction(part: bigint, whole: bigint, digits = 2): string {
  if (whole <= 0n) return '—';
  const scale = 10n ** BigInt(digits);
  const scaled = (part * 100n * scale) / whole;
  const text = (scaled / scale).toString();
  if (digits === 0) return `${text} %`;
  const fraction = (scaled % scale).toString().padStart(digits, '0');
  return `${text}.${fraction} %`;
}

/** A moment given in unix seconds, as `2025-03-01 12:00 UTC` (the same for every reader). */
export function formatUnixTime(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  const iso = new Date(seconds * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** A span of seconds in the two largest units: `30 days`, `2 h 5 min`, `45 s`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (days > 0) {
    const dayText = `${days} ${days === 1 ? 'day' : 'days'}`;
    return hours > 0 ? `${dayText} ${hours} h` : dayText;
  }
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  if (minutes > 0) return `${minutes} min`;
  return `${s} s`;
}
