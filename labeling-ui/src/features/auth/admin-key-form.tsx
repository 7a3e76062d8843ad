import { type FormEvent, useId, useState } from 'react';
import { useSession } from './session-provider.tsx';

/**
 * Lets the operator type the coordinator's admin key instead of signing in with an admin account.
 * The key stays in this tab's `sessionStorage` and is never written anywhere else.
 */
export function AdminKeyForm() {
  const { adminKey, setAdminKey } = useSession();
  const [draft, setDraft] = useState('');
  const inputId = useId();
  const hintId = useId();
  if (adminKey) {
    return (
      <p className="admin-key-set">
        Using the admin key typed in this tab.{' '}
        <button type="button" className="link-button" onClick={() => setAdminKey(null)}>
          Forget the admin key
        </button>
      </p>
    );
  }
  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setAdminKey(draft);
    setDraft('');
  }
  return (
    <form className="admin-key-form" onSubmit={submit}>
      <label htmlFor={inputId}>Admin key</label>
      <p id={hintId} className="hint">
        The operator's key from the coordinator's configuration. Kept in this tab only.
      </p>
      <div className="inline-fields">
        <input
          id={inputId}
          type="password"
          autoComplete="off"
          aria-describedby={hintId}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit" disabled={draft.trim() === ''}>
          Use key
        </button>
      </div>
    </form>
  );
}
