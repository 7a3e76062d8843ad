import { useSession } from './session-provider.tsx';

/** Props of {@link SignInPanel}. */
export interface SignInPanelProps {
  /** What signing in is for, e.g. "to label data". */
  purpose: string;
}

/** Asks the visitor to sign in with their wallet (failures show in the app's banner). */
export function SignInPanel({ purpose }: SignInPanelProps) {
  const { signIn, signingIn } = useSession();
  return (
    <section className="panel sign-in" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">Sign in {purpose}</h2>
      <p>
        Plaza signs you in with your Ethereum wallet (Sign-In with Ethereum). Your wallet asks you
        to sign a message; nothing is sent on chain and it costs nothing.
      </p>
      <button type="button" className="primary" onClick={() => void signIn()} disabled={signingIn}>
        {signingIn ? 'Waiting for your wallet…' : 'Sign in with Ethereum'}
      </button>
    </section>
  );
}
