import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { HostPlacement } from './domain/host-facts';

/** What the read models know about hosts that their own streams do not: their cluster, the load and the VMs on them. */
@Injectable()
export class HostFactsQuery {
  constructor(private readonly dataSource: DataSource) {}

  /** The host's cluster and the memory placed on it; null while the read model does not know the host yet. */
  async placement(hostId: string): Promise<HostPlacement | null> {
    const rows: Array<{ cluster_id: string | null; memory_used_mb: number }> = await this.dataSource.query(
      'SELECT cluster_id, memory_used_mb FROM rm_hosts WHERE id = $1',
      [hostId],
    );
    return rows.length === 0 ? null : { clusterId: rows[0].cluster_id, memoryUsedMb: Number(rows[0].memory_used_mb) };
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
