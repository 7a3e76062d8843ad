import { Field } from '../../components/form-field.tsx';
import { formatDuration } from '../../lib/format.ts';
import type { DatasetParams } from '../../lib/group-versions.ts';
import { hashTerms } from '../../lib/terms-hash.ts';
import { formatTokenAmount } from '../../lib/token-amount.ts';
import type { LicenseFormState } from './use-license-form.ts';

/** The dataset's voting rules and longest license, in words. */
export function LicenseRulesHint({ params }: { params: DatasetParams }) {
  return (
    <p className="hint">
      Holders start voting {formatDuration(params.votingDelay)} after you propose and vote for up to{' '}
      {formatDuration(params.votingPeriod)}; a vote needs{' '}
      {(params.quorumBps / 100).toFixed(2).replace(/\.?0+$/, '')} % of the shares to take part.
      Licenses last at most {formatDuration(params.maxLicenseDuration)}; a second license runs after
      your current one ends. If the vote fails, the price comes back to you.
    </p>
  );
}

/** The terms text and its keccak256 as typed. */
export function LicenseTermsField({ form }: { form: LicenseFormState }) {
  return (
    <>
      <Field
        label="License terms"
        hint="What you may do with the data. Only the keccak256 hash of this exact text goes on chain: keep the text and send it to the holders."
        error={form.errors.terms}
      >
        {(control) => (
          <textarea
            {...control}
            rows={6}
            value={form.values.terms}
            onChange={(event) => form.set('terms', event.target.value)}
          />
        )}
      </Field>
      <p className="terms-hash">
        Terms hash (keccak256):{' '}
        <code className="hash" data-testid="terms-hash">
          {hashTerms(form.values.terms)}
        </code>
      </p>
    </>
  );
}

/** Props of {@link LicensePaymentFields}. */
export interface LicensePaymentFieldsProps {
  form: LicenseFormState;
  params: DatasetParams | null;
  hasChain: boolean;
}

/** The token, the price and the duration. */
export function LicensePaymentFields({ form, params, hasChain }: LicensePaymentFieldsProps) {
  const { token, tokens, values, errors, set } = form;
  return (
    <div className="field-row">
      <Field
        label="Token"
        hint={
          token
            ? `Your balance: ${formatTokenAmount(token.balance, token.decimals, { symbol: token.symbol })}`
            : undefined
        }
        error={errors.token ?? form.tokensError ?? undefined}
      >
        {(control) => (
          <select
            {...control}
            value={values.token}
            onChange={(event) => set('token', event.target.value)}
            disabled={!tokens}
          >
            {tokens ? null : <option value="">{hasChain ? 'Loading…' : 'Connect a wallet'}</option>}
            {tokens?.map((entry) => (
              <option key={entry.address} value={entry.address}>
                {entry.symbol} ({entry.address})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label={`Price${token ? ` (${token.symbol})` : ''}`}
        hint={
          token
            ? `At least ${formatTokenAmount(token.reservePrice, token.decimals, { symbol: token.symbol })}, held in escrow until the vote is settled.`
            : 'Held in escrow until the vote is settled.'
        }
        error={errors.price}
      >
        {(control) => (
          <input
            {...control}
            inputMode="decimal"
            autoComplete="off"
            value={values.price}
            onChange={(event) => set('price', event.target.value)}
          />
        )}
      </Field>
      <Field
        label="Duration (days)"
        hint={params ? `At most ${formatDuration(params.maxLicenseDuration)}.` : undefined}
        error={errors.days}
      >
        {(control) => (
          <input
            {...control}
            type="number"
            inputMode="decimal"
            min={0}
            step="any"
            value={values.days}
            onChange={(event) => set('days', event.target.value)}
          />
        )}
      </Field>
    </div>
  );
}
