import { serverNow } from '../api/fabric';
import { ReactNode, useEffect, useState } from 'react';
import { describeError } from '../session';

const STATE_TONE: Record<string, string> = {
  Running: 'ok',
  Up: 'ok',
  Succeeded: 'ok',
  Completed: 'ok',
  Normal: 'ok',
  Active: 'ok',
  OkApplicationsHealthy: 'ok',
  Replicating: 'ok',
  Monitored: 'ok',
  Off: 'idle',
  Saved: 'idle',
  Pending: 'idle',
  Queued: 'idle',
  Skipped: 'idle',
  Disabled: 'idle',
  Cancelled: 'idle',
  Removed: 'idle',
  Paused: 'warn',
  Warning: 'warn',
  Isolated: 'warn',
  OkApplicationsUnknown: 'warn',
  Suspended: 'warn',
  Unmonitored: 'warn',
  Joining: 'busy',
  Evicting: 'busy',
  Starting: 'busy',
  Stopping: 'busy',
  Saving: 'busy',
  Pausing: 'busy',
  Resuming: 'busy',
  Creating: 'busy',
  Deleting: 'busy',
  InProgress: 'busy',
  Reinstalling: 'busy',
  Enabling: 'busy',
  Resynchronizing: 'busy',
  Down: 'bad',
  Failed: 'bad',
  Critical: 'bad',
  Quarantined: 'bad',
  CreationFailed: 'bad',
  OkApplicationsCritical: 'bad',
  LostCommunication: 'bad',
  NoContact: 'bad',
  Error: 'bad',
  FailedOver: 'warn',
};

const HEARTBEAT_LABEL: Record<string, string> = {
  OkApplicationsHealthy: 'OK',
  OkApplicationsUnknown: 'OK (apps unknown)',
  OkApplicationsCritical: 'OK (apps critical)',
  NoContact: 'No contact',
  LostCommunication: 'Lost communication',
};

export function StateBadge({ state, label }: { state: string | null | undefined; label?: string }) {
  if (!state) return <span className="muted">—</span>;
  return (
    <span className={`badge tone-${STATE_TONE[state] ?? 'idle'}`} data-state={state}>
      {label ?? HEARTBEAT_LABEL[state] ?? state}
    </span>
  );
}

export function ProgressBar({ value, tone }: { value: number; tone?: string }) {
  const percent = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div
      className={`progress ${tone ? `tone-${tone}` : ''}`}
      role="progressbar"
      aria-valuenow={percent}
      aria-valuemin={0}
      aria-valuemax={100}
    >
      <div className="progress-fill" style={{ width: `${percent}%` }} />
      <span className="progress-label">{percent} %</span>
    </div>
  );
}

export function formatMb(mb: number | null | undefined): string {
  if (mb === null || mb === undefined) return '—';
  return mb >= 1024 ? `${(mb / 1024).toFixed(mb >= 10240 ? 0 : 1)} GB` : `${mb} MB`;
}

export function MemoryBar({ usedMb, totalMb }: { usedMb: number; totalMb: number }) {
  const percent = totalMb > 0 ? (usedMb / totalMb) * 100 : 0;
  const tone = percent > 90 ? 'bad' : percent > 75 ? 'warn' : 'ok';
  return (
    <div className="meter" title={`${formatMb(usedMb)} of ${formatMb(totalMb)} in use`}>
      <div className={`meter-fill tone-${tone}`} style={{ width: `${Math.min(100, percent)}%` }} />
      <span className="meter-label">
        {formatMb(usedMb)} / {formatMb(totalMb)}
      </span>
    </div>
  );
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  // The clocks compared are estimates (the server's is known to the second), so an elapsed time just
  // begun can come out slightly negative: it is nothing yet.
  if (ms < 0) ms = 0;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days`;
}

export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function Time({ at }: { at: string | null | undefined }) {
  if (!at) return <span className="muted">—</span>;
  const date = new Date(at);
  return (
    <time dateTime={at} title={date.toISOString()}>
      {date.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' })}
    </time>
  );
}

export function Card(props: {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <section className={`card ${props.className ?? ''}`} data-testid={props.testId}>
      {(props.title || props.actions) && (
        <header className="card-header">
          <h2>{props.title}</h2>
          <div className="card-actions">{props.actions}</div>
        </header>
      )}
      <div className="card-body">{props.children}</div>
    </section>
  );
}

export function Stat(props: { label: string; value: ReactNode; detail?: ReactNode; tone?: string; testId?: string }) {
  return (
    <div className={`stat ${props.tone ? `tone-${props.tone}` : ''}`} data-testid={props.testId}>
      <div className="stat-value">{props.value}</div>
      <div className="stat-label">{props.label}</div>
      {props.detail && <div className="stat-detail">{props.detail}</div>}
    </div>
  );
}

export function ErrorBanner({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <div className="banner banner-error" role="alert">
      {describeError(error)}
    </div>
  );
}

export function Loading({ what }: { what?: string }) {
  return <div className="loading">Loading{what ? ` ${what}` : ''}…</div>;
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="button small"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
        } catch {
          // Clipboard access needs a secure context; select the text instead so Ctrl+C works.
          const range = document.createRange();
          const block = document.activeElement?.closest('.powershell')?.querySelector('code');
          if (block) {
            range.selectNodeContents(block);
            window.getSelection()?.removeAllRanges();
            window.getSelection()?.addRange(range);
          }
        }
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      }}
    >
      {copied ? 'Copied' : label}
    </button>
  );
}

export function PowerShell({ script }: { script: string }) {
  return (
    <div className="powershell">
      <code>{script}</code>
      <CopyButton text={script} />
    </div>
  );
}

export function shortId(id: string | null | undefined): string {
  return id ? id.slice(0, 8) : '—';
}
