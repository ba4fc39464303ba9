import { DataSource, QueryRunner } from 'typeorm';
import type {
  AdapterRef,
  ClusterRef,
  HostHeartbeat,
  HostRef,
  IntegrationServiceName,
  MemoryRef,
} from '../jobs/hypervisor-driver.port';
import type { SimOperationKind } from './domain/latency-model';
import type { SimReplication, SimReplicationState } from './domain/replication';
import type { CycleLedger, EndSeen } from './domain/replication-cycles';
import type { SimCheckpoint, SimDisk, SimVmConfiguration } from './domain/vm-configuration';
import type { SimVmState } from './domain/vm-transitions';

/**
 * The SQL behind the simulated fleet (tables from migrations Simulator1764150000003,
 * SimulatorVmConfiguration1764150000007, SimulatorClusters1764150000010 and
 * SimulatorReplication1764150000012). Shared by every
 * process, so API and workers see one fleet. Writes that must not interleave (an operation
 * finishing while its host crashes) lock the host row first: VM work takes it FOR SHARE, crash,
 * recovery and reinstall take it exclusively. A move locks both hosts (in id order) before the VM.
 * Replication locks its hosts, then the VM, then its test VM, then the relationship.
 */
export type SimHostState = 'Up' | 'Down';

export interface FaultRow {
  host_id: string;
  fail_operations: SimOperationKind[];
  drop_sessions: SimOperationKind[];
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
  cluster_id: string | null;
}

export interface ClusterRow {
  cluster_id: string;
  name: string;
  functional_level: number | null;
}

const HOST_COLUMNS = 'host_id, name, os_version, memory_mb, state, cluster_id';

export interface VmRow {
  vm_id: string;
  hyperv_id: string;
  host_id: string;
  name: string;
  state: SimVmState;
  memory_mb: number;
  config_version: string;
  generation: number;
  processor_count: number;
  memory_demand_mb: number;
  dynamic_memory: MemoryRef['dynamic'];
  compatibility_for_migration: boolean;
  secure_boot: boolean | null;
  secure_boot_template: string | null;
  adapters: AdapterRef[];
  disks: SimDisk[];
  checkpoints: SimCheckpoint[];
  current_checkpoint_id: string | null;
  integration_services_version: string | null;
  disabled_integration_services: IntegrationServiceName[];
  expose_virtualization_extensions: boolean;
  checkpoint_type: string;
}

const VM_COLUMNS = `vm_id, hyperv_id, host_id, name, state, memory_mb, config_version, generation, processor_count, memory_demand_mb,
  dynamic_memory, compatibility_for_migration, secure_boot, secure_boot_template, adapters, disks, checkpoints,
  current_checkpoint_id, integration_services_version, disabled_integration_services, expose_virtualization_extensions,
  checkpoint_type`;

export interface ReplicaRow {
  vm_id: string;
  primary_host_id: string;
  replica_host_id: string;
  state: SimReplicationState;
  frequency_seconds: number;
  ledger: CycleLedger;
  replicated_disk_ids: string[];
  test_vm_id: string | null;
  failover_recovery_point_id: string | null;
  updated_at: Date;
}

const REPLICA_COLUMNS = `vm_id, primary_host_id, replica_host_id, state, frequency_seconds, ledger, replicated_disk_ids,
  test_vm_id, failover_recovery_point_id, updated_at`;

/** A relationship with both of its ends (the primary: where the VM is) and the VM's disks. */
export interface ReplicaEnds {
  replication: SimReplication;
  vmHostId: string;
  disks: SimDisk[];
  primary: EndSeen;
  replica: EndSeen;
}

interface ReplicaEndsRow extends ReplicaRow {
  vm_host_id: string;
  vm_disks: SimDisk[];
  primary_name: string | null;
  primary_down: boolean;
  primary_unresponsive: boolean;
  primary_latency: string | null;
  replica_name: string | null;
  replica_down: boolean;
  replica_unresponsive: boolean;
  replica_latency: string | null;
}

const REPLICA_ENDS = `
  SELECT ${REPLICA_COLUMNS.split(',')
    .map((c) => `r.${c.trim()}`)
    .join(', ')},
         v.host_id AS vm_host_id, v.disks AS vm_disks,
         ph.name AS primary_name, (ph.state = 'Down' OR coalesce(pf.crashed, false)) AS primary_down,
         coalesce(pf.unresponsive, false) AS primary_unresponsive, pf.latency_factor AS primary_latency,
         rh.name AS replica_name, (coalesce(rh.state = 'Down', false) OR coalesce(rf.crashed, false)) AS replica_down,
         coalesce(rf.unresponsive, false) AS replica_unresponsive, rf.latency_factor AS replica_latency
    FROM sim_replicas r
    JOIN sim_vms v ON v.vm_id = r.vm_id
    LEFT JOIN sim_hosts ph ON ph.host_id = v.host_id
    LEFT JOIN sim_faults pf ON pf.host_id = v.host_id
    LEFT JOIN sim_hosts rh ON rh.host_id = r.replica_host_id
    LEFT JOIN sim_faults rf ON rf.host_id = r.replica_host_id`;

function toReplicaEnds(row: ReplicaEndsRow): ReplicaEnds {
  return {
    replication: toReplication(row),
    vmHostId: row.vm_host_id,
    disks: row.vm_disks,
    primary: {
      name: row.primary_name ?? row.vm_host_id,
      down: row.primary_down === true,
      unresponsive: row.primary_unresponsive,
      latencyFactor: row.primary_latency === null ? 1 : Number(row.primary_latency),
    },
    replica: {
      name: row.replica_name ?? row.replica_host_id,
      down: row.replica_down,
      unresponsive: row.replica_unresponsive,
      latencyFactor: row.replica_latency === null ? 1 : Number(row.replica_latency),
    },
  };
}

/** A VM as the host has it: where it is, its power state, its configuration. */
export interface HostVm {
  hostId: string;
  /** Hyper-V's own id of the VM (Get-VM's Id), given when the host created it. */
  hypervisorId: string;
  name: string;
  state: SimVmState;
  memoryDemandMb: number;
  configuration: SimVmConfiguration;
}

/** What an operation sees before it starts: the host, its faults, the VM it names. */
export interface Observation {
  hostState: SimHostState | null;
  osVersion: string | null;
  failOperations: SimOperationKind[];
  dropSessions: SimOperationKind[];
  unresponsive: boolean;
  latencyFactor: number;
  vm: HostVm | null;
  /** VMs on the host holding memory (Running or Paused); only counted when asked for. */
  busyVms: number;
}

export type Sql = <T = Record<string, unknown>>(text: string, parameters?: unknown[]) => Promise<T[]>;

export interface FaultChanges {
  failOperations?: readonly SimOperationKind[];
  dropSessions?: readonly SimOperationKind[];
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
      drop_sessions: SimOperationKind[] | null;
      unresponsive: boolean | null;
      latency_factor: string | null;
      vm: VmRow | null;
      busy_vms: number | null;
    }>(
      `SELECT h.state AS host_state, h.os_version, f.fail_operations, f.drop_sessions, f.unresponsive, f.latency_factor,
              (SELECT to_jsonb(v) FROM (SELECT ${VM_COLUMNS} FROM sim_vms WHERE vm_id = $2::uuid) v) AS vm,
              CASE WHEN $3::boolean THEN (SELECT count(*)::int FROM sim_vms b
                                          WHERE b.host_id = k.host_id AND b.state IN ('Running', 'Paused')) END AS busy_vms
         FROM (VALUES ($1::uuid)) AS k (host_id)
         LEFT JOIN sim_hosts h ON h.host_id = k.host_id
         LEFT JOIN sim_faults f ON f.host_id = k.host_id`,
      [hostId, vmId, countBusyVms],
    );
    return {
      hostState: row.host_state,
      osVersion: row.os_version,
      failOperations: row.fail_operations ?? [],
      dropSessions: row.drop_sessions ?? [],
      unresponsive: row.unresponsive ?? false,
      latencyFactor: row.latency_factor === null ? 1 : Number(row.latency_factor),
      vm: row.vm && toHostVm(row.vm),
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
      `SELECT ${HOST_COLUMNS} FROM sim_hosts WHERE host_id = $1 FOR ${mode === 'share' ? 'SHARE' : 'UPDATE'}`,
      [hostId],
    );
    return row ?? null;
  }

  /** Both ends of a move, locked FOR SHARE in id order (so two moves never wait for each other in a cycle). */
  async lockHosts(sql: Sql, hostIds: readonly string[]): Promise<HostRow[]> {
    return sql<HostRow>(`SELECT ${HOST_COLUMNS} FROM sim_hosts WHERE host_id = ANY($1::uuid[]) ORDER BY host_id FOR SHARE`, [
      [...hostIds],
    ]);
  }

  /** Puts the (locked) VM on another host in the given state; its configuration goes along unchanged. */
  async moveVm(sql: Sql, vmId: string, hostId: string, state: SimVmState, memoryDemandMb: number): Promise<void> {
    await sql('UPDATE sim_vms SET host_id = $2, state = $3, memory_demand_mb = $4, updated_at = now() WHERE vm_id = $1', [
      vmId,
      hostId,
      state,
      memoryDemandMb,
    ]);
  }

  // ---- replication ----

  /** The VM's replication relationship, outside a transaction (what an operation finds before it starts). */
  async replicationOf(vmId: string): Promise<SimReplication | null> {
    const [row] = await this.query<ReplicaRow>(`SELECT ${REPLICA_COLUMNS} FROM sim_replicas WHERE vm_id = $1`, [vmId]);
    return row ? toReplication(row) : null;
  }

  /** Where a VM is, outside a transaction; null when no host has it. */
  async whereIs(vmId: string): Promise<{ hostId: string } | null> {
    const [row] = await this.query<{ host_id: string }>('SELECT host_id FROM sim_vms WHERE vm_id = $1', [vmId]);
    return row ? { hostId: row.host_id } : null;
  }

  async lockReplication(sql: Sql, vmId: string): Promise<SimReplication | null> {
    const [row] = await sql<ReplicaRow>(`SELECT ${REPLICA_COLUMNS} FROM sim_replicas WHERE vm_id = $1 FOR UPDATE`, [vmId]);
    return row ? toReplication(row) : null;
  }

  /** The relationships whose VMs the given hosts run, with both ends: what Measure-VMReplication reads. One statement. */
  async replicationsOn(hostIds: readonly string[]): Promise<ReplicaEnds[]> {
    const rows = await this.query<ReplicaEndsRow>(`${REPLICA_ENDS} WHERE v.host_id = ANY($1::uuid[])`, [[...hostIds]]);
    return rows.map(toReplicaEnds);
  }

  /** The relationships with an end on the host (all of them: null), locked to settle their ledgers. */
  async lockReplicationsTouching(sql: Sql, hostId: string | null): Promise<ReplicaEnds[]> {
    const rows = await sql<ReplicaEndsRow>(
      `${REPLICA_ENDS}
        WHERE $1::uuid IS NULL OR v.host_id = $1 OR r.replica_host_id = $1
        ORDER BY r.vm_id FOR UPDATE OF r`,
      [hostId],
    );
    return rows.map(toReplicaEnds);
  }

  /** The relationship of a VM with both ends, inside the operation's transaction (after its locks). */
  async replicationEnds(sql: Sql, vmId: string): Promise<ReplicaEnds | null> {
    const [row] = await sql<ReplicaEndsRow>(`${REPLICA_ENDS} WHERE r.vm_id = $1`, [vmId]);
    return row ? toReplicaEnds(row) : null;
  }

  async saveLedgers(sql: Sql, ledgers: ReadonlyArray<{ vmId: string; ledger: CycleLedger }>): Promise<void> {
    if (ledgers.length === 0) return;
    await sql(
      `UPDATE sim_replicas r SET ledger = l.ledger, updated_at = now()
         FROM unnest($1::uuid[], $2::jsonb[]) AS l (vm_id, ledger) WHERE r.vm_id = l.vm_id`,
      [ledgers.map((l) => l.vmId), ledgers.map((l) => JSON.stringify(l.ledger))],
    );
  }

  /** Writes the relationship as it is now (the VM row is locked). */
  async saveReplication(sql: Sql, r: SimReplication): Promise<void> {
    await sql(
      `INSERT INTO sim_replicas (vm_id, primary_host_id, replica_host_id, state, frequency_seconds, ledger,
                                 replicated_disk_ids, test_vm_id, failover_recovery_point_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (vm_id) DO UPDATE SET
         primary_host_id = EXCLUDED.primary_host_id,
         replica_host_id = EXCLUDED.replica_host_id,
         state = EXCLUDED.state,
         frequency_seconds = EXCLUDED.frequency_seconds,
         ledger = EXCLUDED.ledger,
         replicated_disk_ids = EXCLUDED.replicated_disk_ids,
         test_vm_id = EXCLUDED.test_vm_id,
         failover_recovery_point_id = EXCLUDED.failover_recovery_point_id,
         updated_at = now()`,
      [
        r.vmId,
        r.primaryHostId,
        r.replicaHostId,
        r.state,
        r.frequencySeconds,
        JSON.stringify(r.ledger),
        JSON.stringify(r.replicatedDiskIds),
        r.testVmId,
        r.failoverRecoveryPointId,
      ],
    );
  }

  async deleteReplication(sql: Sql, vmId: string): Promise<void> {
    await sql('DELETE FROM sim_replicas WHERE vm_id = $1', [vmId]);
  }

  // ---- cluster membership (informational) ----

  /** Records the cluster (its name follows the control plane); the level is only set when it is new or unknown. */
  async upsertCluster(sql: Sql, cluster: ClusterRef, functionalLevel: number | null): Promise<ClusterRow & { existed: boolean }> {
    const [row] = await sql<ClusterRow & { existed: boolean }>(
      `INSERT INTO sim_clusters AS c (cluster_id, name, functional_level) VALUES ($1, $2, $3)
       ON CONFLICT (cluster_id) DO UPDATE SET
         name = EXCLUDED.name,
         functional_level = COALESCE(c.functional_level, EXCLUDED.functional_level),
         updated_at = now()
       RETURNING cluster_id, name, functional_level, (xmax <> 0) AS existed`,
      [cluster.clusterId, cluster.name, functionalLevel],
    );
    return row;
  }

  /** Makes the hosts nodes of the cluster; returns those that were not nodes of it before. */
  async joinCluster(sql: Sql, hostIds: readonly string[], clusterId: string): Promise<string[]> {
    const rows = await sql<{ host_id: string }>(
      `UPDATE sim_hosts SET cluster_id = $2, updated_at = now()
        WHERE host_id = ANY($1::uuid[]) AND cluster_id IS DISTINCT FROM $2 RETURNING host_id`,
      [[...hostIds], clusterId],
    );
    return rows.map((r) => r.host_id).sort();
  }

  /** False when the host was not a node of the cluster. */
  async leaveCluster(sql: Sql, hostId: string, clusterId: string): Promise<boolean> {
    const rows = await sql(
      `UPDATE sim_hosts SET cluster_id = NULL, updated_at = now() WHERE host_id = $1 AND cluster_id = $2 RETURNING host_id`,
      [hostId, clusterId],
    );
    return rows.length === 1;
  }

  /** Raises the level (never lowers it); returns the level before. */
  async raiseFunctionalLevel(sql: Sql, clusterId: string, level: number): Promise<number | null> {
    const [before] = await sql<{ functional_level: number | null }>(
      'SELECT functional_level FROM sim_clusters WHERE cluster_id = $1 FOR UPDATE',
      [clusterId],
    );
    await sql(
      `UPDATE sim_clusters SET functional_level = $2, updated_at = now()
        WHERE cluster_id = $1 AND (functional_level IS NULL OR functional_level < $2)`,
      [clusterId, level],
    );
    return before?.functional_level ?? null;
  }

  async lockVm(sql: Sql, vmId: string): Promise<HostVm | null> {
    const [row] = await sql<VmRow>(`SELECT ${VM_COLUMNS} FROM sim_vms WHERE vm_id = $1 FOR UPDATE`, [vmId]);
    return row ? toHostVm(row) : null;
  }

  /** False when another transaction created the VM first. */
  /** `hypervisorId`: the id the host gives the VM (a new random one when not given). */
  async insertVm(
    sql: Sql,
    vmId: string,
    vm: Omit<HostVm, 'memoryDemandMb' | 'hypervisorId'> & { hypervisorId?: string },
    memoryDemandMb: number,
  ): Promise<boolean> {
    const c = vm.configuration;
    const rows = await sql(
      `INSERT INTO sim_vms (vm_id, host_id, name, state, memory_demand_mb, memory_mb, config_version, generation, processor_count,
                            dynamic_memory, compatibility_for_migration, secure_boot, secure_boot_template, adapters, disks,
                            checkpoints, current_checkpoint_id, integration_services_version, disabled_integration_services,
                            expose_virtualization_extensions, checkpoint_type, hyperv_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,
               COALESCE($22::uuid, gen_random_uuid()))
       ON CONFLICT (vm_id) DO NOTHING RETURNING vm_id`,
      [vmId, vm.hostId, vm.name, vm.state, memoryDemandMb, ...configurationParameters(c), vm.hypervisorId ?? null],
    );
    return rows.length === 1;
  }

  /** Writes the state the operation left and the whole configuration (the row is locked). */
  async updateVm(sql: Sql, vmId: string, vm: Omit<HostVm, 'hostId' | 'hypervisorId'>): Promise<void> {
    await sql(
      `UPDATE sim_vms SET name = $2, state = $3, memory_demand_mb = $4, memory_mb = $5, config_version = $6, generation = $7,
              processor_count = $8, dynamic_memory = $9, compatibility_for_migration = $10, secure_boot = $11,
              secure_boot_template = $12, adapters = $13, disks = $14, checkpoints = $15, current_checkpoint_id = $16,
              integration_services_version = $17, disabled_integration_services = $18,
              expose_virtualization_extensions = $19, checkpoint_type = $20, updated_at = now()
        WHERE vm_id = $1`,
      [vmId, vm.name, vm.state, vm.memoryDemandMb, ...configurationParameters(vm.configuration)],
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
      `INSERT INTO sim_faults (host_id, fail_operations, unresponsive, crashed, latency_factor, drop_sessions, updated_at)
       VALUES ($1, COALESCE($2::text[], '{}'), COALESCE($3::boolean, false), COALESCE($4::boolean, false),
               COALESCE($5::numeric, 1), COALESCE($6::text[], '{}'), now())
       ON CONFLICT (host_id) DO UPDATE SET
         fail_operations = COALESCE($2::text[], sim_faults.fail_operations),
         drop_sessions = COALESCE($6::text[], sim_faults.drop_sessions),
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
        changes.dropSessions ? [...changes.dropSessions] : null,
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

  /**
   * The hosts among `hostIds` that do not answer normally: crashed (a crash fault, or Down) or
   * unresponsive. Faults set before the fleet saw a host count as well. One statement.
   */
  async heartbeatProblems(hostIds: readonly string[]): Promise<Map<string, Exclude<HostHeartbeat, 'ok'>>> {
    const rows = await this.query<{ host_id: string; down: boolean }>(
      `SELECT host_id, bool_or(down) AS down FROM (
         SELECT host_id, crashed AS down FROM sim_faults WHERE host_id = ANY($1::uuid[]) AND (crashed OR unresponsive)
         UNION ALL
         SELECT host_id, true FROM sim_hosts WHERE host_id = ANY($1::uuid[]) AND state = 'Down'
       ) problems GROUP BY host_id`,
      [[...hostIds]],
    );
    return new Map(rows.map((r) => [r.host_id, r.down ? 'down' : 'unresponsive']));
  }

  async snapshot(): Promise<{
    hosts: HostRow[];
    vms: VmRow[];
    faults: FaultRow[];
    clusters: ClusterRow[];
    replicas: ReplicaRow[];
  }> {
    // One transaction so that the reads agree with each other.
    return this.transaction(async (sql) => {
      const hosts = await sql<HostRow>(`SELECT ${HOST_COLUMNS} FROM sim_hosts ORDER BY name, host_id`);
      const vms = await sql<VmRow>(`SELECT ${VM_COLUMNS} FROM sim_vms ORDER BY name, vm_id`);
      const faults = await sql<FaultRow>('SELECT * FROM sim_faults ORDER BY host_id');
      const clusters = await sql<ClusterRow>(
        'SELECT cluster_id, name, functional_level FROM sim_clusters ORDER BY name, cluster_id',
      );
      const replicas = await sql<ReplicaRow>(`SELECT ${REPLICA_COLUMNS} FROM sim_replicas ORDER BY vm_id`);
      return { hosts, vms, faults, clusters, replicas };
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

export function toHostVm(row: VmRow): HostVm {
  return {
    hostId: row.host_id,
    hypervisorId: row.hyperv_id,
    name: row.name,
    state: row.state,
    memoryDemandMb: row.memory_demand_mb,
    configuration: {
      generation: row.generation === 1 ? 1 : 2,
      configVersion: row.config_version,
      memoryMb: row.memory_mb,
      dynamicMemory: row.dynamic_memory,
      processorCount: row.processor_count,
      compatibilityForMigration: row.compatibility_for_migration,
      secureBoot: row.secure_boot,
      secureBootTemplate: row.secure_boot_template,
      adapters: row.adapters,
      disks: row.disks,
      checkpoints: row.checkpoints,
      currentCheckpointId: row.current_checkpoint_id,
      integrationServicesVersion: row.integration_services_version,
      disabledIntegrationServices: row.disabled_integration_services,
      exposeVirtualizationExtensions: row.expose_virtualization_extensions,
      checkpointType: row.checkpoint_type as SimVmConfiguration['checkpointType'],
    },
  };
}

export function toReplication(row: ReplicaRow): SimReplication {
  return {
    vmId: row.vm_id,
    primaryHostId: row.primary_host_id,
    replicaHostId: row.replica_host_id,
    state: row.state,
    frequencySeconds: row.frequency_seconds,
    ledger: row.ledger,
    replicatedDiskIds: row.replicated_disk_ids,
    testVmId: row.test_vm_id,
    failoverRecoveryPointId: row.failover_recovery_point_id,
  };
}

/** The configuration as parameters in column order: memory_mb … checkpoint_type. */
function configurationParameters(c: SimVmConfiguration): unknown[] {
  // pg sends a JS array as a PostgreSQL array, so the jsonb values go as JSON text.
  return [
    c.memoryMb,
    c.configVersion,
    c.generation,
    c.processorCount,
    c.dynamicMemory === null ? null : JSON.stringify(c.dynamicMemory),
    c.compatibilityForMigration,
    c.secureBoot,
    c.secureBootTemplate,
    JSON.stringify(c.adapters),
    JSON.stringify(c.disks),
    JSON.stringify(c.checkpoints),
    c.currentCheckpointId,
    c.integrationServicesVersion,
    JSON.stringify(c.disabledIntegrationServices),
    c.exposeVirtualizationExtensions,
    c.checkpointType,
  ];
}

/** Rows of any statement (TypeORM's plain query() answers UPDATE/DELETE with [rows, count]). */
function sqlOn(runner: QueryRunner): Sql {
  return async <T>(text: string, parameters: unknown[] = []) => {
    const result = await runner.query(text, parameters, true);
    return (result.records ?? []) as T[];
  };
}
