import { createContext, ReactNode, useCallback, useContext, useMemo } from 'react';
import { FabricClient, FabricJobFailed, FabricProblem, FabricUnreachable } from 'fabric-client';
import { connect, StreamState } from './api/fabric';
import { CurrentKey, Role } from './api/types';

const STORAGE_KEY = 'fabric-manager.api-key';

export interface Session {
  me: CurrentKey;
  apiKey: string;
  client: FabricClient;
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
  /** Clusters and hosts by name (a vm-operator sees them only as ids). */
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

/** Checks a key against the service; the key is kept for this browser tab only. */
export async function signIn(key: string): Promise<CurrentKey> {
  const me = await connect(key).get('/v1/api-keys/current');
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
  onStream: (state: StreamState) => void;
  children: ReactNode;
}) {
  const { apiKey, me, onSignedOut, onStream } = props;
  const signOut = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    onSignedOut();
  }, [onSignedOut]);
  const session = useMemo<Session>(
    () => ({
      me,
      apiKey,
      client: connect(apiKey, {
        onUnauthenticated: () => {
          sessionStorage.removeItem(STORAGE_KEY);
          onSignedOut('The API key is no longer valid; sign in again.');
        },
        onStream,
      }),
      canReadEventStream: permissions(me.role).events,
      signOut,
    }),
    [apiKey, me, onSignedOut, onStream, signOut],
  );
  return <SessionContext.Provider value={session}>{props.children}</SessionContext.Provider>;
}

export function describeError(error: unknown): string {
  if (error instanceof FabricProblem || error instanceof FabricJobFailed) return `${error.detail} (${error.code})`;
  if (error instanceof FabricUnreachable) return 'The service cannot be reached; check the connection and try again.';
  return error instanceof Error ? error.message : String(error);
}
