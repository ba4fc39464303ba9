import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { Component, ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { FabricProblem } from 'fabric-client';
import { serverNow, StreamState } from './api/fabric';
import { applyEvents } from './api/live';
import { CurrentKey, FabricEvent } from './api/types';
import { NoticeArea } from './components/actions';
import { href, useRoute } from './router';
import { permissions, SessionProvider, signIn, storedKey, useSession } from './session';
import { SignInPage } from './pages/sign-in';
import { OverviewPage } from './pages/overview';
import { ClustersPage } from './pages/clusters';
import { VmListPage } from './pages/vm-list';
import { VmPage } from './pages/vm-page';
import { JobsPage, JobPage } from './pages/jobs';
import { UpgradesPage, UpgradePage } from './pages/upgrades';
import { AuditPage } from './pages/audit';

/** Without the event stream (fabric-admin, vm-operator) the reads on screen are refreshed at this pace. */
const REFRESH_WITHOUT_STREAM_MS = 3000;
/** How far back the event stream starts: more than a read model ever lags behind the store. */
const STREAM_CATCH_UP_MS = 30_000;

function createQueryClient(live: boolean): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: live ? 60_000 : 0,
        refetchInterval: live ? false : REFRESH_WITHOUT_STREAM_MS,
        retry: (failures, error) => !(error instanceof FabricProblem && error.status < 500) && failures < 3,
      },
    },
  });
}

export function App() {
  const [signedIn, setSignedIn] = useState<{ key: string; me: CurrentKey } | null>(null);
  const [checking, setChecking] = useState(() => storedKey() !== null);
  const [message, setMessage] = useState<string | undefined>();

  useEffect(() => {
    const key = storedKey();
    if (!key) return;
    signIn(key)
      .then((me) => setSignedIn({ key, me }))
      .catch(() => setMessage('Your session has ended; sign in again.'))
      .finally(() => setChecking(false));
  }, []);

  const onSignedOut = useCallback((reason?: string) => {
    setSignedIn(null);
    setMessage(reason);
  }, []);

  if (checking) return <div className="loading">Connecting…</div>;
  if (!signedIn) return <SignInPage message={message} onSignedIn={(key, me) => setSignedIn({ key, me })} />;
  return (
    <SessionProvider apiKey={signedIn.key} me={signedIn.me} onSignedOut={onSignedOut} onStream={setStreamState}>
      <SignedIn />
    </SessionProvider>
  );
}

function SignedIn() {
  const session = useSession();
  const queryClient = useMemo(() => createQueryClient(session.canReadEventStream), [session.canReadEventStream]);
  return (
    <QueryClientProvider client={queryClient}>
      <NoticeArea>
        <LiveUpdates />
        <Shell />
      </NoticeArea>
    </QueryClientProvider>
  );
}

const streamStateStore = { state: 'connecting' as StreamState, listeners: new Set<() => void>() };

function setStreamState(state: StreamState) {
  streamStateStore.state = state;
  streamStateStore.listeners.forEach((listener) => listener());
}

function useStreamState() {
  const [state, setState] = useState(streamStateStore.state);
  useEffect(() => {
    const listener = () => setState(streamStateStore.state);
    streamStateStore.listeners.add(listener);
    return () => void streamStateStore.listeners.delete(listener);
  }, []);
  return state;
}

/** One event stream for the whole page: every change refreshes exactly the reads it affects. */
function LiveUpdates() {
  const queryClient = useQueryClient();
  const { client, canReadEventStream } = useSession();
  useEffect(() => {
    if (!canReadEventStream) {
      setStreamState('polling');
      return;
    }
    setStreamState('connecting');
    const controller = new AbortController();
    let pending: FabricEvent[] = [];
    let flush: ReturnType<typeof setTimeout> | undefined;
    void (async () => {
      try {
        // The first reads may have been answered by a read model still behind events recorded just
        // before the stream opened: the last half minute is replayed, so those reads are refreshed too.
        const from = new Date(serverNow() - STREAM_CATCH_UP_MS).toISOString();
        for await (const event of client.events({ from, signal: controller.signal })) {
          pending.push(event);
          // Bursts (a drain moving twenty VMs) become one refresh per read.
          flush ??= setTimeout(() => {
            flush = undefined;
            const batch = pending;
            pending = [];
            applyEvents(queryClient, batch);
          }, 150);
        }
      } catch {
        if (!controller.signal.aborted) setStreamState('closed');
      }
    })();
    return () => {
      controller.abort();
      clearTimeout(flush);
    };
  }, [client, canReadEventStream, queryClient]);
  return null;
}

const NAVIGATION = [
  { path: '', label: 'Overview', icon: '◧' },
  { path: 'clusters', label: 'Clusters and hosts', icon: '▤' },
  { path: 'vms', label: 'Virtual machines', icon: '▣' },
  { path: 'jobs', label: 'Jobs', icon: '☰' },
  { path: 'upgrades', label: 'Rolling upgrades', icon: '⇪' },
  { path: 'audit', label: 'Audit', icon: '⌕' },
];

function Shell() {
  const route = useRoute();
  const session = useSession();
  const streamState = useStreamState();
  const section = route.path[0] ?? '';
  const can = permissions(session.me.role);
  const navigation = NAVIGATION.filter((item) => {
    if (item.path === 'upgrades') return can.fabric || session.me.role === 'auditor';
    if (item.path === 'audit') return can.events;
    if (item.path === 'clusters') return can.hosts;
    return true;
  });
  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden>
            ▰
          </span>{' '}
          Fabric Manager
        </div>
        <div className="topbar-right">
          <span className={`live live-${streamState}`} data-testid="live-state" title="Updates from the fabric's event stream">
            {streamState === 'live'
              ? 'Live'
              : streamState === 'polling'
                ? 'Refreshing every 3 s'
                : streamState === 'closed'
                  ? 'Not live'
                  : 'Connecting…'}
          </span>
          <span className="whoami" data-testid="whoami">
            {session.me.name} · <strong>{session.me.role}</strong>
            {session.me.tenants.length > 0 && <> · tenants {session.me.tenants.join(', ')}</>}
          </span>
          <button className="button subtle small" onClick={session.signOut}>
            Sign out
          </button>
        </div>
      </header>
      <nav className="sidebar" aria-label="Sections">
        {navigation.map((item) => (
          <a key={item.path} href={href(`/${item.path}`)} className={section === item.path ? 'active' : ''}>
            <span className="nav-icon" aria-hidden>
              {item.icon}
            </span>
            {item.label}
          </a>
        ))}
      </nav>
      <main className="content">
        <PageBoundary key={route.path.join('/')}>
          <Page />
        </PageBoundary>
      </main>
    </div>
  );
}

function Page() {
  const { path } = useRoute();
  const [section, id] = path;
  switch (section) {
    case undefined:
      return <OverviewPage />;
    case 'clusters':
      return <ClustersPage clusterId={id} />;
    case 'vms':
      return id ? <VmPage vmId={id} /> : <VmListPage />;
    case 'jobs':
      return id ? <JobPage jobId={id} /> : <JobsPage />;
    case 'upgrades':
      return id ? <UpgradePage upgradeId={id} /> : <UpgradesPage />;
    case 'audit':
      return <AuditPage />;
    default:
      return <div className="empty">Nothing here. Pick a section on the left.</div>;
  }
}

/** A page that fails to draw says so, and the rest of the console keeps working. */
class PageBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (this.state.error) {
      return (
        <div className="banner banner-error" role="alert">
          This page could not be drawn: {this.state.error.message}
        </div>
      );
    }
    return this.props.children;
  }
}
