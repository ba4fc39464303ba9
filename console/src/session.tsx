import { createContext, ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { createHttp, Http, ProblemError } from './api/http';
import { CurrentKey, Role } from './api/types';

const STORAGE_KEY = 'fabric-manager.api-key';

export interface Session {
  me: CurrentKey;
  http: Http;
  /** The SSE event stream is open to these roles; the others refresh what is on screen instead. */
  canReadEventStream: boolean;
  signOut(): void;
}

/** What a role may change; reads are filtered by the server. */
export const permissions = (role: Role) => ({
  fabric: role === 'admin' || role === 'fabric-admin',
  /** Power, configuration and checkpoints: what is inside a VM. */
  vmInside: role === 'admin' || role === 'vm-operator',
  /** Migration and replication. */
  vmPlacement: role === 'admin' || role === 'fabric-admin' || role === 'vm-operator',
  jobs: role === 'admin' || role === 'fabric-admin' || role === 'vm-operator',
  hosts: role !== 'vm-operator',
  events: role === 'admin' || role === 'auditor',
});

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

export function useCan() {
  return permissions(useSession().me.role);
}

/** Checks a key against the service; the key is kept for this browser session only. */
export async function signIn(key: string): Promise<CurrentKey> {
  const me = await createHttp(key, () => undefined).get<CurrentKey>('/v1/api-keys/current');
  sessionStorage.setItem(STORAGE_KEY, key);
  return me;
}

export function storedKey(): string | null {
  return sessionStorage.getItem(STORAGE_KEY);
}

export function SessionProvider(props: {
  apiKey: string;
  me: CurrentKey;
  onSignedOut: (reason?: string) => void;
  children: ReactNode;
}) {
  const { apiKey, me, onSignedOut } = props;
  const signOut = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    onSignedOut();
  }, [onSignedOut]);
  const session = useMemo<Session>(
    () => ({
      me,
      http: createHttp(apiKey, () => {
        sessionStorage.removeItem(STORAGE_KEY);
        onSignedOut('The API key is no longer valid; sign in again.');
      }),
      canReadEventStream: permissions(me.role).events,
      signOut,
    }),
    [apiKey, me, onSignedOut, signOut],
  );
  return <SessionContext.Provider value={session}>{props.children}</SessionContext.Provider>;
}

export function describeError(error: unknown): string {
  if (error instanceof ProblemError) return error.code === 'UNKNOWN' ? error.detail : `${error.detail} (${error.code})`;
  return error instanceof Error ? error.message : String(error);
}

export function useSignInState() {
  const [state, setState] = useState<{ key: string; me: CurrentKey } | null>(null);
  return [state, setState] as const;
}
