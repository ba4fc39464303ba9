import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { loadAggregate } from '../event-store/aggregate-stream';
import { DomainError } from '../platform/domain/domain-error';
import type { HostFacts } from '../vms/domain/vm.commands';
import { hostDecider, hostStreamId, HostState } from './domain/host.decider';

/**
 * What other contexts need to know about a host before deciding: its own facts come from its
 * stream (always current); the load placed on it comes from the read model.
 */
@Injectable()
export class HostDirectory {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly dataSource: DataSource,
  ) {}

  async state(hostId: string): Promise<Extract<HostState, { status: 'Registered' }>> {
    const { state } = await loadAggregate(this.eventStore, hostDecider, hostStreamId(hostId));
    if (state.status !== 'Registered') throw new DomainError('NOT_FOUND', `Host ${hostId} does not exist`, 'not-found');
    return state;
  }

  async facts(hostId: string, known?: Extract<HostState, { status: 'Registered' }>): Promise<HostFacts> {
    const [state, load] = await Promise.all([
      known ?? this.state(hostId),
      // Plain SQL: this runs on every VM command, where the query builder's own work showed.
      this.dataSource
        .query<Array<{ memory_used_mb: number; cluster_id: string | null }>>(
          'SELECT memory_used_mb, cluster_id FROM rm_hosts WHERE id = $1',
          [hostId],
        )
        .then((rows) => (rows[0] ? { memoryUsedMb: rows[0].memory_used_mb, clusterId: rows[0].cluster_id } : null)),
    ]);
    return {
      hostId: state.hostId,
      name: state.name,
      osVersion: state.osVersion,
      state: state.reinstalling ? 'Reinstalling' : 'Up',
      clusterId: load?.clusterId ?? null,
      memoryMb: state.memoryMb,
      memoryUsedMb: load?.memoryUsedMb ?? 0,
      logicalProcessors: state.logicalProcessors,
      cpuVendor: state.cpuVendor,
      maximumLiveMigrations: state.maximumLiveMigrations,
    };
  }

  async vmCount(hostId: string): Promise<number> {
    const rows: Array<{ count: number }> = await this.dataSource.query(
      'SELECT count(*)::int AS count FROM rm_vms WHERE host_id = $1',
      [hostId],
    );
    return rows[0].count;
  }
}
