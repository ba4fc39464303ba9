import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { HostPlacement } from './domain/host-facts';

/** What the read models know about hosts that their own streams do not: their cluster, the load and the VMs on them. */
@Injectable()
export class HostFactsQuery {
  constructor(private readonly dataSource: DataSource) {}

  /** The host's cluster and the memory placed on it; null while the read model does not know the host yet. */
  async placement(hostId: string): Promise<HostPlacement | null> {
    return (await this.placements([hostId])).get(hostId) ?? null;
  }

  /**
   * Several hosts' placements in one statement (as `placement` gives each; a host the read model
   * does not know yet is absent from the map).
   */
  async placements(hostIds: readonly string[]): Promise<Map<string, HostPlacement>> {
    if (hostIds.length === 0) return new Map();
    const rows: Array<{ id: string; cluster_id: string | null; cluster_name: string | null; memory_used_mb: number }> =
      await this.dataSource.query(
        `SELECT h.id, h.cluster_id, c.name AS cluster_name, h.memory_used_mb
         FROM rm_hosts h LEFT JOIN rm_clusters c ON c.id = h.cluster_id
        WHERE h.id = ANY ($1::uuid[])`,
        [[...new Set(hostIds)]],
      );
    return new Map(
      rows.map((row) => [
        row.id,
        { clusterId: row.cluster_id, clusterName: row.cluster_name, memoryUsedMb: Number(row.memory_used_mb) },
      ]),
    );
  }

  /** How many VMs the host holds. */
  async vmCount(hostId: string): Promise<number> {
    const rows: Array<{ count: number }> = await this.dataSource.query(
      'SELECT count(*)::int AS count FROM rm_vms WHERE host_id = $1',
      [hostId],
    );
    return rows[0].count;
  }
}
