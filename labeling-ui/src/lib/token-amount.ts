/** Options of {@link formatTokenAmount}. */
export interface FormatTokenAmountOptions {
  /** Appended after a space, e.g. `TUSD`. */
  symbol?: string;
  /** Fraction digits shown at most; the rest is cut, never rounded up. @default all of them */
  maxFractionDigits?: number;
}

/**
 * An integer amount in a token's smallest unit, written in whole tokens with thousands separators
 * and exact decimals (no floating point): `1_000_000_007n`, 6 decimals → `1,000.000007`. Trailing
 * zeros of the fraction are dropped.
 *
 * @example
 * formatTokenAmount(12_500_000n, 6, { symbol: 'TUSD' }); // '12.5 TUSD'
 */
export function formatTokenAmount(
  amount: bigint,
  decimals: number,
  options: FormatTokenAmountOptions = {},
): string {
  const negative = amount < 0n;
  const digits = (negative ? -amount : amount).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  let fraction = decimals > 0 ? digits.slice(digits.length - decimals) : '';
  if (options.maxFractionDigits !== undefined)
    fraction = fraction.slice(0, options.maxFractionDigits);
  fraction = fraction.replace(/0+$/, '');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const text = `${negative ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
  return options.symbol ? `${text} ${options.symbol}` : text;
}

/** What {@link parseTokenAmount} makes of a typed amount. */
export type ParsedTokenAmount = { ok: true; amount: bigint } | { ok: false; message: string };

/**
 * Reads an amount typed in whole tokens (`12.5`, `1,000`) into the token's smallest unit, exactly.
 * Refuses what it cannot read without rounding: more fraction digits than the token has, signs,
 * exponents, anything that is not a plain decimal number.
 *
 * @example
 * parseTokenAmount('12.5', 6); // { ok: true, amount: 12_500_000n }
 */
export function parseTokenAmount(text: string, decimals: number): ParsedTokenAmount {
  const value = text.trim().replaceAll(',', '');
  if (value === '') return { ok: false, message: 'Enter an amount.' };
  const match = /^(\d*)(?:\.(\d*))?$/.exec(value);
  if (!match || (match[1] === '' && (match[2] ?? '') === '')) {
    return { ok: false, message: `"${text.trim()}" is not an amount: use digits and one dot.` };
  }
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  if (fraction.length > decimals) {
    return {
      ok: false,
      message:
        decimals === 0
          ? 'This token has no decimals: enter a whole number.'
          : `This token has ${decimals} decimals: enter at most ${decimals} digits after the dot.`,
    };
  }
  const amount = BigInt(`${whole || '0'}${fraction.padEnd(decimals, '0')}`);
  return { ok: true, amount };
}
