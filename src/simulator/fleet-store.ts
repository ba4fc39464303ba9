import { DataSource, QueryRunner } from 'typeorm';
import type { HostRef, VmRef } from '../jobs/hypervisor-driver.port';
import type { SimOperationKind } from './domain/latency-model';
import type { SimVmState } from './domain/vm-transitions';

/**
 * The SQL behind the simulated fleet (tables from migration Simulator1764150000003). Shared by
 * every process, so API and workers see one fleet. Writes that must not interleave (an operation
 * finishing while its host crashes) lock the host row first: VM work takes it FOR SHARE, crash,
 * recovery and reinstall take it exclusively.
 */
export type SimHostState = 'Up' | 'Down';

export interface FaultRow {
  host_id: string;
  fail_operations: SimOperationKind[];
  unresponsive: boolean;
  crashed: boolean;
  latency_factor: string;
  updated_at: Date;
}

export interface HostRow {
  host_id: string;
  name: string;
  os_version: string;
  memory_mb: number;
  state: SimHostState;
}

export interface VmRow {
  vm_id: string;
  host_id: string;
  name: string;
  state: SimVmState;
  memory_mb: number;
  config_version: string;
  generation: number;
  processor_count: number;
  memory_demand_mb: number;
}

/** What an operation sees before it starts: the host, its faults, the VM it names. */
export interface Observation {
  hostState: SimHostState | null;
  osVersion: string | null;
  failOperations: SimOperationKind[];
  unresponsive: boolean;
  latencyFactor: number;
  vm: { hostId: string; state: SimVmState } | null;
  /** VMs on the host holding memory (Running or Paused); only counted when asked for. */
  busyVms: number;
}

export type Sql = <T = Record<string, unknown>>(text: string, parameters?: unknown[]) => Promise<T[]>;

export interface FaultChanges {
  failOperations?: readonly SimOperationKind[];
  unresponsive?: boolean;
  crashed?: boolean;
  latencyFactor?: number;
}

export class FleetStore {
  constructor(private readonly dataSource: DataSource) {}

  async observe(hostId: string, vmId: string | null, countBusyVms: boolean): Promise<Observation> {
    const [row] = await this.query<{
      host_state: SimHostState | null;
      os_version: string | null;
      fail_operations: SimOperationKind[] | null;
      unresponsive: boolean | null;
      latency_factor: string | null;
      vm_host_id: string | null;
      vm_state: SimVmState | null;
      busy_vms: number | null;
    }>(
      `SELECT h.state AS host_state, h.os_version, f.fail_operations, f.unresponsive, f.latency_factor,
              v.host_id AS vm_host_id, v.state AS vm_state,
              CASE WHEN $3::boolean THEN (SELECT count(*)::int FROM sim_vms b
                                          WHERE b.host_id = k.host_id AND b.state IN ('Running', 'Paused')) END AS busy_vms
         FROM (VALUES ($1::uuid)) AS k (host_id)
         LEFT JOIN sim_hosts h ON h.host_id = k.host_id
         LEFT JOIN sim_faults f ON f.host_id = k.host_id
         LEFT JOIN sim_vms v ON v.vm_id = $2::uuid`,
      [hostId, vmId, countBusyVms],
    );
    return {
      hostState: row.host_state,
      osVersion: row.os_version,
      failOperations: row.fail_operations ?? [],
      unresponsive: row.unresponsive ?? false,
      latencyFactor: row.latency_factor === null ? 1 : Number(row.latency_factor),
      vm: row.vm_host_id && row.vm_state ? { hostId: row.vm_host_id, state: row.vm_state } : null,
      busyVms: row.busy_vms ?? 0,
    };
  }

  /** The first operation naming a host creates it, Down if a crash was injected beforehand. */
  async ensureHost(host: HostRef): Promise<void> {
    await this.query(
      `INSERT INTO sim_hosts (host_id, name, os_version, memory_mb, state)
       VALUES ($1, $2, $3, $4,
               CASE WHEN EXISTS (SELECT 1 FROM sim_faults WHERE host_id = $1 AND crashed) THEN 'Down' ELSE 'Up' END)
       ON CONFLICT (host_id) DO NOTHING`,
      [host.hostId, host.name, host.osVersion, host.memoryMb],
    );
  }

  // ---- inside a transaction ----

  async lockHost(sql: Sql, hostId: string, mode: 'share' | 'update'): Promise<HostRow | null> {
    const [row] = await sql<HostRow>(
      `SELECT host_id, name, os_version, memory_mb, state FROM sim_hosts WHERE host_id = $1 FOR ${mode === 'share' ? 'SHARE' : 'UPDATE'}`,
      [hostId],
    );
    return row ?? null;
  }

  async lockVm(sql: Sql, vmId: string): Promise<{ host_id: string; state: SimVmState } | null> {
    const [row] = await sql<{ host_id: string; state: SimVmState }>(
      'SELECT host_id, state FROM sim_vms WHERE vm_id = $1 FOR UPDATE',
      [vmId],
    );
    return row ?? null;
  }

  /** False when another transaction created the VM first. */
  async insertVm(sql: Sql, hostId: string, vm: VmRef, state: SimVmState, memoryDemandMb: number): Promise<boolean> {
    const rows = await sql(
      `INSERT INTO sim_vms (vm_id, host_id, name, state, memory_mb, config_version, generation, processor_count, memory_demand_mb)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (vm_id) DO NOTHING RETURNING vm_id`,
      [vm.vmId, hostId, vm.name, state, vm.memoryMb, vm.configVersion, vm.generation, vm.processorCount, memoryDemandMb],
    );
    return rows.length === 1;
  }

  /** Sets the state and refreshes the configuration from the control plane's view of the VM. */
  async updateVm(sql: Sql, vm: VmRef, state: SimVmState, memoryDemandMb: number): Promise<void> {
    await sql(
      `UPDATE sim_vms SET state = $2, name = $3, memory_mb = $4, config_version = $5, generation = $6,
              processor_count = $7, memory_demand_mb = $8, updated_at = now()
        WHERE vm_id = $1`,
      [vm.vmId, state, vm.name, vm.memoryMb, vm.configVersion, vm.generation, vm.processorCount, memoryDemandMb],
    );
  }

  async deleteVm(sql: Sql, vmId: string): Promise<void> {
    await sql('DELETE FROM sim_vms WHERE vm_id = $1', [vmId]);
  }

  async countBusyVms(sql: Sql, hostId: string): Promise<number> {
    const [row] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM sim_vms WHERE host_id = $1 AND state IN ('Running', 'Paused')`,
      [hostId],
    );
    return row.n;
  }

  async setOsVersion(sql: Sql, hostId: string, osVersion: string): Promise<void> {
    await sql('UPDATE sim_hosts SET os_version = $2, updated_at = now() WHERE host_id = $1', [hostId, osVersion]);
  }

  /** Merges the given fault settings into the host's (absent fields keep their value). */
  async upsertFaults(sql: Sql, hostId: string, changes: FaultChanges): Promise<FaultRow> {
    const [row] = await sql<FaultRow>(
      `INSERT INTO sim_faults (host_id, fail_operations, unresponsive, crashed, latency_factor, updated_at)
       VALUES ($1, COALESCE($2::text[], '{}'), COALESCE($3::boolean, false), COALESCE($4::boolean, false),
               COALESCE($5::numeric, 1), now())
       ON CONFLICT (host_id) DO UPDATE SET
         fail_operations = COALESCE($2::text[], sim_faults.fail_operations),
         unresponsive = COALESCE($3::boolean, sim_faults.unresponsive),
         crashed = COALESCE($4::boolean, sim_faults.crashed),
         latency_factor = COALESCE($5::numeric, sim_faults.latency_factor),
         updated_at = now()
       RETURNING *`,
      [
        hostId,
        changes.failOperations ? [...changes.failOperations] : null,
        changes.unresponsive ?? null,
        changes.crashed ?? null,
        changes.latencyFactor ?? null,
      ],
    );
    return row;
  }

  /** A crash: the host goes Down and the VMs holding memory lose it (Saved VMs keep their state file). */
  async crashHost(sql: Sql, hostId: string): Promise<string[]> {
    await sql(`UPDATE sim_hosts SET state = 'Down', updated_at = now() WHERE host_id = $1`, [hostId]);
    const rows = await sql<{ vm_id: string }>(
      `UPDATE sim_vms SET state = 'Off', memory_demand_mb = 0, updated_at = now()
        WHERE host_id = $1 AND state IN ('Running', 'Paused') RETURNING vm_id`,
      [hostId],
    );
    return rows.map((r) => r.vm_id).sort();
  }

  /** Brings Down hosts back Up (one, or all when hostId is null); returns those that were Down. */
  async recoverHosts(sql: Sql, hostId: string | null): Promise<string[]> {
    const rows = await sql<{ host_id: string }>(
      `UPDATE sim_hosts SET state = 'Up', updated_at = now()
        WHERE state = 'Down' AND ($1::uuid IS NULL OR host_id = $1) RETURNING host_id`,
      [hostId],
    );
    return rows.map((r) => r.host_id).sort();
  }

  async deleteFaults(sql: Sql, hostId: string | null): Promise<string[]> {
    const rows = await sql<{ host_id: string }>(
      'DELETE FROM sim_faults WHERE $1::uuid IS NULL OR host_id = $1 RETURNING host_id',
      [hostId],
    );
    return rows.map((r) => r.host_id).sort();
  }

  async hostState(sql: Sql, hostId: string): Promise<SimHostState | null> {
    const [row] = await sql<{ state: SimHostState }>('SELECT state FROM sim_hosts WHERE host_id = $1', [hostId]);
    return row?.state ?? null;
  }

  // ---- reading the whole fleet ----

  async snapshot(): Promise<{ hosts: HostRow[]; vms: VmRow[]; faults: FaultRow[] }> {
    // One transaction so that the three reads agree with each other.
    return this.transaction(async (sql) => {
      const hosts = await sql<HostRow>(
        'SELECT host_id, name, os_version, memory_mb, state FROM sim_hosts ORDER BY name, host_id',
      );
      const vms = await sql<VmRow>(
        `SELECT vm_id, host_id, name, state, memory_mb, config_version, generation, processor_count, memory_demand_mb
           FROM sim_vms ORDER BY name, vm_id`,
      );
      const faults = await sql<FaultRow>('SELECT * FROM sim_faults ORDER BY host_id');
      return { hosts, vms, faults };
    }, 'snapshot');
  }

  /**
   * Write transactions commit without waiting for the WAL flush: the simulated hardware does not
   * need to survive a PostgreSQL crash, and a flush per operation would dominate the zero-latency
   * simulator's cost. Atomicity and visibility are unchanged.
   */
  async transaction<T>(work: (sql: Sql) => Promise<T>, mode: 'write' | 'snapshot' = 'write'): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const sql = sqlOn(runner);
      await sql(
        mode === 'write' ? 'BEGIN; SET LOCAL synchronous_commit = off' : 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
      );
      try {
        const result = await work(sql);
        await sql('COMMIT');
        return result;
      } catch (error) {
        await sql('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      await runner.release();
    }
  }

  private async query<T>(text: string, parameters: unknown[]): Promise<T[]> {
    const runner = this.dataSource.createQueryRunner();
    try {
      return await sqlOn(runner)<T>(text, parameters);
    } finally {
      await runner.release();
    }
  }
}

/** Rows of any statement (TypeORM's plain query() answers UPDATE/DELETE with [rows, count]). */
function sqlOn(runner: QueryRunner): Sql {
  return async <T>(text: string, parameters: unknown[] = []) => {
    const result = await runner.query(text, parameters, true);
    return (result.records ?? []) as T[];
  };
}
