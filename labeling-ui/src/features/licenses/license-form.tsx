import { type FormEvent, useEffect, useState } from 'react';
import { Field } from '../../components/form-field.tsx';
import { formatError } from '../../lib/describe-error.ts';
import { formatDuration } from '../../lib/format.ts';
import type { DatasetParams } from '../../lib/group-versions.ts';
import { hashTerms } from '../../lib/terms-hash.ts';
import { formatTokenAmount } from '../../lib/token-amount.ts';
import type { PlazaChain, TokenAccount } from '../wallet/plaza-chain.ts';
import { TransactionStatus } from '../wallet/transaction-status.tsx';
import { useTransaction } from '../wallet/use-transaction.ts';
import {
  type LicenseFormErrors,
  type LicenseFormValues,
  validateLicenseForm,
} from './license-form-values.ts';

/** Props of {@link LicenseForm}. */
export interface LicenseFormProps {
  chain: Pick<
    PlazaChain,
    'account' | 'paymentTokens' | 'reservePrice' | 'tokenAccount' | 'approve' | 'write'
  > | null;
  datasetId: bigint;
  version: number;
  /** Licenses can be proposed for open versions only (their timelock over). */
  isActive: boolean;
  /** The dataset's longest license, voting delay and period, and quorum. */
  params: DatasetParams | null;
  /** Changes when the chain should be read again (a transaction, new events). */
  refreshKey: string | number;
  /** Called with the new proposal's id once it is confirmed. */
  onProposed: (proposalId: bigint | null) => void;
}

const initialValues: LicenseFormValues = { terms: '', token: '', price: '', days: '30' };

/**
 * A buyer's license proposal: the terms (their keccak256 is shown as typed and goes on chain),
 * the token and price (escrowed: the token is approved first when needed), and the duration.
 */
export function LicenseForm(props: LicenseFormProps) {
  const { chain, datasetId, version, isActive, params, refreshKey } = props;
  const [values, setValues] = useState<LicenseFormValues>(initialValues);
  const [errors, setErrors] = useState<LicenseFormErrors>({});
  const [tokens, setTokens] = useState<(TokenAccount & { reservePrice: bigint })[] | null>(null);
  const [tokensError, setTokensError] = useState<string | null>(null);
  const [proposed, setProposed] = useState<string | null>(null);
  const approveTx = useTransaction();
  const proposeTx = useTransaction();

  // biome-ignore lint/correctness/useExhaustiveDependencies: `refreshKey` asks for a fresh read.
  useEffect(() => {
    if (!chain) {
      setTokens(null);
      return;
    }
    let alive = true;
    (async () => {
      const addresses = await chain.paymentTokens(datasetId);
      // Each token has its own reserve, in its own units.
      return Promise.all(
        addresses.map(async (address) => ({
          ...(await chain.tokenAccount(address, chain.account)),
          reservePrice: await chain.reservePrice(datasetId, address),
        })),
      );
    })().then(
      (loaded) => {
        if (!alive) return;
        setTokens(loaded);
        setTokensError(null);
        setValues((previous) =>
          previous.token || !loaded[0] ? previous : { ...previous, token: loaded[0].address },
        );
      },
      (failure: unknown) => {
        if (alive) setTokensError(formatError(failure));
      },
    );
    return () => {
      alive = false;
    };
  }, [chain, datasetId, refreshKey]);

  function set<K extends keyof LicenseFormValues>(key: K, value: LicenseFormValues[K]): void {
    setValues((previous) => ({ ...previous, [key]: value }));
  }

  const token =
    tokens?.find((entry) => entry.address.toLowerCase() === values.token.toLowerCase()) ?? null;
  const busy = approveTx.busy || proposeTx.busy;

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (!chain || busy) return;
    setProposed(null);
    approveTx.reset();
    proposeTx.reset();
    const checked = validateLicenseForm(values, {
      token,
      reservePrice: token?.reservePrice ?? null,
      maxDuration: params?.maxLicenseDuration ?? null,
    });
    if ('errors' in checked) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    const { request } = checked;
    const amount = token
      ? formatTokenAmount(request.price, token.decimals, { symbol: token.symbol })
      : String(request.price);
    // The allowance may have changed since the list was read (another tab, an earlier attempt).
    let allowance: bigint;
    try {
      allowance = (await chain.tokenAccount(request.token, chain.account)).allowance;
    } catch (failure) {
      setErrors({ form: formatError(failure) });
      return;
    }
    if (allowance < request.price) {
      const approved = await approveTx.run(`Approve ${amount} for the Plaza contract`, (onSent) =>
        chain.approve(request.token, request.price, onSent),
      );
      if (!approved) return;
    }
    const result = await proposeTx.run('Propose the license', (onSent) =>
      chain.write(
        'proposeLicense',
        [datasetId, version, request.token, request.price, request.duration, request.termsHash],
        onSent,
      ),
    );
    if (!result) return;
    const proposedEvent = result.events.find((entry) => entry.eventName === 'LicenseProposed');
    const proposalId =
      typeof proposedEvent?.args.proposalId === 'bigint' ? proposedEvent.args.proposalId : null;
    setProposed(
      `Proposed license ${proposalId === null ? '' : `#${proposalId} `}for ${amount}: the holders vote on it${
        params
          ? ` after ${formatDuration(params.votingDelay)}, for ${formatDuration(params.votingPeriod)} at most`
          : ''
      }. Keep your terms text: only its hash is on chain.`,
    );
    props.onProposed(proposalId);
  }

  if (!isActive) {
    return <p>Licenses can be proposed once the version's timelock is over.</p>;
  }
  const errorCount = Object.keys(errors).length;
  return (
    <form className="license-form" onSubmit={(event) => void submit(event)} noValidate>
      {params ? (
        <p className="hint">
          Holders start voting {formatDuration(params.votingDelay)} after you propose and vote for
          up to {formatDuration(params.votingPeriod)}; a vote needs{' '}
          {(params.quorumBps / 100).toFixed(2).replace(/\.?0+$/, '')} % of the shares to take part.
          Licenses last at most {formatDuration(params.maxLicenseDuration)}; a second license runs
          after your current one ends. If the vote fails, the price comes back to you.
        </p>
      ) : null}
      {errorCount > 0 ? (
        <div className="error form-summary" role="alert">
          <p>{errors.form ?? 'The license was not proposed. Fix the fields marked below.'}</p>
        </div>
      ) : null}
      <Field
        label="License terms"
        hint="What you may do with the data. Only the keccak256 hash of this exact text goes on chain: keep the text and send it to the holders."
        error={errors.terms}
      >
        {(control) => (
          <textarea
            {...control}
            rows={6}
            value={values.terms}
            onChange={(event) => set('terms', event.target.value)}
          />
        )}
      </Field>
      <p className="terms-hash">
        Terms hash (keccak256):{' '}
        <code className="hash" data-testid="terms-hash">
          {hashTerms(values.terms)}
        </code>
      </p>
      <div className="field-row">
        <Field
          label="Token"
          hint={
            token
              ? `Your balance: ${formatTokenAmount(token.balance, token.decimals, { symbol: token.symbol })}`
              : undefined
          }
          error={errors.token ?? tokensError ?? undefined}
        >
          {(control) => (
            <select
              {...control}
              value={values.token}
              onChange={(event) => set('token', event.target.value)}
              disabled={!tokens}
            >
              {tokens ? null : <option value="">{chain ? 'Loading…' : 'Connect a wallet'}</option>}
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
      <button type="submit" className="primary" disabled={!chain || busy}>
        {busy ? 'Waiting for the chain…' : 'Propose the license'}
      </button>
      <p className="hint">
        {chain
          ? 'Your wallet asks twice: to let the Plaza contract take the price (unless it already may), then to propose.'
          : 'Connect your wallet to propose a license.'}
      </p>
      <TransactionStatus state={approveTx.state} />
      <TransactionStatus state={proposeTx.state} />
      <p className="notice" role="status">
        {proposed}
      </p>
    </form>
  );
}
