import type { Hex } from 'viem';
import { formatDuration } from '../../lib/format.ts';
import { checkTerms, hashTerms } from '../../lib/terms-hash.ts';
import { formatTokenAmount, parseTokenAmount } from '../../lib/token-amount.ts';
import type { TokenAccount } from '../wallet/plaza-chain.ts';

/** The license form as typed. */
export interface LicenseFormValues {
  terms: string;
  /** The payment token's address. */
  token: string;
  /** In whole tokens, e.g. `250` or `12.5`. */
  price: string;
  /** In days; decimals allowed. */
  days: string;
}

/** An error message per field. */
export type LicenseFormErrors = Partial<Record<keyof LicenseFormValues | 'form', string>>;

/** What `proposeLicense` takes, checked. */
export interface LicenseRequest {
  token: `0x${string}`;
  price: bigint;
  /** Seconds. */
  duration: number;
  termsHash: Hex;
}

/** What the dataset and the buyer's wallet allow. */
export interface LicenseLimits {
  /** The chosen token with the buyer's balance (null while unknown). */
  token: TokenAccount | null;
  /** The dataset's reserve price, in the token's smallest unit. */
  reservePrice: bigint | null;
  /** The longest license the dataset grants, in seconds. */
  maxDuration: number | null;
}

const MAX_UINT96 = 2n ** 96n - 1n;

/**
 * Checks the license form against the contract's rules (`proposeLicense`): terms written (their
 * keccak256 goes on chain), a price of at least the reserve that the buyer can pay and that fits
 * in 96 bits, a duration of at least a second and at most the dataset's maximum.
 */
export function validateLicenseForm(
  values: LicenseFormValues,
  limits: LicenseLimits,
): { errors: LicenseFormErrors } | { request: LicenseRequest } {
  const errors: LicenseFormErrors = {};
  const termsError = checkTerms(values.terms);
  if (termsError) errors.terms = termsError;

  const token = limits.token;
  let price: bigint | null = null;
  if (!token) errors.token = 'Choose the token to pay with.';
  else {
    const parsed = parseTokenAmount(values.price, token.decimals);
    const format = (amount: bigint) =>
      formatTokenAmount(amount, token.decimals, { symbol: token.symbol });
    if (!parsed.ok) errors.price = parsed.message;
    else if (parsed.amount === 0n) errors.price = 'The price must be more than zero.';
    else if (limits.reservePrice !== null && parsed.amount < limits.reservePrice) {
      errors.price = `The dataset's reserve price is ${format(limits.reservePrice)}.`;
    } else if (parsed.amount > MAX_UINT96)
      errors.price = 'The price is too large for the contract.';
    else if (parsed.amount > token.balance) {
      errors.price = `Your balance is ${format(token.balance)}, below the price.`;
    } else price = parsed.amount;
  }

  let duration: number | null = null;
  const days = Number(values.days.trim());
  if (values.days.trim() === '' || !Number.isFinite(days)) errors.days = 'Enter a number of days.';
  else {
    const seconds = Math.round(days * 86_400);
    if (seconds < 1) errors.days = 'The license must last at least a second.';
    else if (limits.maxDuration !== null && seconds > limits.maxDuration) {
      errors.days = `The dataset grants licenses of at most ${formatDuration(limits.maxDuration)}.`;
    } else duration = seconds;
  }

  if (Object.keys(errors).length > 0 || !token || price === null || duration === null) {
    return { errors };
  }
  return {
    request: { token: token.address, price, duration, termsHash: hashTerms(values.terms) },
  };
}
