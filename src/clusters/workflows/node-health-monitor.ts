import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../platform/config';
import { APP_CONFIG, CONNECT_PG_CLIENT, LOGGER } from '../../platform/tokens';
import { deterministicUuid } from '../../platform/deterministic-id';
import { SystemCommands } from '../../platform/system-commands';
import { HYPERVISOR_DRIVER, HostHeartbeat, HypervisorDriver } from '../../jobs/domain/hypervisor-driver.port';
import { LeaderRounds } from '../../processing/leader-rounds';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { loadExistingCluster } from '../cluster-aggregate';
import { PlacementQueries } from '../placement.queries';
import { ClusterCommand } from '../domain/cluster.commands';
import { clusterDecider, ClusterState } from '../domain/cluster.decider';
import { clusterStreamId } from '../domain/cluster.events';

const LEADERSHIP = 'node-health-monitor';

/**
 * The cluster heartbeat: probes every node through the driver and reports what changed — a node
 * that stopped answering (isolated), one that is down (crashed), one that answers again. One
 * process probes at a time (a PostgreSQL advisory lock); the others stand by. Each report's id
 * derives from the cluster's version it was judged against, so two reports of the same change
 * (a hand-over, a lagging read model) are one command.
 */
@Injectable()
export class NodeHealthMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly rounds: LeaderRounds;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(HYPERVISOR_DRIVER) private readonly driver: HypervisorDriver,
    @Inject(CONNECT_PG_CLIENT) private readonly connectClient: () => Promise<Client>,
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly placement: PlacementQueries,
    private readonly commands: SystemCommands,
  ) {
    this.rounds = new LeaderRounds(LEADERSHIP, connectClient);
  }

  onApplicationBootstrap(): void {
    if (this.config.role === 'api') return;
    this.rounds.start(
      this.config.healthProbeMs,
      () => this.probe(),
      (error) => this.logger.debug({ error: error.message }, 'heartbeat round skipped'),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.rounds.stop();
  }

  /** One heartbeat round over every node of every active cluster. */
  async probe(): Promise<void> {
    if (!(await this.rounds.lead())) return;
    const rows: Array<{ id: string; version: string; state: ClusterState }> = await this.dataSource.query(
      "SELECT id, version, state FROM rm_clusters WHERE status = 'Active'",
    );
    const hostIds = rows.flatMap((r) =>
      r.state.status === 'None' ? [] : r.state.nodes.filter((n) => n.joined).map((n) => n.hostId),
    );
    if (hostIds.length === 0) return;
    const beats = await this.driver.heartbeats(hostIds);
    for (const row of rows) {
      const cluster = row.state;
      if (cluster.status !== 'Active') continue;
      for (const node of cluster.nodes) {
        if (!node.joined) continue;
        const beat: HostHeartbeat = beats.get(node.hostId) ?? 'ok';
        const change = changeOf(node.health, beat);
        if (change) await this.report(row.id, Number(row.version), node.hostId, change);
      }
    }
  }

  private async report(
    clusterId: string,
    version: number,
    hostId: string,
    change: 'lost' | 'crashed' | 'restored',
  ): Promise<void> {
    const key = `monitor/${clusterId}/${hostId}/${change}/${version}`;
    const now = new Date().toISOString();
    let command: ClusterCommand;
    if (change === 'restored') {
      command = { type: 'ReportNodeHeartbeatRestored', hostId, now };
      const cluster = await loadExistingCluster(this.eventStore, clusterId);
      if (cluster.nodes.find((n) => n.hostId === hostId)?.quarantine) {
        // A quarantined node is drained of what it still runs: the decider plans it from these facts.
        const [vms, loads] = await Promise.all([
          this.placement.vmsOn([hostId]),
          this.placement.nodeLoads(cluster.nodes.map((n) => n.hostId)),
        ]);
        command = { ...command, vms, loads, drainJobId: deterministicUuid(`${key}/quarantine-drain`) };
      }
    } else {
      const cluster = await loadExistingCluster(this.eventStore, clusterId);
      const [vms, loads] = await Promise.all([
        this.placement.vmsOn([hostId]),
        this.placement.nodeLoads(cluster.nodes.map((n) => n.hostId)),
      ]);
      command =
        change === 'lost'
          ? { type: 'ReportNodeHeartbeatLost', hostId, isolationId: deterministicUuid(key), vms, loads, now }
          : { type: 'ReportNodeCrashed', hostId, vms, loads, now };
    }
    const outcome = await this.commands.send(clusterDecider, clusterStreamId(clusterId), command, {
      commandId: key,
      actor: 'cluster-heartbeat',
    });
    if (outcome.events.length > 0) {
      this.logger.info({ clusterId, hostId, events: outcome.events.map((e) => e.type) }, `node heartbeat: ${change}`);
    }
  }
}

/** What a heartbeat says about a node whose recorded health is `health`; null: nothing new. */
export function changeOf(health: 'Up' | 'Isolated' | 'Down', beat: HostHeartbeat): 'lost' | 'crashed' | 'restored' | null {
  if (beat === 'down') return health === 'Down' ? null : 'crashed';
  if (beat === 'unresponsive') return health === 'Up' ? 'lost' : null;
  return health === 'Up' ? null : 'restored';
}
