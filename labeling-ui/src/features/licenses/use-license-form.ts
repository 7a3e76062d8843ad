import { type FormEvent, useState } from 'react';
import { formatError } from '../../lib/describe-error.ts';
import { formatDuration } from '../../lib/format.ts';
import type { DatasetParams } from '../../lib/group-versions.ts';
import { formatTokenAmount } from '../../lib/token-amount.ts';
import { useTransaction } from '../wallet/use-transaction.ts';
import type { LicenseFormProps } from './license-form.tsx';
import {
  type LicenseFormErrors,
  type LicenseFormValues,
  validateLicenseForm,
} from './license-form-values.ts';
import { useLicenseTokens } from './use-license-tokens.ts';

const initialValues: LicenseFormValues = { terms: '', token: '', price: '', days: '30' };

/** The notice once a license is proposed. */
export function proposedNotice(
  proposalId: bigint | null,
  amount: string,
  params: DatasetParams | null,
): string {
  return `Proposed license ${proposalId === null ? '' : `#${proposalId} `}for ${amount}: the holders vote on it${
    params
      ? ` after ${formatDuration(params.votingDelay)}, for ${formatDuration(params.votingPeriod)} at most`
      : ''
  }. Keep your terms text: only its hash is on chain.`;
}

/**
 * The license form's state: its values and errors, the payment tokens, and the submit that
 * approves the token when needed, then proposes.
 */
export function useLicenseForm(props: LicenseFormProps) {
  const { chain, datasetId, version, params, refreshKey } = props;
  const [values, setValues] = useState<LicenseFormValues>(initialValues);
  const [errors, setErrors] = useState<LicenseFormErrors>({});
  const [proposed, setProposed] = useState<string | null>(null);
  const { tokens, tokensError } = useLicenseTokens(chain, datasetId, refreshKey, setValues);
  const approveTx = useTransaction();
  const proposeTx = useTransaction();

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
    setProposed(proposedNotice(proposalId, amount, params));
    props.onProposed(proposalId);
  }

  return {
    values,
    set,
    errors,
    tokens,
    tokensError,
    token,
    busy,
    submit,
    approveTx,
    proposeTx,
    proposed,
  };
}

/** The state {@link useLicenseForm} gives the form. */
export type LicenseFormState = ReturnType<typeof useLicenseForm>;
