import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DurableTimers } from '../../platform/timers/durable-timers';
import { DurableTimerKinds, TimerKinds, timerId } from '../../platform/timers/durable-timer';
import { SystemCommands } from '../../platform/system-commands';
import { Processor } from '../../processing/processor';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { loadExistingCluster } from '../cluster-aggregate';
import { PlacementQueries } from '../placement.queries';
import { ClusterCommand } from '../domain/cluster.commands';
import { clusterDecider, ClusterState } from '../domain/cluster.decider';
import { ClusterEvent, clusterStreamId } from '../domain/cluster.events';

/** What fires: the end of one resiliency period of an isolation, or the end of a quarantine. */
export type ClusterTimer =
  | { kind: 'isolation'; key: string; clusterId: string; hostId: string; isolationId: string; at: string }
  | { kind: 'quarantine'; key: string; clusterId: string; hostId: string; at: string };

const isolationTimer = (clusterId: string, hostId: string, isolationId: string, at: string): ClusterTimer => ({
  kind: 'isolation',
  key: isolationId,
  clusterId,
  hostId,
  isolationId,
  at,
});

const quarantineTimer = (clusterId: string, hostId: string, at: string): ClusterTimer => ({
  kind: 'quarantine',
  key: `${clusterId}-${hostId}`,
  clusterId,
  hostId,
  at,
});

/** The timers a cluster's state still owes: every due time of an isolation, and each quarantine's end. */
export function timersOf(state: ClusterState): ClusterTimer[] {
  if (state.status !== 'Active') return [];
  return state.nodes.flatMap((node): ClusterTimer[] => {
    const timers: ClusterTimer[] = [];
    if (node.isolation) {
      const times = new Set([...node.isolation.due.map((d) => d.at), node.isolation.nodeDownAt]);
      for (const at of times) timers.push(isolationTimer(state.clusterId, node.hostId, node.isolation.isolationId, at));
    }
    if (node.quarantine?.until) timers.push(quarantineTimer(state.clusterId, node.hostId, node.quarantine.until));
    return timers;
  });
}

/**
 * The cluster's durable timers: compute resiliency (each due time of an isolation) and quarantine
 * ends. When one fires it sends the cluster the command that settles it; every timer still owed
 * can be read off the clusters' read model.
 */
@Injectable()
@DurableTimerKinds()
export class ClusterTimerKinds implements TimerKinds<ClusterTimer> {
  readonly kinds = ['isolation', 'quarantine'] as const;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly placement: PlacementQueries,
    private readonly commands: SystemCommands,
  ) {}

  async owed(): Promise<ClusterTimer[]> {
    const rows: Array<{ state: ClusterState }> = await this.dataSource.query(
      `SELECT state FROM rm_clusters WHERE status = 'Active'
         AND nodes @? '$[*] ? (@.state == "Isolated" || @.state == "Down" || @.state == "Quarantined")'`,
    );
    return rows.flatMap((row) => timersOf(row.state));
  }

  async fire(timer: ClusterTimer): Promise<void> {
    const now = new Date(Math.max(Date.now(), Date.parse(timer.at))).toISOString();
    let command: ClusterCommand;
    if (timer.kind === 'quarantine') {
      command = { type: 'ExpireNodeQuarantine', hostId: timer.hostId, now };
    } else {
      const cluster = await loadExistingCluster(this.eventStore, timer.clusterId);
      const [vms, loads] = await Promise.all([
        this.placement.vmsOn([timer.hostId]),
        this.placement.nodeLoads(cluster.nodes.map((n) => n.hostId)),
      ]);
      command = { type: 'ExpireNodeIsolation', hostId: timer.hostId, isolationId: timer.isolationId, vms, loads, now };
    }
    await this.commands.send(clusterDecider, clusterStreamId(timer.clusterId), command, {
      commandId: `timer/${timerId(timer)}`,
      actor: 'timers',
    });
  }
}

/** Schedules the timers an isolation or a quarantine starts, as soon as it is recorded. */
export function timerScheduler(timers: DurableTimers): Processor {
  return {
    name: 'cluster-timers',
    effects: 'outside',
    eventTypes: ['ClusterNodeIsolated', 'ClusterNodeQuarantined'],
    async handle(events) {
      for (const recorded of events) {
        const event = recorded as unknown as ClusterEvent;
        if (event.type === 'ClusterNodeIsolated') {
          const { clusterId, hostId, isolationId, dueAt } = event.data;
          for (const due of dueAt) await timers.schedule(isolationTimer(clusterId, hostId, isolationId, due.at));
        } else if (event.type === 'ClusterNodeQuarantined' && event.data.until) {
          await timers.schedule(quarantineTimer(event.data.clusterId, event.data.hostId, event.data.until));
        }
      }
    },
  };
}
