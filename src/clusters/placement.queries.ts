import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { VmToPlace } from './domain/placement';

/** What placement and drains need from the read models: the load on nodes and the VMs on them. */
@Injectable()
export class PlacementQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** Memory in use on each of the given hosts. */
  async nodeLoads(hostIds: readonly string[]): Promise<Record<string, number>> {
    const rows: Array<{ id: string; memory_used_mb: number }> = await this.dataSource.query(
      'SELECT id, memory_used_mb FROM rm_hosts WHERE id = ANY($1)',
      [hostIds],
    );
    return Object.fromEntries(rows.map((r) => [r.id, Number(r.memory_used_mb)]));
  }

  /** The VMs on the given hosts, as placement sees them. */
  async vmsOn(hostIds: readonly string[]): Promise<VmToPlace[]> {
    if (hostIds.length === 0) return [];
    const rows: Array<{
      id: string;
      name: string;
      host_id: string;
      memory: { startupMb: number };
      config_version: string;
      processor_count: number;
      power_state: string;
    }> = await this.dataSource.query(
      `SELECT id, name, host_id, memory, config_version, processor_count, power_state FROM rm_vms
          WHERE host_id = ANY($1) AND state NOT IN ('Creating', 'CreationFailed') ORDER BY id`,
      [hostIds],
    );
    return rows.map((r) => ({
      vmId: r.id,
      name: r.name,
      hostId: r.host_id,
      memoryMb: r.memory.startupMb,
      configVersion: r.config_version,
      processorCount: r.processor_count,
      power: r.power_state as VmToPlace['power'],
    }));
  }

  /** How many VMs placement sees on a host. */
  async vmCountOn(hostId: string): Promise<number> {
    const rows: Array<{ count: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM rm_vms WHERE host_id = $1 AND state NOT IN ('Creating', 'CreationFailed')`,
      [hostId],
    );
    return rows[0].count;
  }

  /** The VMs whose ids are given, wherever they are. */
  async vmsById(vmIds: readonly string[]): Promise<VmToPlace[]> {
    if (vmIds.length === 0) return [];
    const rows: Array<{ host_id: string }> = await this.dataSource.query(
      'SELECT DISTINCT host_id FROM rm_vms WHERE id = ANY($1)',
      [vmIds],
    );
    const all = await this.vmsOn(rows.map((r) => r.host_id));
    const wanted = new Set(vmIds);
    return all.filter((vm) => wanted.has(vm.vmId));
  }
}
