import { useQuery } from '@tanstack/react-query';
import { useClusters, useHosts, useJobs, useVms } from '../api/queries';
import { fresh } from '../api/fabric';
import { refined, Replication } from '../api/types';
import {
  Card,
  Empty,
  ErrorBanner,
  formatDuration,
  Loading,
  MemoryBar,
  ProgressBar,
  Stat,
  StateBadge,
  Time,
  useNow,
} from '../components/ui';
import { Link } from '../router';
import { useCan, useSession } from '../session';

const FOUR_WEEKS_MS = 28 * 24 * 3600 * 1000;

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/** Replication has no fleet-wide list: the simulated fleet names the replicating VMs, each is then read. */
function useReplicationHealth(enabled: boolean) {
  const { client } = useSession();
  return useQuery({
    queryKey: ['overview', 'replication'],
    enabled,
    queryFn: async () => {
      const fleet = await client.get('/v1/simulator', fresh());
      const vmIds = [...new Set(fleet.replicas.map((replica) => replica.vmId))].slice(0, 100);
      const states = await Promise.all(
        vmIds.map((vmId) =>
          client
            .get('/v1/vms/{id}/replication', { params: { path: { id: vmId } }, ...fresh() })
            .then((state) => refined<Replication>(state))
            .catch(() => null),
        ),
      );
      return states.filter((state): state is Replication => state !== null && state.state !== 'Removed');
    },
  });
}

export function OverviewPage() {
  const can = useCan();
  const { me } = useSession();
  const now = useNow(60_000);
  const hosts = useHosts(can.hosts);
  const clusters = useClusters(can.hosts);
  const vms = useVms({});
  const failedJobs = useJobs({ status: 'Failed' }, 8);
  const runningJobs = useJobs({ status: 'Running' }, 8);
  const replication = useReplicationHealth(me.role !== 'vm-operator');

  if (clusters.isLoading || vms.isLoading) return <Loading what="the fabric" />;
  const hostList = hosts.data ?? [];
  const clusterList = clusters.data ?? [];
  const vmList = vms.data ?? [];
  const hostStates = countBy(hostList, (h) => h.state);
  const vmStates = countBy(vmList, (v) => v.state);
  const heartbeats = countBy(vmList, (v) => v.heartbeat);
  const troubledNodes = clusterList.flatMap((cluster) =>
    cluster.nodes
      .filter((n) => n.state === 'Quarantined' || n.state === 'Isolated' || n.state === 'Down')
      .map((node) => ({ cluster, node })),
  );
  const mixed = clusterList.filter((c) => c.mixedMode);
  const replicationStates = replication.data ?? [];
  const replicationHealth = countBy(replicationStates, (r) => r.health);
  const criticalVms = heartbeats.OkApplicationsCritical ?? 0;

  return (
    <div className="page" data-testid="overview">
      <div className="page-header">
        <h1>Fabric overview</h1>
      </div>
      <ErrorBanner error={clusters.error ?? vms.error ?? hosts.error} />
      <div className="stats">
        {can.hosts && (
          <Stat
            testId="stat-hosts"
            label="Hosts"
            value={hostList.length}
            detail={Object.entries(hostStates)
              .map(([state, n]) => `${n} ${state}`)
              .join(' · ')}
            tone={(hostStates.Down ?? 0) > 0 ? 'bad' : undefined}
          />
        )}
        <Stat
          testId="stat-clusters"
          label="Failover clusters"
          value={clusterList.length}
          detail={mixed.length > 0 ? `${mixed.length} in mixed mode` : 'none in mixed mode'}
          tone={mixed.length > 0 ? 'warn' : undefined}
        />
        <Stat
          testId="stat-vms"
          label="Virtual machines"
          value={vms.data && vms.data.length >= 2000 ? '2000+' : vmList.length}
          detail={
            ['Running', 'Off', 'Saved', 'Paused']
              .filter((s) => vmStates[s])
              .map((s) => `${vmStates[s]} ${s}`)
              .join(' · ') || 'none yet'
          }
        />
        <Stat
          testId="stat-heartbeat"
          label="Guests reporting critical applications"
          value={criticalVms}
          detail={`${heartbeats.OkApplicationsUnknown ?? 0} unknown · ${heartbeats.OkApplicationsHealthy ?? 0} healthy`}
          tone={criticalVms > 0 ? 'bad' : 'ok'}
        />
        {me.role !== 'vm-operator' && (
          <Stat
            testId="stat-replication"
            label="Replicated VMs"
            value={replicationStates.length}
            detail={
              replicationStates.length === 0
                ? 'no replication'
                : ['Normal', 'Warning', 'Critical']
                    .filter((h) => replicationHealth[h])
                    .map((h) => `${replicationHealth[h]} ${h}`)
                    .join(' · ')
            }
            tone={replicationHealth.Critical ? 'bad' : replicationHealth.Warning ? 'warn' : undefined}
          />
        )}
      </div>

      <div className={can.hosts ? 'grid two' : ''}>
        {can.hosts && (
          <Card title="Cluster capacity" testId="cluster-capacity">
            {clusterList.length === 0 ? (
              <Empty>No clusters.</Empty>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th>Cluster</th>
                    <th>Nodes up</th>
                    <th>Level</th>
                    <th>Memory used / total</th>
                    <th>Running VMs</th>
                  </tr>
                </thead>
                <tbody>
                  {clusterList.map((cluster) => (
                    <tr key={cluster.id}>
                      <td>
                        <Link to={`/clusters/${cluster.id}`}>{cluster.name}</Link>
                        {cluster.mixedMode && <span className="tag warn">mixed mode</span>}
                      </td>
                      <td>
                        {cluster.capacity?.nodesUp ?? 0} / {cluster.nodes.length}
                      </td>
                      <td>{cluster.functionalLevel}</td>
                      <td className="wide">
                        <MemoryBar usedMb={cluster.capacity?.memoryUsedMb ?? 0} totalMb={cluster.capacity?.memoryMb ?? 0} />
                      </td>
                      <td>
                        {cluster.capacity?.vmsByState.Running ?? 0} of {cluster.capacity?.vmCount ?? 0}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Card>
        )}

        <Card title="Needs attention" testId="attention">
          <ul className="attention">
            {mixed.map((cluster) => {
              const since = cluster.mixedModeSince ? now - Date.parse(cluster.mixedModeSince) : 0;
              return (
                <li key={cluster.id} className={since > FOUR_WEEKS_MS ? 'tone-bad' : 'tone-warn'}>
                  <Link to={`/clusters/${cluster.id}`}>{cluster.name}</Link> has been in mixed mode for {formatDuration(since)}
                  {since > FOUR_WEEKS_MS
                    ? ' — more than four weeks: finish the upgrade and raise the functional level.'
                    : ' (finish within four weeks).'}
                </li>
              );
            })}
            {troubledNodes.map(({ cluster, node }) => (
              <li key={node.hostId} className={node.state === 'Isolated' ? 'tone-warn' : 'tone-bad'}>
                Node <strong>{node.name}</strong> of <Link to={`/clusters/${cluster.id}`}>{cluster.name}</Link> is{' '}
                <StateBadge state={node.state} />
                {node.quarantinedUntil && (
                  <>
                    {' '}
                    until <Time at={node.quarantinedUntil} />
                  </>
                )}
              </li>
            ))}
            {replicationStates
              .filter((r) => r.health !== 'Normal')
              .map((r) => (
                <li key={r.vmId} className={r.health === 'Critical' ? 'tone-bad' : 'tone-warn'}>
                  Replication of <Link to={`/vms/${r.vmId}`}>{vmList.find((v) => v.id === r.vmId)?.name ?? r.vmId}</Link> is{' '}
                  <StateBadge state={r.health} /> {r.healthReason}
                </li>
              ))}
            {(failedJobs.data?.items ?? []).map((job) => (
              <li key={job.id} className="tone-bad">
                <Link to={`/jobs/${job.id}`}>{job.kind}</Link> failed <Time at={job.finishedAt} />: {job.error?.detail}
              </li>
            ))}
            {mixed.length + troubledNodes.length + (failedJobs.data?.items.length ?? 0) === 0 &&
              replicationStates.every((r) => r.health === 'Normal') && <li className="tone-ok">Nothing needs attention.</li>}
          </ul>
        </Card>
      </div>

      <Card title="Jobs running now" actions={<Link to="/jobs">All jobs</Link>}>
        {(runningJobs.data?.items ?? []).length === 0 ? (
          <Empty>No job is running.</Empty>
        ) : (
          <table className="table">
            <tbody>
              {runningJobs.data!.items.map((job) => (
                <tr key={job.id}>
                  <td>
                    <Link to={`/jobs/${job.id}`}>{job.kind}</Link>
                  </td>
                  <td className="wide">
                    <ProgressBar value={job.progress} />
                  </td>
                  <td>{job.requestedBy}</td>
                  <td>
                    <Time at={job.startedAt} />
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
