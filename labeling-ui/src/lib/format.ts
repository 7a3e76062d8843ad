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
