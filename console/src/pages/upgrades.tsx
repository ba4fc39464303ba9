import { FormEvent, useState } from 'react';
import { useClusters, useJob, useUpgrade, useUpgrades } from '../api/queries';
import { refined, RollingUpgrade, UpgradePlan } from '../api/types';
import { ConfirmButton, useAction } from '../components/actions';
import { Span, SpanChart } from '../components/timeline';
import { Card, Empty, ErrorBanner, formatDuration, formatMb, Loading, StateBadge, Time, useNow } from '../components/ui';
import { Link, navigate } from '../router';
import { describeError, useCan, useSession } from '../session';

const OS_VERSIONS = ['WS2012R2', 'WS2016', 'WS2019', 'WS2022', 'WS2025'] as const;
type OsVersion = (typeof OS_VERSIONS)[number];

export function UpgradesPage() {
  const upgrades = useUpgrades();
  const clusters = useClusters();
  const can = useCan();
  const names = new Map((clusters.data ?? []).map((c) => [c.id, c.name]));
  return (
    <div className="page" data-testid="upgrades">
      <div className="page-header">
        <h1>Rolling cluster OS upgrades</h1>
      </div>
      {can.fabric && <PlanForm />}
      <Card title="Upgrades">
        <ErrorBanner error={upgrades.error} />
        {upgrades.isLoading && <Loading />}
        {upgrades.data && upgrades.data.length === 0 && <Empty>No rolling upgrade has run yet.</Empty>}
        {upgrades.data && upgrades.data.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th>Cluster</th>
                <th>Target</th>
                <th>State</th>
                <th>Nodes done</th>
                <th>Current</th>
                <th>Started</th>
              </tr>
            </thead>
            <tbody>
              {[...upgrades.data]
                .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
                .map((u) => (
                  <tr key={u.id}>
                    <td>
                      <Link to={`/upgrades/${u.id}`}>{names.get(u.clusterId) ?? u.clusterId.slice(0, 8)}</Link>
                    </td>
                    <td>{u.targetOsVersion}</td>
                    <td>
                      <StateBadge state={u.state} />
                    </td>
                    <td>
                      {u.nodes.filter((n) => n.state === 'Completed' || n.state === 'Skipped').length} / {u.nodes.length}
                    </td>
                    <td>
                      {u.currentNodeId
                        ? `${u.nodes.find((n) => n.hostId === u.currentNodeId)?.name ?? ''} · ${u.currentStep ?? ''}`
                        : '—'}
                    </td>
                    <td>
                      <Time at={u.startedAt} />
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}

function PlanForm() {
  const clusters = useClusters();
  const { client } = useSession();
  const { run, busy } = useAction();
  const [clusterId, setClusterId] = useState('');
  const [target, setTarget] = useState<OsVersion>('WS2016');
  const [raise, setRaise] = useState(true);
  const [plan, setPlan] = useState<UpgradePlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const chosen = clusterId || clusters.data?.[0]?.id || '';
  async function makePlan(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setPlan(null);
    try {
      setPlan(
        refined<UpgradePlan>(
          await client.post('/v1/clusters/{id}/rolling-upgrades', {
            params: { path: { id: chosen } },
            body: { targetOsVersion: target, dryRun: true, raiseFunctionalLevel: raise },
          }),
        ),
      );
    } catch (failure) {
      setError(describeError(failure));
    }
  }
  async function start() {
    const accepted = await run(`Rolling upgrade of ${plan?.clusterName} to ${target}`, () =>
      client.post('/v1/clusters/{id}/rolling-upgrades', {
        params: { path: { id: chosen } },
        body: { targetOsVersion: target, raiseFunctionalLevel: raise, nodeOrder: plan?.nodes.map((n) => n.hostId) },
      }),
    );
    if (accepted && 'id' in accepted) navigate(`/upgrades/${accepted.id}`);
  }
  return (
    <Card title="Plan an upgrade" testId="plan-form">
      <form className="filters" onSubmit={makePlan}>
        <label>
          Cluster
          <select name="cluster" value={chosen} onChange={(e) => (setClusterId(e.target.value), setPlan(null))}>
            {(clusters.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} (
                {c.nodes
                  .map((n) => n.osVersion)
                  .filter((v, i, all) => all.indexOf(v) === i)
                  .join(', ')}
                )
              </option>
            ))}
          </select>
        </label>
        <label>
          Target OS
          <select name="target" value={target} onChange={(e) => (setTarget(e.target.value as OsVersion), setPlan(null))}>
            {OS_VERSIONS.map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={raise} onChange={(e) => (setRaise(e.target.checked), setPlan(null))} /> Raise the
          functional level at the end
        </label>
        <button className="button primary" type="submit" disabled={!chosen}>
          Plan (dry run)
        </button>
      </form>
      {error && <div className="banner banner-error">{error}</div>}
      {plan && <PlanView plan={plan} />}
      {plan && (
        <div className="toolbar">
          <ConfirmButton
            label="Start upgrade"
            confirmLabel={`Start: ${plan.nodes.filter((n) => n.action === 'upgrade').length} nodes to ${plan.targetOsVersion}`}
            disabled={plan.blockers.length > 0 || !!busy}
            onConfirm={start}
          />
          {plan.blockers.length > 0 && <span className="muted">Resolve the blockers first.</span>}
        </div>
      )}
    </Card>
  );
}

function PlanView({ plan }: { plan: UpgradePlan }) {
  return (
    <div className="plan" data-testid="plan">
      <div className="stats">
        <div className="stat">
          <div className="stat-value">{plan.nodes.filter((n) => n.action === 'upgrade').length}</div>
          <div className="stat-label">nodes to upgrade</div>
        </div>
        <div className="stat">
          <div className="stat-value">{plan.nodes.reduce((sum, n) => sum + n.moves.length, 0)}</div>
          <div className="stat-label">VM moves</div>
        </div>
        <div className="stat">
          <div className="stat-value">{formatDuration(plan.estimatedRealWorldMs)}</div>
          <div className="stat-label">estimated on real hardware ({formatDuration(plan.estimatedDurationMs)} here)</div>
        </div>
        <div className={`stat tone-${plan.capacity.ok ? 'ok' : 'bad'}`}>
          <div className="stat-value">{plan.capacity.ok ? 'Fits' : 'Short'}</div>
          <div className="stat-label">
            {formatMb(plan.capacity.runningVmMemoryMb)} running, {formatMb(plan.capacity.capacityWithoutLargestNodeMb)} without
            the largest node
          </div>
        </div>
        <div className="stat">
          <div className="stat-value">
            {plan.functionalLevel.current} →{' '}
            {plan.functionalLevel.raise ? plan.functionalLevel.afterUpgrade : plan.functionalLevel.current}
          </div>
          <div className="stat-label">functional level</div>
        </div>
      </div>
      {plan.blockers.length > 0 && (
        <div className="banner banner-error" data-testid="plan-blockers">
          <strong>Blockers</strong>
          <ul className="blockers">
            {plan.blockers.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        </div>
      )}
      <table className="table">
        <thead>
          <tr>
            <th>#</th>
            <th>Node</th>
            <th>From</th>
            <th>Running VMs</th>
            <th>Drain moves</th>
            <th>Estimate</th>
          </tr>
        </thead>
        <tbody>
          {plan.nodes.map((node, index) => (
            <tr key={node.hostId} data-plan-node={node.name}>
              <td>{index + 1}</td>
              <td>
                <strong>{node.name}</strong> {node.action === 'skip' && <span className="tag idle">already on target</span>}
              </td>
              <td>{node.fromOsVersion}</td>
              <td>{node.runningVms}</td>
              <td>
                {node.moves.length === 0 ? (
                  <span className="muted">none</span>
                ) : (
                  node.moves.map((m) => (
                    <div key={m.vmId} className="small">
                      {m.vmName} → {m.toHostName} <span className="muted">({m.migrationType})</span>
                    </div>
                  ))
                )}
                {node.unplaceable.map((u) => (
                  <div key={u.vmId} className="small tone-bad">
                    {u.vmName}: {u.reason}
                  </div>
                ))}
              </td>
              <td>{formatDuration(node.estimatedDurationMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function UpgradePage({ upgradeId }: { upgradeId: string }) {
  const upgrade = useUpgrade(upgradeId);
  const running = upgrade.data?.state === 'Running' || upgrade.data?.state === 'Paused';
  const now = useNow(running ? 1000 : 3_600_000);
  if (upgrade.isLoading) return <Loading what="the upgrade" />;
  if (!upgrade.data) return <ErrorBanner error={upgrade.error} />;
  const u = upgrade.data;
  const end = u.finishedAt ? Date.parse(u.finishedAt) : now;
  const rows = [
    ...u.nodes.map((node) => ({
      key: node.hostId,
      label: node.name,
      spans: node.steps.map<Span>((step) => ({
        key: `${step.step}-${step.attempt}`,
        label: step.step,
        start: Date.parse(step.startedAt),
        end: step.finishedAt ? Date.parse(step.finishedAt) : null,
        status: step.status,
      })),
    })),
    ...(u.clusterSteps.length > 0
      ? [
          {
            key: 'cluster',
            label: 'cluster',
            spans: u.clusterSteps.map<Span>((step) => ({
              key: `${step.step}-${step.attempt}`,
              label: step.step,
              start: Date.parse(step.startedAt),
              end: step.finishedAt ? Date.parse(step.finishedAt) : null,
              status: step.status,
            })),
          },
        ]
      : []),
  ];
  const currentNode = u.nodes.find((n) => n.hostId === u.currentNodeId);
  const drain = currentNode?.steps.filter((s) => s.step === 'drain').at(-1);
  return (
    <div className="page" data-testid="upgrade-page">
      <div className="page-header">
        <Link to="/upgrades" className="muted">
          Rolling upgrades
        </Link>
        <span className="muted">›</span>
        <h1>Upgrade to {u.targetOsVersion}</h1>
        <span data-testid="upgrade-state">
          <StateBadge state={u.state} />
        </span>
        <span className="muted">
          {formatDuration(end - Date.parse(u.startedAt))}
          {u.estimatedDurationMs ? ` of about ${formatDuration(u.estimatedDurationMs)}` : ''} · {u.vmsMoved} VM moves ·{' '}
          <Link to={`/clusters/${u.clusterId}`}>cluster</Link>
        </span>
      </div>
      {u.failure && (
        <div className="banner banner-error">
          Paused after a failure{u.failure.step ? ` in step ${u.failure.step}` : ''}: {u.failure.detail ?? u.failure.code}. Retry
          the step, skip the node or cancel.
        </div>
      )}
      <Steering upgrade={u} />
      <Card title="Steps per node">
        <SpanChart rows={rows} now={end} />
        <table className="table" data-testid="upgrade-nodes">
          <thead>
            <tr>
              <th>Node</th>
              <th>From</th>
              <th>State</th>
              <th>Steps</th>
              <th>VMs moved</th>
              <th>Took</th>
            </tr>
          </thead>
          <tbody>
            {u.nodes.map((node) => (
              <tr key={node.hostId} data-upgrade-node={node.name} data-node-state={node.state}>
                <td>
                  <strong>{node.name}</strong>
                </td>
                <td>{node.fromOsVersion}</td>
                <td>
                  <StateBadge state={node.state} />
                </td>
                <td>
                  {node.steps.map((s) => (
                    <span
                      key={`${s.step}-${s.attempt}`}
                      className={`tag ${s.status === 'Succeeded' ? 'ok' : s.status === 'Failed' ? 'bad' : 'busy'}`}
                      data-step={s.step}
                      data-step-status={s.status}
                    >
                      {s.step}
                      {s.attempt > 1 ? ` #${s.attempt}` : ''}
                    </span>
                  ))}
                </td>
                <td>{node.vmsMoved.length}</td>
                <td>
                  {node.startedAt
                    ? formatDuration((node.finishedAt ? Date.parse(node.finishedAt) : now) - Date.parse(node.startedAt))
                    : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      {drain?.jobId && u.state !== 'Completed' && <DrainMoves jobId={drain.jobId} nodeName={currentNode!.name} />}
    </div>
  );
}

function DrainMoves({ jobId, nodeName }: { jobId: string; nodeName: string }) {
  const job = useJob(jobId);
  if (!job.data) return null;
  return (
    <Card title={`Draining ${nodeName}`} actions={<Link to={`/jobs/${jobId}`}>Open job</Link>}>
      {job.data.steps.length === 0 && <Empty>Nothing to move.</Empty>}
      <ul className="moves">
        {job.data.steps.map((step, index) => (
          <li key={index}>
            <StateBadge state={step.status} /> {step.name}
          </li>
        ))}
      </ul>
    </Card>
  );
}

function Steering({ upgrade }: { upgrade: RollingUpgrade }) {
  const can = useCan();
  const { client } = useSession();
  const { run, busy } = useAction();
  if (!can.fabric || upgrade.state === 'Completed' || upgrade.state === 'Cancelled' || upgrade.state === 'Failed') return null;
  type Steering =
    | '/v1/rolling-upgrades/{id}/pause'
    | '/v1/rolling-upgrades/{id}/resume'
    | '/v1/rolling-upgrades/{id}/cancel'
    | '/v1/rolling-upgrades/{id}/retry-step'
    | '/v1/rolling-upgrades/{id}/skip-node';
  const steer = (label: string, path: Steering) =>
    run(`${label} upgrade`, () => client.post(path, { params: { path: { id: upgrade.id } } }));
  return (
    <div className="toolbar" data-testid="steering">
      {upgrade.state === 'Running' && (
        <button
          className="button"
          disabled={!!busy || upgrade.pauseRequested}
          onClick={() => steer('Pause', '/v1/rolling-upgrades/{id}/pause')}
        >
          {upgrade.pauseRequested ? 'Pausing after this step…' : 'Pause'}
        </button>
      )}
      {upgrade.state === 'Paused' && (
        <button className="button primary" disabled={!!busy} onClick={() => steer('Resume', '/v1/rolling-upgrades/{id}/resume')}>
          Resume
        </button>
      )}
      {upgrade.failure && (
        <>
          <button
            className="button"
            disabled={!!busy}
            onClick={() => steer('Retry step of', '/v1/rolling-upgrades/{id}/retry-step')}
          >
            Retry step
          </button>
          <ConfirmButton
            label="Skip node"
            disabled={!!busy}
            onConfirm={() => steer('Skip node in', '/v1/rolling-upgrades/{id}/skip-node')}
          />
        </>
      )}
      <ConfirmButton
        label="Cancel"
        danger
        disabled={!!busy || upgrade.cancelRequested}
        onConfirm={() => steer('Cancel', '/v1/rolling-upgrades/{id}/cancel')}
      />
    </div>
  );
}
