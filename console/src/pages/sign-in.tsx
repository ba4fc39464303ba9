import { FormEvent, useState } from 'react';
import { CurrentKey } from '../api/types';
import { describeError, signIn } from '../session';

export function SignInPage(props: { message?: string; onSignedIn: (key: string, me: CurrentKey) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | undefined>(props.message);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const me = await signIn(key.trim());
      props.onSignedIn(key.trim(), me);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="sign-in">
      <form className="sign-in-card" onSubmit={submit}>
        <div className="brand large">
          <span className="brand-mark" aria-hidden>
            ▰
          </span>{' '}
          Fabric Manager
        </div>
        <p className="muted">Hosts, failover clusters, virtual machines and the jobs that run on them.</p>
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          type="password"
          autoComplete="off"
          autoFocus
          value={key}
          onChange={(event) => setKey(event.target.value)}
          placeholder="fm_…"
        />
        <p className="hint">Kept for this browser tab only; closing it signs you out.</p>
        {error && (
          <div className="banner banner-error" role="alert">
            {error}
          </div>
        )}
        <button className="button primary" type="submit" disabled={busy || key.trim() === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
