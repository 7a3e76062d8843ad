import type { DatasetParams } from '../../lib/group-versions.ts';
import type { PlazaChain } from '../wallet/plaza-chain.ts';
import { TransactionStatus } from '../wallet/transaction-status.tsx';
import {
  LicensePaymentFields,
  LicenseRulesHint,
  LicenseTermsField,
} from './license-form-fields.tsx';
import { useLicenseForm } from './use-license-form.ts';

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

/**
 * A buyer's license proposal: the terms (their keccak256 is shown as typed and goes on chain),
 * the token and price (escrowed: the token is approved first when needed), and the duration.
 */
export function LicenseForm(props: LicenseFormProps) {
  const { chain, isActive, params } = props;
  const form = useLicenseForm(props);
  if (!isActive) {
    return <p>Licenses can be proposed once the version's timelock is over.</p>;
  }
  const { errors, busy } = form;
  const errorCount = Object.keys(errors).length;
  return (
    <form className="license-form" onSubmit={(event) => void form.submit(event)} noValidate>
      {params ? <LicenseRulesHint params={params} /> : null}
      {errorCount > 0 ? (
        <div className="error form-summary" role="alert">
          <p>{errors.form ?? 'The license was not proposed. Fix the fields marked below.'}</p>
        </div>
      ) : null}
      <LicenseTermsField form={form} />
      <LicensePaymentFields form={form} params={params} hasChain={chain !== null} />
      <button type="submit" className="primary" disabled={!chain || busy}>
        {busy ? 'Waiting for the chain…' : 'Propose the license'}
      </button>
      <p className="hint">
        {chain
          ? 'Your wallet asks twice: to let the Plaza contract take the price (unless it already may), then to propose.'
          : 'Connect your wallet to propose a license.'}
      </p>
      <TransactionStatus state={form.approveTx.state} />
      <TransactionStatus state={form.proposeTx.state} />
      <p className="notice" role="status">
        {form.proposed}
      </p>
    </form>
  );
}
