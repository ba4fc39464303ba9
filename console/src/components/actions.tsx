import { createContext, ReactNode, useCallback, useContext, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from '../router';
import { describeError } from '../session';

interface Notice {
  id: number;
  tone: 'ok' | 'bad';
  text: string;
  jobId?: string;
}

const NoticeContext = createContext<(notice: Omit<Notice, 'id'>) => void>(() => undefined);
let nextNoticeId = 1;

export function NoticeArea({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const push = useCallback((notice: Omit<Notice, 'id'>) => {
    const id = nextNoticeId++;
    setNotices((current) => [...current.slice(-3), { ...notice, id }]);
    setTimeout(() => setNotices((current) => current.filter((n) => n.id !== id)), notice.tone === 'bad' ? 12_000 : 6_000);
  }, []);
  return (
    <NoticeContext.Provider value={push}>
      {children}
      <div className="notices" aria-live="polite">
        {notices.map((notice) => (
          <div key={notice.id} className={`notice tone-${notice.tone}`} role={notice.tone === 'bad' ? 'alert' : 'status'}>
            <span>{notice.text}</span>
            {notice.jobId && (
              <Link to={`/jobs/${notice.jobId}`} className="notice-link">
                Open job
              </Link>
            )}
            <button
              className="notice-close"
              aria-label="Dismiss"
              onClick={() => setNotices((c) => c.filter((n) => n.id !== notice.id))}
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </NoticeContext.Provider>
  );
}

/** Runs a command, tells the administrator what happened, and refreshes the reads it touches. */
export function useAction() {
  const notify = useContext(NoticeContext);
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<string | null>(null);
  const run = useCallback(
    async <T,>(label: string, command: () => Promise<T>): Promise<T | undefined> => {
      setBusy(label);
      try {
        const result = await command();
        const jobId = (result as { jobId?: unknown } | undefined)?.jobId;
        notify({
          tone: 'ok',
          text: jobId ? `${label}: accepted` : `${label}: done`,
          jobId: typeof jobId === 'string' ? jobId : undefined,
        });
        void queryClient.invalidateQueries();
        return result;
      } catch (error) {
        notify({ tone: 'bad', text: `${label}: ${describeError(error)}` });
        return undefined;
      } finally {
        setBusy(null);
      }
    },
    [notify, queryClient],
  );
  return { run, busy };
}

/** A button that asks once more before an action that cannot be undone. */
export function ConfirmButton(props: {
  label: string;
  confirmLabel?: string;
  onConfirm: () => void;
  disabled?: boolean;
  danger?: boolean;
  small?: boolean;
  title?: string;
}) {
  const [asking, setAsking] = useState(false);
  const size = props.small ? ' small' : '';
  if (!asking) {
    return (
      <button
        type="button"
        className={`button${size}${props.danger ? ' danger' : ''}`}
        disabled={props.disabled}
        title={props.title}
        onClick={() => setAsking(true)}
      >
        {props.label}
      </button>
    );
  }
  return (
    <span className="confirm">
      <button
        type="button"
        className={`button${size} danger`}
        onClick={() => {
          setAsking(false);
          props.onConfirm();
        }}
      >
        {props.confirmLabel ?? `Confirm ${props.label.toLowerCase()}`}
      </button>
      <button type="button" className={`button${size} subtle`} onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
