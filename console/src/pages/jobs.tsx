import { useState } from 'react';
import { useJob, useJobs } from '../api/queries';
import { Job } from '../api/types';
import { useAction } from '../components/actions';
import {
  Card,
  Empty,
  ErrorBanner,
  formatDuration,
  Loading,
  PowerShell,
  ProgressBar,
  StateBadge,
  Time,
  useNow,
} from '../components/ui';
import { Link, navigate, useRoute } from '../router';
import { useCan, useSession } from '../session';

const STATUSES = ['Queued', 'Running', 'Succeeded', 'Failed', 'Cancelled'];

function targetLink(job: Job) {
  const path =
    job.target.type === 'vm' ? `/vms/${job.target.id}` : job.target.type === 'cluster' ? `/clusters/${job.target.id}` : null;
  const label = `${job.target.type} ${job.target.id.slice(0, 8)}`;
  return path ? <Link to={path}>{label}</Link> : <span>{label}</span>;
}

function progressTone(job: Job) {
  return job.status === 'Failed' ? 'bad' : job.status === 'Succeeded' ? 'ok' : job.status === 'Cancelled' ? 'idle' : undefined;
}

export function JobsPage() {
  const route = useRoute();
  const status = (route.params.get('status') ?? '') as Job['status'] | '';
  const kind = route.params.get('kind') ?? '';
  const jobs = useJobs({ status: status || undefined, kind: kind || undefined });
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div className="page" data-testid="jobs">
      <div className="page-header">
        <h1>Jobs</h1>
        <span className="muted">newest first</span>
      </div>
      <div className="filters">
        <label>
          Status
          <select value={status} onChange={(e) => navigate('/jobs', { status: e.target.value, kind }, true)}>
            <option value="">any</option>
            {STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Kind
          <input
            defaultValue={kind}
            placeholder="e.g. start-vm"
            onKeyDown={(e) =>
              e.key === 'Enter' && navigate('/jobs', { status, kind: (e.target as HTMLInputElement).value.trim() }, true)
            }
          />
        </label>
      </div>
      <ErrorBanner error={jobs.error} />
      {jobs.isLoading && <Loading />}
      <Card>
        {jobs.data && jobs.data.items.length === 0 && <Empty>No jobs.</Empty>}
        {jobs.data && jobs.data.items.length > 0 && (
          <table className="table jobs-table">
            <thead>
              <tr>
                <th />
                <th>Job</th>
                <th>Target</th>
                <th>Status</th>
                <th className="wide">Progress</th>
                <th>Requested by</th>
                <th>Created</th>
                <th>Duration</th>
              </tr>
            </thead>
            <tbody>
              {jobs.data.items.map((job) => (
                <JobRow key={job.id} job={job} open={open === job.id} toggle={() => setOpen(open === job.id ? null : job.id)} />
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}

function JobRow({ job, open, toggle }: { job: Job; open: boolean; toggle: () => void }) {
  const now = useNow(job.status === 'Running' ? 1000 : 60_000);
  const duration = job.startedAt ? (job.finishedAt ? Date.parse(job.finishedAt) : now) - Date.parse(job.startedAt) : null;
  return (
    <>
      <tr data-job={job.kind} data-status={job.status}>
        <td>
          <button className="disclosure" aria-expanded={open} aria-label="Steps" onClick={toggle}>
            {open ? '▾' : '▸'}
          </button>
        </td>
        <td>
          <Link to={`/jobs/${job.id}`}>{job.kind}</Link>
        </td>
        <td>{targetLink(job)}</td>
        <td>
          <StateBadge state={job.status} />
        </td>
        <td className="wide">
          <ProgressBar value={job.progress} tone={progressTone(job)} />
        </td>
        <td>{job.requestedBy}</td>
        <td>
          <Time at={job.createdAt} />
        </td>
        <td>{formatDuration(duration)}</td>
      </tr>
      {open && (
        <tr className="detail-row">
          <td colSpan={8}>
            <JobDetail job={job} />
          </td>
        </tr>
      )}
    </>
  );
}

function JobDetail({ job }: { job: Job }) {
  const can = useCan();
  const { client } = useSession();
  const { run, busy } = useAction();
  const finished = job.status === 'Succeeded' || job.status === 'Failed' || job.status === 'Cancelled';
  return (
    <div className="job-detail">
      {job.error && (
        <div className="banner banner-error">
          {job.error.detail} ({job.error.code})
        </div>
      )}
      {can.jobs && (
        <div className="toolbar">
          {!finished && (
            <button
              className="button small"
              disabled={!!busy}
              onClick={() =>
                run(`Cancel ${job.kind}`, () => client.post('/v1/jobs/{id}/cancel', { params: { path: { id: job.id } } }))
              }
            >
              Cancel job
            </button>
          )}
          {(job.status === 'Failed' || job.status === 'Cancelled') && (
            <button
              className="button small"
              disabled={!!busy}
              onClick={() =>
                run(`Restart ${job.kind}`, () => client.post('/v1/jobs/{id}/restart', { params: { path: { id: job.id } } }))
              }
            >
              Restart job
            </button>
          )}
        </div>
      )}
      <ol className="steps">
        {job.steps.map((step, index) => (
          <li key={`${index}-${step.name}`} className={`step status-${step.status}`} data-step-status={step.status}>
            <div className="step-head">
              <StateBadge state={step.status} />
              <span className="step-name">{step.name}</span>
              <span className="muted small">
                {step.startedAt && <Time at={step.startedAt} />}
                {step.finishedAt && step.startedAt && (
                  <> · {formatDuration(Date.parse(step.finishedAt) - Date.parse(step.startedAt))}</>
                )}
              </span>
            </div>
            {step.powershell && <PowerShell script={step.powershell} />}
          </li>
        ))}
        {job.steps.length === 0 && <li className="muted">No steps yet.</li>}
      </ol>
    </div>
  );
}

export function JobPage({ jobId }: { jobId: string }) {
  const job = useJob(jobId);
  if (job.isLoading) return <Loading what="the job" />;
  if (!job.data) return <ErrorBanner error={job.error} />;
  const j = job.data;
  return (
    <div className="page" data-testid="job-page">
      <div className="page-header">
        <Link to="/jobs" className="muted">
          Jobs
        </Link>
        <span className="muted">›</span>
        <h1>{j.kind}</h1>
        <span data-testid="job-status">
          <StateBadge state={j.status} />
        </span>
      </div>
      <Card>
        <div className="job-summary">
          <ProgressBar value={j.progress} tone={progressTone(j)} />
          <dl className="properties inline">
            <dt>Target</dt>
            <dd>{targetLink(j)}</dd>
            <dt>Requested by</dt>
            <dd>{j.requestedBy}</dd>
            <dt>Created</dt>
            <dd>
              <Time at={j.createdAt} />
            </dd>
            <dt>Attempt</dt>
            <dd>{j.attempt}</dd>
          </dl>
        </div>
        <JobDetail job={j} />
      </Card>
    </div>
  );
}
