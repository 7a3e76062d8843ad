import { useWalletChoice } from './wallet-choice.tsx';

/** Lets the user pick one of several browser wallets; shown while a sign-in waits for a choice. */
export function WalletPicker() {
  const { wallets, picking, choose, cancelPick } = useWalletChoice();
  if (!picking) return null;
  return (
    <section className="panel wallet-picker" role="dialog" aria-labelledby="wallet-picker-title">
      <h2 id="wallet-picker-title">Choose a wallet</h2>
      <p>Several wallets are installed in this browser. Plaza remembers the one you pick.</p>
      <ul className="wallet-list">
        {wallets.map((wallet) => (
          <li key={wallet.id}>
            <button type="button" className="wallet-option" onClick={() => choose(wallet.id)}>
              {wallet.icon ? <img src={wallet.icon} alt="" width={24} height={24} /> : null}
              {wallet.name}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="link-button" onClick={cancelPick}>
        Cancel
      </button>
    </section>
  );
}
