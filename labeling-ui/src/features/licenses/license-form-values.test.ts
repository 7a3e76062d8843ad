import { describe, expect, it } from 'vitest';
import { hashTerms } from '../../lib/terms-hash.ts';
import type { TokenAccount } from '../wallet/plaza-chain.ts';
import { type LicenseFormValues, validateLicenseForm } from './license-form-values.ts';

const TUSD: TokenAccount = {
  address: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
  symbol: 'TUSD',
  decimals: 6,
  balance: 500_000_000n,
  allowance: 0n,
};

const values: LicenseFormValues = {
  terms: 'Research use only.',
  token: TUSD.address,
  price: '250',
  days: '30',
};

const limits = { token: TUSD, reservePrice: 1_000_000n, maxDuration: 365 * 86_400 };

describe('validateLicenseForm', () => {
  it('turns the form into proposeLicense arguments', () => {
    expect(validateLicenseForm(values, limits)).toEqual({
      request: {
        token: TUSD.address,
        price: 250_000_000n,
        duration: 30 * 86_400,
        termsHash: hashTerms('Research use only.'),
      },
    });
  });

  it('refuses blank terms, a price under the reserve or above the balance, a long duration', () => {
    const result = validateLicenseForm(
      { ...values, terms: ' ', price: '0.5', days: '400' },
      limits,
    );
    expect(result).toEqual({
      errors: {
        terms: expect.stringContaining('Write the license terms'),
        price: "The dataset's reserve price is 1 TUSD.",
        days: 'The dataset grants licenses of at most 365 days.',
      },
    });
    const poor = validateLicenseForm({ ...values, price: '501' }, limits);
    expect(poor).toEqual({ errors: { price: 'Your balance is 500 TUSD, below the price.' } });
  });

  it('refuses amounts with more decimals than the token has, and no token at all', () => {
    expect(validateLicenseForm({ ...values, price: '1.0000001' }, limits)).toMatchObject({
      errors: { price: expect.stringContaining('6 decimals') },
    });
    expect(validateLicenseForm(values, { ...limits, token: null })).toMatchObject({
      errors: { token: 'Choose the token to pay with.' },
    });
  });

  it('accepts fractions of a day, rounded to the second', () => {
    const result = validateLicenseForm({ ...values, days: '0.5' }, limits);
    expect(result).toMatchObject({ request: { duration: 43_200 } });
    expect(validateLicenseForm({ ...values, days: '-1' }, limits)).toMatchObject({
      errors: { days: expect.any(String) },
    });
  });
});
