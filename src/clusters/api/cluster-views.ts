import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decodePageCursor, DEFAULT_PAGE_SIZE, encodePageCursor, isIdCursor, Page } from '../../platform/http/pagination';
import { MigrationSlots } from '../../jobs/migration-slots';
import { QUARANTINE_WINDOW_MS } from '../domain/cluster.events';
import { mixedModeWarning } from '../domain/mixed-mode';
import { ClusterReadModel } from '../projections/cluster-read-model.entity';
import { ClusterDto } from './cluster.dto';

interface HostLoad {
  memoryUsedMb: number;
  vmsByState: Record<string, number>;
}

/**
 * Clusters as clients read them: the cluster read model, plus the whole cluster as one host —
 * capacity and VM counts summed from the host and VM read models when asked.
 */
@Injectable()
export class ClusterViews {
  constructor(
    private readonly dataSource: DataSource,
    private readonly slots: MigrationSlots,
  ) {}

  async one(clusterId: string): Promise<ClusterReadModel | null> {
    return this.dataSource.getRepository(ClusterReadModel).findOneBy({ id: clusterId });
  }

  async page(filter: { name?: string; limit?: number; cursor?: string }): Promise<Page<ClusterReadModel>> {
    const limit = filter.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodePageCursor(filter.cursor, isIdCursor);
    const query = this.dataSource
      .getRepository(ClusterReadModel)
      .createQueryBuilder('c')
      .orderBy('c.id')
      .limit(limit + 1);
    if (after) query.andWhere('c.id > :after', { after: after.id });
    if (filter.name) query.andWhere('c.name = :name', { name: filter.name });
    const rows = await query.getMany();
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? encodePageCursor({ id: items[items.length - 1].id }) : null };
  }

  async loads(hostIds: string[]): Promise<Map<string, HostLoad>> {
    if (hostIds.length === 0) return new Map();
    const [hosts, vms]: [
      Array<{ id: string; memory_used_mb: number }>,
      Array<{ host_id: string; state: string; count: number }>,
    ] = await Promise.all([
      this.dataSource.query('SELECT id, memory_used_mb FROM rm_hosts WHERE id = ANY($1)', [hostIds]),
      this.dataSource.query(
        'SELECT host_id, state, count(*)::int AS count FROM rm_vms WHERE host_id = ANY($1) GROUP BY host_id, state',
        [hostIds],
      ),
    ]);
    const loads = new Map<string, HostLoad>(hostIds.map((id) => [id, { memoryUsedMb: 0, vmsByState: {} }]));
    for (const h of hosts) loads.get(h.id)!.memoryUsedMb = Number(h.memory_used_mb);
    for (const v of vms) loads.get(v.host_id)!.vmsByState[v.state] = v.count;
    return loads;
  }

  /** The DTOs of several clusters with two queries for all their loads. */
  async toDtos(clusters: ClusterReadModel[], now = new Date()): Promise<ClusterDto[]> {
    const loads = await this.loads(clusters.flatMap((c) => c.nodes.map((n) => n.hostId)));
    const migrations = await this.slots.inUse();
    return clusters.map((c) => toClusterDto(c, loads, migrations, now));
  }
}

export function toClusterDto(
  cluster: ClusterReadModel,
  loads: Map<string, HostLoad> | null,
  migrations: Map<string, number>,
  now: Date,
): ClusterDto {
  const recent = (failures: string[]) => failures.filter((at) => Date.parse(at) > now.getTime() - QUARANTINE_WINDOW_MS);
  const nodes = cluster.nodes.map((n) => {
    const load = loads?.get(n.hostId);
    return {
      hostId: n.hostId,
      name: n.name,
      osVersion: n.osVersion,
      state: n.state,
      cpuVendor: n.cpuVendor,
      memoryMb: n.memoryMb,
      memoryUsedMb: load?.memoryUsedMb ?? 0,
      logicalProcessors: n.logicalProcessors,
      vmCount: Object.values(load?.vmsByState ?? {}).reduce((a, b) => a + b, 0),
      maximumLiveMigrations: n.maximumLiveMigrations,
      runningLiveMigrations: migrations.get(n.hostId) ?? 0,
      recentFailures: recent(n.failures),
      quarantinedUntil: n.quarantinedUntil,
      isolatedSince: n.isolatedSince,
    };
  });
  const up = nodes.filter((n) => n.state === 'Up');
  const vmsByState: Record<string, number> = {};
  for (const n of cluster.nodes) {
    for (const [state, count] of Object.entries(loads?.get(n.hostId)?.vmsByState ?? {}))
      vmsByState[state] = (vmsByState[state] ?? 0) + count;
  }
  const warnings: string[] = [];
  const mixedModeTooLong = mixedModeWarning(cluster, now);
  if (mixedModeTooLong) warnings.push(mixedModeTooLong);
  for (const n of nodes)
    if (n.state === 'Quarantined') warnings.push(`Node ${n.name} is quarantined until ${n.quarantinedUntil ?? 'cleared'}`);
  return {
    id: cluster.id,
    name: cluster.name,
    status: cluster.status,
    functionalLevel: cluster.functionalLevel,
    mixedMode: cluster.mixedMode,
    mixedModeSince: cluster.mixedModeSince,
    warnings,
    nodes,
    resiliency: { ...cluster.resiliency },
    vmResiliencyPeriods: cluster.vmResiliencyPeriods,
    capacity: loads
      ? {
          memoryMb: nodes.reduce((sum, n) => sum + n.memoryMb, 0),
          memoryUsedMb: nodes.reduce((sum, n) => sum + n.memoryUsedMb, 0),
          memoryFreeMb: up.reduce((sum, n) => sum + Math.max(0, n.memoryMb - n.memoryUsedMb), 0),
          logicalProcessors: nodes.reduce((sum, n) => sum + n.logicalProcessors, 0),
          availableLogicalProcessors: up.reduce((sum, n) => sum + n.logicalProcessors, 0),
          vmCount: nodes.reduce((sum, n) => sum + n.vmCount, 0),
          vmsByState,
          nodesUp: up.length,
        }
      : null,
    pendingJobIds: cluster.pendingJobIds,
    createdAt: cluster.createdAt,
    version: cluster.version,
  };
}
