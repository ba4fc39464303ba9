import { useState } from 'react';
import { useCluster, useClusters, useHosts, useVms } from '../api/queries';
import { Cluster, ClusterNode, FunctionalLevelVerdict, refined } from '../api/types';
import { ConfirmButton, useAction } from '../components/actions';
import { Card, Empty, ErrorBanner, formatDuration, Loading, MemoryBar, StateBadge, Time, useNow } from '../components/ui';
import { Link } from '../router';
import { describeError, useCan, useSession } from '../session';

export function ClustersPage({ clusterId }: { clusterId?: string }) {
  const clusters = useClusters();
  const hosts = useHosts();
  const selected = clusterId ?? clusters.data?.[0]?.id;
  const standalone = (hosts.data ?? []).filter((h) => !h.clusterId);
  return (
    <div className="page split">
      <aside className="tree" aria-label="Clusters and hosts">
        <div className="tree-title">Failover clusters</div>
        {clusters.isLoading && <Loading />}
        {(clusters.data ?? []).map((cluster) => (
          <div key={cluster.id}>
            <Link to={`/clusters/${cluster.id}`} className={`tree-item${cluster.id === selected ? ' active' : ''}`}>
              <span aria-hidden>▤</span> {cluster.name}
              {cluster.mixedMode && <span className="tag warn">mixed</span>}
            </Link>
            {cluster.nodes.map((node) => (
              <div key={node.hostId} className="tree-item child">
                <span className={`dot tone-${node.state === 'Up' ? 'ok' : node.state === 'Paused' ? 'warn' : 'bad'}`} />{' '}
                {node.name}
              </div>
            ))}
          </div>
        ))}
        <div className="tree-title">Standalone hosts</div>
        {standalone.length === 0 && <div className="tree-item child muted">none</div>}
        {standalone.map((host) => (
          <div key={host.id} className="tree-item child">
            <span className={`dot tone-${host.state === 'Up' ? 'ok' : 'bad'}`} /> {host.name}{' '}
            <span className="muted">{host.osVersion}</span>
          </div>
        ))}
      </aside>
      <div className="split-main">
        <ErrorBanner error={clusters.error} />
        {selected ? <ClusterView clusterId={selected} /> : !clusters.isLoading && <Empty>No clusters yet.</Empty>}
      </div>
    </div>
  );
}

function ClusterView({ clusterId }: { clusterId: string }) {
  const cluster = useCluster(clusterId);
  const vms = useVms({ clusterId });
  const can = useCan();
  const now = useNow(30_000);
  if (cluster.isLoading) return <Loading what="the cluster" />;
  if (!cluster.data) return <ErrorBanner error={cluster.error} />;
  const c = cluster.data;
  const capacity = c.capacity ?? { nodesUp: 0, memoryUsedMb: 0, memoryMb: 0, vmCount: 0, vmsByState: {}, logicalProcessors: 0 };
  const vmsByHost = new Map<string, typeof vms.data>();
  for (const vm of vms.data ?? []) {
    if (!vm.hostId) continue;
    vmsByHost.set(vm.hostId, [...(vmsByHost.get(vm.hostId) ?? []), vm]);
  }
  return (
    <div data-testid="cluster-view">
      <div className="page-header">
        <h1>{c.name}</h1>
        <StateBadge state={c.status} />
        <span className="muted">Functional level {c.functionalLevel}</span>
        {c.mixedMode && (
          <span className="tag warn">
            mixed mode for {formatDuration(c.mixedModeSince ? now - Date.parse(c.mixedModeSince) : 0)}
          </span>
        )}
      </div>
      {c.warnings.map((warning) => (
        <div key={warning} className="banner banner-warn">
          {warning}
        </div>
      ))}
      <div className="stats">
        <div className="stat">
          <div className="stat-value">
            {capacity.nodesUp}/{c.nodes.length}
          </div>
          <div className="stat-label">Nodes up</div>
        </div>
        <div className="stat wide">
          <MemoryBar usedMb={capacity.memoryUsedMb} totalMb={capacity.memoryMb} />
          <div className="stat-label">Memory (the cluster as one host)</div>
        </div>
        <div className="stat">
          <div className="stat-value">{capacity.vmCount}</div>
          <div className="stat-label">
            VMs ·{' '}
            {Object.entries(capacity.vmsByState)
              .map(([s, n]) => `${n} ${s}`)
              .join(' · ')}
          </div>
        </div>
        <div className="stat">
          <div className="stat-value">{capacity.logicalProcessors}</div>
          <div className="stat-label">Logical processors</div>
        </div>
      </div>
      {can.fabric && <FunctionalLevel cluster={c} />}
      <Card title="Nodes">
        <table className="table" data-testid="nodes">
          <thead>
            <tr>
              <th>Node</th>
              <th>State</th>
              <th>OS</th>
              <th>Memory</th>
              <th>VMs</th>
              <th>Live migrations</th>
              {can.fabric && <th>Actions</th>}
            </tr>
          </thead>
          <tbody>
            {c.nodes.map((node) => (
              <NodeRow key={node.hostId} cluster={c} node={node} vms={vmsByHost.get(node.hostId) ?? []} />
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}

function NodeRow({
  cluster,
  node,
  vms,
}: {
  cluster: Cluster;
  node: ClusterNode;
  vms: { id: string; name: string; state: string; heartbeat: string }[];
}) {
  const [open, setOpen] = useState(false);
  const can = useCan();
  const { client } = useSession();
  const { run, busy } = useAction();
  const path = { id: cluster.id, hostId: node.hostId };
  return (
    <>
      <tr data-node={node.name}>
        <td>
          <button className="disclosure" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? '▾' : '▸'}
          </button>{' '}
          <strong>{node.name}</strong>
          {node.recentFailures.length > 0 && <span className="tag bad">{node.recentFailures.length} recent failures</span>}
        </td>
        <td>
          <StateBadge state={node.state} />
          {node.quarantinedUntil && (
            <div className="muted small">
              until <Time at={node.quarantinedUntil} />
            </div>
          )}
        </td>
        <td>{node.osVersion}</td>
        <td className="wide">
          <MemoryBar usedMb={node.memoryUsedMb} totalMb={node.memoryMb} />
        </td>
        <td>{node.vmCount}</td>
        <td>
          {node.runningLiveMigrations} / {node.maximumLiveMigrations}
        </td>
        {can.fabric && (
          <td className="actions">
            {node.state === 'Up' && (
              <ConfirmButton
                small
                label="Pause and drain"
                disabled={!!busy}
                onConfirm={() =>
                  run(`Pause and drain ${node.name}`, () =>
                    client.post('/v1/clusters/{id}/nodes/{hostId}/pause', { params: { path }, body: { drain: true } }),
                  )
                }
              />
            )}
            {node.state === 'Paused' && (
              <>
                <button
                  className="button small"
                  disabled={!!busy}
                  onClick={() =>
                    run(`Resume ${node.name}`, () =>
                      client.post('/v1/clusters/{id}/nodes/{hostId}/resume', { params: { path }, body: { failback: true } }),
                    )
                  }
                >
                  Resume (fail back)
                </button>
                <ConfirmButton
                  small
                  danger
                  label="Evict"
                  disabled={!!busy}
                  onConfirm={() =>
                    run(`Evict ${node.name}`, () => client.delete('/v1/clusters/{id}/nodes/{hostId}', { params: { path } }))
                  }
                />
              </>
            )}
            {node.state === 'Quarantined' && (
              <button
                className="button small"
                disabled={!!busy}
                onClick={() =>
                  run(`Clear quarantine of ${node.name}`, () =>
                    client.post('/v1/clusters/{id}/nodes/{hostId}/clear-quarantine', { params: { path } }),
                  )
                }
              >
                Clear quarantine
              </button>
            )}
          </td>
        )}
      </tr>
      {open && (
        <tr className="detail-row">
          <td colSpan={7}>
            {vms.length === 0 ? (
              <span className="muted">No VMs on this node.</span>
            ) : (
              <ul className="chips">
                {vms.map((vm) => (
                  <li key={vm.id}>
                    <Link to={`/vms/${vm.id}`}>{vm.name}</Link> <StateBadge state={vm.state} />
                  </li>
                ))}
              </ul>
            )}
          </td>
        </tr>
      )}
    </>
  );
}

function FunctionalLevel({ cluster }: { cluster: Cluster }) {
  const { client } = useSession();
  const { run, busy } = useAction();
  const [verdict, setVerdict] = useState<FunctionalLevelVerdict | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function whatIf() {
    setError(null);
    try {
      setVerdict(
        refined<FunctionalLevelVerdict>(
          await client.post('/v1/clusters/{id}/functional-level', {
            params: { path: { id: cluster.id } },
            body: { whatIf: true },
          }),
        ),
      );
    } catch (failure) {
      setError(describeError(failure));
    }
  }
  return (
    <Card
      title="Cluster functional level"
      actions={
        <button className="button small" onClick={whatIf}>
          Check what raising it needs
        </button>
      }
    >
      <p>
        Level <strong>{cluster.functionalLevel}</strong>. Raising it is irreversible: nodes on an older OS can no longer join.
      </p>
      {error && <div className="banner banner-error">{error}</div>}
      {verdict && (
        <div className="verdict" data-testid="functional-level-verdict">
          {verdict.canRaise ? (
            <>
              <p className="tone-ok">
                Level {verdict.fromLevel} → {verdict.toLevel}: no blockers.
              </p>
              <ConfirmButton
                label={`Raise to ${verdict.toLevel}`}
                disabled={!!busy}
                onConfirm={() =>
                  run(`Raise functional level of ${cluster.name}`, () =>
                    client.post('/v1/clusters/{id}/functional-level', { params: { path: { id: cluster.id } }, body: {} }),
                  )
                }
              />
            </>
          ) : (
            <>
              <p>
                Level {verdict.fromLevel} → {verdict.toLevel} is blocked by:
              </p>
              <ul className="blockers">
                {verdict.blockers.map((blocker) => (
                  <li key={blocker}>{blocker}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </Card>
  );
}
