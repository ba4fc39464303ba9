import { useEffect, useMemo, useState } from 'react';
import { serverNow } from '../api/fabric';
import { FabricEvent } from '../api/types';
import { Card, Empty, Time } from '../components/ui';
import { Link, navigate, useRoute } from '../router';
import { describeError, useSession } from '../session';

const KEPT_EVENTS = 2000;
const FILTERS = ['actor', 'streamId', 'type', 'correlationId'] as const;
type Filter = Partial<Record<(typeof FILTERS)[number] | 'from', string>>;

/** Where an event's resource is shown in the console. */
function resourceLink(streamId: string): { path: string; label: string } | null {
  const match = /^(vm|job|cluster|rolling-upgrade|replication|host|api-key)-(.+)$/.exec(streamId);
  if (!match) return null;
  const [, kind, id] = match;
  const path =
    kind === 'vm' || kind === 'replication'
      ? `/vms/${id}`
      : kind === 'job'
        ? `/jobs/${id}`
        : kind === 'cluster'
          ? `/clusters/${id}`
          : kind === 'rolling-upgrade'
            ? `/upgrades/${id}`
            : null;
  return path ? { path, label: `${kind} ${id.slice(0, 8)}` } : null;
}

export function AuditPage() {
  const route = useRoute();
  const filter: Filter = useMemo(() => {
    const result: Filter = {};
    for (const name of [...FILTERS, 'from'] as const) {
      const value = route.params.get(name);
      if (value) result[name] = value;
    }
    return result;
  }, [route.params]);
  const [lastHour] = useState(() => new Date(serverNow() - 3600_000).toISOString());
  const from = filter.from ?? lastHour;
  const [events, setEvents] = useState<FabricEvent[]>([]);
  const { client } = useSession();
  const [problem, setProblem] = useState<string | undefined>();
  const [open, setOpen] = useState<string | null>(null);
  const key = JSON.stringify({ ...filter, from });

  useEffect(() => {
    setEvents([]);
    setProblem(undefined);
    const controller = new AbortController();
    let pending: FabricEvent[] = [];
    let flush: ReturnType<typeof setTimeout> | undefined;
    void (async () => {
      try {
        for await (const event of client.events({ ...filter, from, signal: controller.signal })) {
          pending.push(event);
          // The backlog arrives in bursts: one render per burst, newest first.
          flush ??= setTimeout(() => {
            flush = undefined;
            const batch = pending.reverse();
            pending = [];
            setEvents((current) => [...batch, ...current].slice(0, KEPT_EVENTS));
          }, 100);
        }
      } catch (error) {
        if (!controller.signal.aborted) setProblem(describeError(error));
      }
    })();
    return () => {
      controller.abort();
      clearTimeout(flush);
    };
    // The key captures every input of the stream.
  }, [key, client]);

  const setFilter = (name: keyof Filter, value: string | undefined) =>
    navigate('/audit', { ...filter, [name]: value || undefined }, true);

  return (
    <div className="page" data-testid="audit">
      <div className="page-header">
        <h1>Audit</h1>
        <span className="muted">every event since {new Date(from).toLocaleString()}, newest first</span>
      </div>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          const next: Record<string, string | undefined> = {};
          for (const name of [...FILTERS, 'from'] as const) {
            const value = String(data.get(name) ?? '').trim();
            next[name] = name === 'from' && value ? new Date(value).toISOString() : value || undefined;
          }
          navigate('/audit', next, true);
        }}
        key={key}
      >
        <label>
          Actor
          <input name="actor" defaultValue={filter.actor} placeholder="key name or system:…" />
        </label>
        <label>
          Stream
          <input name="streamId" defaultValue={filter.streamId} placeholder="vm-…" />
        </label>
        <label>
          Type
          <input name="type" defaultValue={filter.type} placeholder="VmStarted,VmStopped" />
        </label>
        <label>
          Correlation id
          <input name="correlationId" defaultValue={filter.correlationId} />
        </label>
        <label>
          Since
          <input name="from" type="datetime-local" defaultValue={toLocalInput(from)} />
        </label>
        <button className="button primary" type="submit">
          Apply
        </button>
        {Object.keys(filter).length > 0 && (
          <button className="button subtle" type="button" onClick={() => navigate('/audit', {}, true)}>
            Clear
          </button>
        )}
      </form>
      {problem && <div className="banner banner-error">{problem}</div>}
      <Card>
        {events.length === 0 ? (
          <Empty>
            No events yet{Object.keys(filter).length > 0 ? ' matching the filters' : ''}; new ones appear here as they happen.
          </Empty>
        ) : (
          <table className="table audit-table" data-testid="audit-events">
            <thead>
              <tr>
                <th>Recorded</th>
                <th>Event</th>
                <th>Resource</th>
                <th>Actor</th>
                <th>Request</th>
                <th>#</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => {
                const link = resourceLink(event.streamId);
                return (
                  <AuditRow
                    key={event.eventId}
                    event={event}
                    link={link}
                    open={open === event.eventId}
                    toggle={() => setOpen(open === event.eventId ? null : event.eventId)}
                    setFilter={setFilter}
                  />
                );
              })}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}

function AuditRow(props: {
  event: FabricEvent;
  link: { path: string; label: string } | null;
  open: boolean;
  toggle: () => void;
  setFilter: (name: keyof Filter, value: string) => void;
}) {
  const { event, link, open, toggle, setFilter } = props;
  const correlation = event.metadata.correlationId;
  return (
    <>
      <tr data-event-type={event.type}>
        <td>
          <Time at={event.recordedAt} />
        </td>
        <td>
          <button className="linklike" onClick={toggle} aria-expanded={open}>
            {event.type}
          </button>
        </td>
        <td>{link ? <Link to={link.path}>{link.label}</Link> : <span className="muted">{event.streamId}</span>}</td>
        <td>
          <button className="linklike" onClick={() => setFilter('actor', event.metadata.actor ?? '')} title="Only this actor">
            {event.metadata.actor ?? '—'}
          </button>
          {event.metadata.role && <span className="muted small"> {event.metadata.role}</span>}
        </td>
        <td>
          {correlation ? (
            <button
              className="linklike mono"
              onClick={() => setFilter('correlationId', correlation)}
              title="Every event of this request"
            >
              {correlation.slice(0, 8)}
            </button>
          ) : (
            '—'
          )}
        </td>
        <td className="muted">{event.globalPosition}</td>
      </tr>
      {open && (
        <tr className="detail-row">
          <td colSpan={6}>
            <pre className="json">
              {JSON.stringify(
                { data: event.data, metadata: event.metadata, streamId: event.streamId, streamVersion: event.streamVersion },
                null,
                2,
              )}
            </pre>
          </td>
        </tr>
      )}
    </>
  );
}

function toLocalInput(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
