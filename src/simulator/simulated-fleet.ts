import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { isOsVersion, release } from '../hosts/domain/windows-server';
import {
  AdapterRef,
  DriverError,
  GuestHeartbeat,
  HostHeartbeat,
  HostReplicationReport,
  HostRef,
  HypervisorDriver,
  HypervisorOperation,
  IntegrationServiceName,
  MemoryRef,
  OperationContext,
  OperationKind,
  OperationResult,
  OrchestratedOperation,
  ReplicationStatistics,
} from '../jobs/hypervisor-driver.port';
import { deterministicUuid } from '../platform/deterministic-id';
import { abortableWait } from './abortable-wait';
import {
  CLUSTER_OPERATION_KINDS,
  ClusterOperationKind,
  cycleIntervalMs,
  cycleSizeMb,
  cycleTransferMs,
  isReplicationOperationKind,
  isSimOperationKind,
  memoryDemandMb,
  OperationShape,
  operationDurationMs,
  SIM_OPERATION_KINDS,
  SimOperationKind,
  unresponsiveTimeoutMs,
} from './domain/latency-model';
import { runningGuestHeartbeat } from './domain/guest-heartbeat';
import {
  decideReplication,
  replicaHostOf,
  ReplicationDecision,
  ReplicationOperation,
  ReplicationScene,
  replicationSizeMb,
  SimReplication,
} from './domain/replication';
import { advance, CycleConditions, cycleConditions, CycleLedger, cycleSizes } from './domain/replication-cycles';
import {
  configure,
  heartbeatServiceEnabled,
  initialConfiguration,
  SimCheckpoint,
  SimDisk,
  SimVmConfiguration,
} from './domain/vm-configuration';
import { failover, migration, MoveDecision } from './domain/vm-moves';
import { holdsMemory, SimVmState, VmOperationKind, vmTransition } from './domain/vm-transitions';
import {
  FaultRow,
  FleetStore,
  HostRow,
  HostVm,
  Observation,
  ReplicaEnds,
  ReplicaRow,
  SimHostState,
  Sql,
  toHostVm,
  toReplication,
} from './fleet-store';

/** The port's operation kinds are exactly the simulator's (adding a kind to the port fails to compile here). */
export const OPERATION_KINDS: readonly OperationKind[] = SIM_OPERATION_KINDS;
/** A compile error here names the port's operation kinds the simulator does not perform yet. */
const EVERY_PORT_KIND_SIMULATED: [Exclude<OperationKind, SimOperationKind>] extends [never]
  ? true
  : { missing: Exclude<OperationKind, SimOperationKind> } = true;
void EVERY_PORT_KIND_SIMULATED;
/** Orchestrated jobs (drain, resume) are carried out by the fabric, never by a driver: a compile error here names one the simulator claims. */
const NO_ORCHESTRATED_KIND_SIMULATED: [Extract<OrchestratedOperation['kind'], SimOperationKind>] extends [never]
  ? true
  : { orchestrated: Extract<OrchestratedOperation['kind'], SimOperationKind> } = true;
void NO_ORCHESTRATED_KIND_SIMULATED;

export interface SimulatorSettings {
  /** SIMULATOR_TIME_SCALE: 1 = real time, 0.001 = tests, 0 = instant. */
  timeScale: number;
  /** SIMULATOR_SEED: fixes every jitter and memory-demand draw. */
  seed: number;
}

export interface SimFaults {
  hostId: string;
  failOperations: SimOperationKind[];
  /** Operations whose PowerShell remoting session to the host drops while they run. */
  dropSessions: SimOperationKind[];
  unresponsive: boolean;
  crashed: boolean;
  latencyFactor: number;
  updatedAt: string;
}

export interface SimVm {
  vmId: string;
  /** Hyper-V's own id of the VM, given at creation. */
  hypervisorId: string;
  name: string;
  state: SimVmState;
  memoryMb: number;
  memoryDemandMb: number;
  /** What the guest reports while it runs; null otherwise. */
  heartbeat: GuestHeartbeat | null;
  configVersion: string;
  generation: number;
  processorCount: number;
  dynamicMemory: MemoryRef['dynamic'];
  compatibilityForMigration: boolean;
  secureBoot: boolean | null;
  secureBootTemplate: string | null;
  adapters: AdapterRef[];
  disks: SimDisk[];
  checkpoints: SimCheckpoint[];
  currentCheckpointId: string | null;
  integrationServicesVersion: string | null;
  disabledIntegrationServices: IntegrationServiceName[];
  exposeVirtualizationExtensions: boolean;
  checkpointType: string;
}

export interface SimHost {
  hostId: string;
  name: string;
  osVersion: string;
  memoryMb: number;
  state: SimHostState;
  /** The cluster the host is a node of, as cluster operations left it (informational). */
  clusterId: string | null;
  /** Memory of the VMs that hold some (Running or Paused). */
  memoryAssignedMb: number;
  vms: SimVm[];
  faults: SimFaults | null;
}

export interface SimCluster {
  clusterId: string;
  name: string;
  /** null: not known to the simulator (the cluster was created before it recorded levels). */
  functionalLevel: number | null;
  nodeIds: string[];
}

/** A replication relationship as the hosts have it. */
export interface SimReplica extends SimReplication {
  /** Disks of the VM outside the replicated set (added since, or left out). */
  nonReplicatedDiskIds: string[];
  updatedAt: string;
}

export interface FleetDescription {
  timeScale: number;
  seed: number;
  hosts: SimHost[];
  clusters: SimCluster[];
  /** Hyper-V Replica relationships, one per replicated VM (a test failover's VM is among its replica host's VMs). */
  replicas: SimReplica[];
  /** Faults set for hosts that no operation has named yet; they apply from the first one. */
  pendingFaults: SimFaults[];
}

export interface FaultSettings {
  failOperations?: readonly SimOperationKind[];
  /**
   * The remoting session to the host drops while these operations run: the driver throws a
   * transport error (a plain Error, as a reset WinRM session gives), not a host's DriverError.
   */
  dropSessions?: readonly SimOperationKind[];
  unresponsive?: boolean;
  /** true: the host crashes now (Down; Running and Paused VMs turn Off). false: a crashed host comes back Up. */
  crash?: boolean;
  /** Multiplies every duration on the host; 0–1000. */
  latencyFactor?: number;
}

export interface SetFaultsOutcome extends SimFaults {
  /** null while no operation has named the host. */
  hostState: SimHostState | null;
  /** VMs that went Off because this call crashed the host. */
  vmsTurnedOff: string[];
}

export interface ClearFaultsOutcome {
  clearedHostIds: string[];
  /** Crashed hosts brought back Up (their VMs stay Off). */
  recoveredHostIds: string[];
}

type SimOperation = Extract<HypervisorOperation, { kind: SimOperationKind }>;
type VmOperation = Extract<HypervisorOperation, { kind: VmOperationKind }>;
type ReinstallOperation = Extract<HypervisorOperation, { kind: 'reinstall-host' }>;
type MigrateOperation = Extract<HypervisorOperation, { kind: 'migrate-vm' }>;
type FailoverOperation = Extract<HypervisorOperation, { kind: 'failover-vm' }>;
type ClusterOperation = Extract<HypervisorOperation, { kind: ClusterOperationKind }>;
/** Operations that run on their `host` alone: everything but the moves between hosts and replication. */
type SingleHostOperation = Exclude<SimOperation, MigrateOperation | FailoverOperation | ReplicationOperation>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What an operation does to a VM: the state and configuration it leaves (next null: deleted). */
interface Applied {
  next: { state: SimVmState; configuration: SimVmConfiguration } | null;
  /** False when the operation had been done already: nothing changed. */
  changed: boolean;
  details: Record<string, unknown>;
}

const PROGRESS_STEPS = 10;
export const MAX_LATENCY_FACTOR = 1000;

/**
 * The default HypervisorDriver: a fleet of simulated Hyper-V hosts whose state lives in
 * PostgreSQL. An operation checks the injected faults, takes its modelled time (reporting
 * progress, stoppable by the job's signal), then changes the state under a lock on the host row.
 * Every operation is idempotent; the rules per VM state are in domain/vm-transitions.ts, what
 * operations do to a VM's configuration in domain/vm-configuration.ts. After creation the host's
 * record of the configuration is its own: operations change it, the VmRef of later operations
 * does not (only the name follows the control plane). Operations that leave a VM Running report
 * its memory demand and heartbeat (domain/guest-heartbeat.ts). Migrations and failovers move the
 * VM's row between hosts (domain/vm-moves.ts); cluster operations change no VM and only record
 * membership and functional level for describe(). Replication keeps one relationship per VM
 * (domain/replication.ts); the operations that reach the replica host from the primary also need
 * the replica to answer. heartbeats() reads the faults, nothing else.
 */
export class SimulatedFleet implements HypervisorDriver {
  private readonly store: FleetStore;

  constructor(
    dataSource: DataSource,
    readonly settings: SimulatorSettings,
  ) {
    if (!(settings.timeScale >= 0)) throw new RangeError(`Simulator time scale must be ≥ 0 (got ${settings.timeScale})`);
    this.store = new FleetStore(dataSource);
  }

  async run(requested: HypervisorOperation, context: OperationContext): Promise<OperationResult> {
    const operation = simulated(requested);
    throwIfCancelled(operation, context);
    if (operation.kind === 'migrate-vm') return this.migrate(operation, context);
    if (operation.kind === 'failover-vm') return this.failOver(operation, context);
    if (isReplicationOperation(operation)) return this.replicate(operation, context);
    const seen = await this.observe(operation);
    // A down node is evicted through another node of its cluster: that one must answer.
    const answering = operation.kind === 'evict-node' && operation.via ? operation.via : null;
    if (answering) await this.checkAnswers(answering, operation.kind, await this.observeHost(answering, null), context);
    else await this.checkAnswers(operation.host, operation.kind, seen, context);
    // Refuse at once what the host would refuse, rather than after the operation's duration.
    if (operation.kind === 'reinstall-host') checkReinstall(operation, seen.busyVms);
    else if (!isClusterOperation(operation)) decideVm(operation, seen.vm, seen.osVersion ?? operation.host.osVersion);

    const durationMs = this.durationMs(shapeOf(operation), seen.latencyFactor, context);
    await elapse(durationMs, operation, context);
    throwIfCancelled(operation, context);

    const result =
      operation.kind === 'reinstall-host'
        ? await this.reinstall(operation)
        : isClusterOperation(operation)
          ? await this.applyToCluster(operation)
          : await this.applyToVm(operation);
    report(context, 100);
    return { ...result, details: { simulated: true, durationMs, ...result.details } };
  }

  /**
   * What the cluster heartbeat sees: a crashed host is down, an unresponsive one does not answer,
   * any other is ok (also one the fleet has not seen, unless a fault was set for it beforehand).
   * One statement, no operation latency; an id that is not a UUID is simply ok.
   */
  async heartbeats(hostIds: readonly string[]): Promise<Map<string, HostHeartbeat>> {
    const valid = [...new Set(hostIds.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()))];
    const problems = valid.length > 0 ? await this.store.heartbeatProblems(valid) : new Map<string, HostHeartbeat>();
    return new Map(hostIds.map((id) => [id, problems.get(id.toLowerCase()) ?? 'ok']));
  }

  /**
   * Measure-VMReplication on each host: the statistics of every VM it runs that replicates,
   * computed from the relationships' ledgers and the faults at this moment. One statement; writes nothing.
   */
  async measureReplication(hostIds: readonly string[]): Promise<Map<string, HostReplicationReport>> {
    const valid = [...new Set(hostIds.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()))];
    const [problems, relationships] =
      valid.length > 0
        ? await Promise.all([this.store.heartbeatProblems(valid), this.store.replicationsOn(valid)])
        : [new Map<string, HostHeartbeat>(), []];
    const now = Date.now();
    return new Map(
      hostIds.map((id): [string, HostReplicationReport] => {
        const problem = problems.get(id.toLowerCase());
        if (problem === 'down' || problem === 'unresponsive') return [id, { answer: problem }];
        const own = relationships.filter((r) => r.vmHostId === id.toLowerCase());
        return [id, { answer: 'ok', relationships: own.map((r) => this.statistics(r, now)) }];
      }),
    );
  }

  private statistics(ends: ReplicaEnds, now: number): ReplicationStatistics {
    const { replication, disks } = ends;
    const ledger = advance(replication.ledger, this.conditions(ends), now, this.intervalMs(replication));
    // A cycle carries the changes of the replicated disks only.
    const totalGb = disks.reduce((sum, d) => sum + d.sizeGb, 0);
    const replicatedGb = disks.filter((d) => replication.replicatedDiskIds.includes(d.id)).reduce((sum, d) => sum + d.sizeGb, 0);
    const share = totalGb > 0 ? replicatedGb / totalGb : 1;
    const sizes = cycleSizes(ledger.lastCycle, (seq) =>
      Math.round(cycleSizeMb({ seed: this.settings.seed, vmId: replication.vmId, seq }) * share),
    );
    return {
      vmId: replication.vmId,
      replicaHostId: replication.replicaHostId,
      state: replication.state,
      successfulCycles: ledger.successfulCycles,
      failedCycles: ledger.failedCycles,
      missedCycles: ledger.missedCycles,
      consecutiveFailedCycles: ledger.consecutiveFailedCycles,
      failureReason: ledger.failureReason,
      lastMissedAt: ledger.lastMissedAt,
      lastCycle: ledger.lastCycle,
      lastReplicatedAt: ledger.lastReplicatedAt,
      latestRecoveryPointId:
        ledger.lastReplicatedAt === null ? null : this.recoveryPointId(replication, ledger, ledger.lastCycle),
      ...sizes,
    };
  }

  /**
   * Hyper-V's own id of a recovery point on the replica: the point of cycle `seq` of the replication
   * that (re)started at the ledger's startedAt (0: the full copy it started with). A real host gives
   * each point a GUID of its own; the simulated one derives it from the relationship and the cycle,
   * so that every report (and a repeated operation) names a point the same without storing points.
   */
  private recoveryPointId(replication: SimReplication, ledger: CycleLedger, seq: number): string {
    const { vmId, replicaHostId } = replication;
    return deterministicUuid(
      `simulated-hyperv/recovery-point/${this.settings.seed}/${vmId}/${replicaHostId}/${ledger.startedAt}/${seq}`,
    );
  }

  private conditions(ends: ReplicaEnds): CycleConditions {
    return cycleConditions(ends.replication.state, ends.primary, ends.replica, (factor) =>
      cycleTransferMs(this.settings.timeScale, factor),
    );
  }

  private intervalMs(replication: SimReplication): number {
    return cycleIntervalMs(replication.frequencySeconds, this.settings.timeScale);
  }

  /** Counts the cycles of the relationships with an end on the host (or all) up to now, before their conditions change. */
  private async settleLedgers(sql: Sql, hostId: string | null): Promise<void> {
    const now = Date.now();
    const touched = await this.store.lockReplicationsTouching(sql, hostId);
    const ledgers: Array<{ vmId: string; ledger: CycleLedger }> = touched.map((ends) => ({
      vmId: ends.replication.vmId,
      ledger: advance(ends.replication.ledger, this.conditions(ends), now, this.intervalMs(ends.replication)),
    }));
    await this.store.saveLedgers(sql, ledgers);
  }

  async describe(): Promise<FleetDescription> {
    const { hosts, vms, faults, clusters, replicas } = await this.store.snapshot();
    const faultsByHost = new Map(faults.map((f) => [f.host_id, toFaults(f)]));
    return {
      timeScale: this.settings.timeScale,
      seed: this.settings.seed,
      clusters: clusters.map((c) => ({
        clusterId: c.cluster_id,
        name: c.name,
        functionalLevel: c.functional_level,
        nodeIds: hosts.filter((h) => h.cluster_id === c.cluster_id).map((h) => h.host_id),
      })),
      hosts: hosts.map((h) => {
        const own = vms.filter((v) => v.host_id === h.host_id);
        return {
          hostId: h.host_id,
          name: h.name,
          osVersion: h.os_version,
          memoryMb: h.memory_mb,
          state: h.state,
          clusterId: h.cluster_id,
          memoryAssignedMb: own.filter((v) => holdsMemory(v.state)).reduce((sum, v) => sum + v.memory_mb, 0),
          vms: own.map((row) => this.describeVm(row.vm_id, toHostVm(row))),
          faults: faultsByHost.get(h.host_id) ?? null,
        };
      }),
      replicas: replicas.map((r) => describeReplica(r, vms.find((v) => v.vm_id === r.vm_id)?.disks ?? [])),
      pendingFaults: faults.filter((f) => !hosts.some((h) => h.host_id === f.host_id)).map(toFaults),
    };
  }

  /** Merges the given faults into the host's; works before the fleet has seen the host. */
  async setFaults(hostId: string, settings: FaultSettings): Promise<SetFaultsOutcome> {
    const named = [...(settings.failOperations ?? []), ...(settings.dropSessions ?? [])];
    const unknown = [...new Set(named.filter((k) => !OPERATION_KINDS.includes(k)))];
    if (unknown.length > 0) throw new RangeError(`Unknown operation kinds: ${unknown.join(', ')}`);
    const factor = settings.latencyFactor;
    if (factor !== undefined && !(factor >= 0 && factor <= MAX_LATENCY_FACTOR)) {
      throw new RangeError(`latencyFactor must be between 0 and ${MAX_LATENCY_FACTOR} (got ${factor})`);
    }
    return this.store.transaction(async (sql) => {
      if (UUID.test(hostId)) await this.settleLedgers(sql, hostId.toLowerCase());
      const row = await this.store.upsertFaults(sql, hostId, {
        failOperations: settings.failOperations ? [...new Set(settings.failOperations)] : undefined,
        dropSessions: settings.dropSessions ? [...new Set(settings.dropSessions)] : undefined,
        unresponsive: settings.unresponsive,
        crashed: settings.crash,
        latencyFactor: factor,
      });
      let vmsTurnedOff: string[] = [];
      if (settings.crash === true) vmsTurnedOff = await this.store.crashHost(sql, hostId);
      if (settings.crash === false) await this.store.recoverHosts(sql, hostId);
      return { ...toFaults(row), hostState: await this.store.hostState(sql, hostId), vmsTurnedOff };
    });
  }

  /** Removes the faults of one host (or of all) and brings crashed hosts back Up; their VMs stay Off. */
  async clearFaults(hostId?: string): Promise<ClearFaultsOutcome> {
    return this.store.transaction(async (sql) => {
      if (hostId === undefined || UUID.test(hostId)) await this.settleLedgers(sql, hostId?.toLowerCase() ?? null);
      return {
        clearedHostIds: await this.store.deleteFaults(sql, hostId ?? null),
        recoveredHostIds: await this.store.recoverHosts(sql, hostId ?? null),
      };
    });
  }

  private async observe(operation: SingleHostOperation): Promise<Observation> {
    const vmId = 'vm' in operation ? operation.vm.vmId : null;
    return this.observeHost(operation.host, vmId, operation.kind === 'reinstall-host');
  }

  /** The host as the operation finds it; the first operation naming a host brings it into the fleet. */
  private async observeHost(host: HostRef, vmId: string | null, countBusy = false): Promise<Observation> {
    const first = await this.store.observe(host.hostId, vmId, countBusy);
    if (first.hostState !== null) return first;
    await this.store.ensureHost(host);
    return this.store.observe(host.hostId, vmId, countBusy);
  }

  /**
   * A host must answer for an operation to run on it: a crashed host fails it at once, an
   * unresponsive one after the control plane's timeout, and an injected failure fails it too.
   * In that order, then a dropped session: a host that is down or silent gives no session to
   * drop, and one set to refuse the operation refuses it as soon as it is asked. The session
   * drops before the host changes anything, so a later try finds the VM as it was.
   */
  private async checkAnswers(host: HostRef, kind: SimOperationKind, seen: Observation, context: OperationContext): Promise<void> {
    if (seen.hostState === 'Down') throw hostDown(host, kind);
    if (seen.unresponsive) {
      const timeoutMs = await this.waitForUnresponsive(host, kind, context);
      throw new DriverError(
        'HOST_UNRESPONSIVE',
        `Host ${hostLabel(host)} did not answer ${kind} within ${timeoutMs} ms ` +
          '(injected fault: the simulator marks the host unresponsive)',
      );
    }
    if (seen.failOperations.includes(kind)) {
      throw new DriverError(
        'OPERATION_FAILED',
        `${kind} failed on host ${hostLabel(host)}: injected fault (the simulator is set to fail ${kind} on this host)`,
      );
    }
    if (seen.dropSessions.includes(kind)) throw droppedSession(host, kind);
  }

  /** Waits the time the control plane gives a host to answer (a cancellation ends it); returns it. */
  private async waitForUnresponsive(host: HostRef, kind: SimOperationKind, context: OperationContext): Promise<number> {
    const timeoutMs = unresponsiveTimeoutMs(this.settings.timeScale);
    if ((await abortableWait(timeoutMs, context.signal)) === 'aborted') throw cancelled(host, kind);
    return timeoutMs;
  }

  private durationMs(shape: OperationShape, latencyFactor: number, context: OperationContext): number {
    return operationDurationMs(shape, {
      timeScale: this.settings.timeScale,
      seed: this.settings.seed,
      latencyFactor,
      jobId: context.jobId,
    });
  }

  /**
   * Live or quick migration from a host that answers to one that is Up and answers. The VM keeps
   * its state and configuration; a VM already on the destination (an earlier delivery moved it)
   * is a success at once, whatever became of the source since. Both hosts' latency factors slow
   * the copy down: the slower one sets the pace.
   */
  private async migrate(operation: MigrateOperation, context: OperationContext): Promise<OperationResult> {
    const { host: source, destination, vm } = operation;
    if (source.hostId.toLowerCase() === destination.hostId.toLowerCase()) {
      throw new DriverError('OPERATION_FAILED', `${describeMove(operation)} failed: source and destination are the same host`);
    }
    const atSource = await this.observeHost(source, vm.vmId);
    const atDestination = await this.observeHost(destination, null);
    const destinationFails = (reason: string) =>
      new DriverError('OPERATION_FAILED', `${describeMove(operation)} failed: the destination host ${reason}`);
    const checkDestination = async () => {
      if (atDestination.hostState === 'Down') throw destinationFails('is down (crashed in the simulator)');
      if (atDestination.unresponsive) {
        const timeoutMs = await this.waitForUnresponsive(destination, operation.kind, context);
        throw destinationFails(
          `did not answer within ${timeoutMs} ms (injected fault: the simulator marks the host unresponsive)`,
        );
      }
    };
    const decide = (current: HostVm | null, destinationOs: string | null) =>
      migration(current && whereabouts(current), source.hostId, {
        hostId: destination.hostId,
        osVersion: destinationOs ?? destination.osVersion,
      });

    const first = decide(atSource.vm, atDestination.osVersion);
    if (first.outcome !== 'done') await this.checkAnswers(source, operation.kind, atSource, context);
    await checkDestination();
    refuseMove(operation, first);
    const durationMs =
      first.outcome === 'done'
        ? 0
        : this.durationMs(
            {
              kind: operation.kind,
              memoryMb: vm.memoryMb,
              migrationType: operation.migrationType,
              savedState: atSource.vm?.state === 'Saved',
            },
            Math.max(atSource.latencyFactor, atDestination.latencyFactor),
            context,
          );
    await elapse(durationMs, operation, context);
    throwIfCancelled(operation, context);

    const result = await this.store.transaction(async (sql) => {
      const hosts = await this.store.lockHosts(sql, [source.hostId, destination.hostId]);
      const [from, to] = [liveHost(hosts, source), liveHost(hosts, destination)];
      const current = await this.store.lockVm(sql, vm.vmId);
      const decision = decide(current, to?.os_version ?? null);
      if (decision.outcome !== 'done') {
        if (from?.state !== 'Up') throw hostDown(source, operation.kind);
        if (to?.state !== 'Up') throw destinationFails('crashed while the VM was moving to it');
      }
      return this.applyMove(sql, operation, current, decision, { migrationType: operation.migrationType });
    });
    report(context, 100);
    return { ...result, details: { simulated: true, durationMs, ...result.details } };
  }

  /**
   * Restarts (or just registers) the VM of a lost node on the destination. The lost node is not
   * asked anything (it is down or does not answer); the destination must answer, and its faults
   * (failOperations or dropSessions naming failover-vm included) apply.
   */
  private async failOver(operation: FailoverOperation, context: OperationContext): Promise<OperationResult> {
    const { destination, vm } = operation;
    const seen = await this.observeHost(destination, vm.vmId);
    await this.checkAnswers(destination, operation.kind, seen, context);
    const end = { hostId: destination.hostId, osVersion: seen.osVersion ?? destination.osVersion };
    const decide = (current: HostVm | null) => failover(current && whereabouts(current), end, operation.restart);
    const first = decide(seen.vm);
    refuseMove(operation, first);
    const durationMs =
      first.outcome === 'done'
        ? 0
        : this.durationMs({ kind: operation.kind, restart: operation.restart }, seen.latencyFactor, context);
    await elapse(durationMs, operation, context);
    throwIfCancelled(operation, context);

    const result = await this.store.transaction(async (sql) => {
      const host = await this.store.lockHost(sql, destination.hostId, 'share');
      const current = await this.store.lockVm(sql, vm.vmId);
      const decision = decide(current);
      if (decision.outcome !== 'done' && host?.state !== 'Up') throw hostDown(destination, operation.kind);
      return this.applyMove(sql, operation, current, decision, { restarted: operation.restart });
    });
    report(context, 100);
    return { ...result, details: { simulated: true, durationMs, ...result.details } };
  }

  /**
   * Hyper-V Replica. The host the operation runs on must answer, as for any operation; the
   * operations that reach the replica from the primary (replicaHostOf) also fail when the replica
   * host is down, or does not answer within the control plane's timeout; an unplanned failover
   * runs on the replica and never asks the primary. An operation in effect already (a recorded
   * cycle, a VM failed over already) succeeds without asking the replica, with the same report: a
   * cycle's size is a function of seed, VM and seq, a copy's of its disk size. The copy runs at the
   * pace of the slower end.
   */
  private async replicate(operation: ReplicationOperation, context: OperationContext): Promise<OperationResult> {
    const { host, vm } = operation;
    const replica = replicaHostOf(operation);
    const testVmId = testVmIdOf(operation);
    const seen = await this.observeHost(host, vm.vmId);
    await this.checkAnswers(host, operation.kind, seen, context);
    const atReplica = replica ? await this.observeHost(replica, null) : null;
    // The refusals come before the operation's duration; its counting of cycles is in the final decision.
    const first = decideReplication(operation, {
      replication: await this.store.replicationOf(vm.vmId),
      vm: seen.vm && sceneVm(seen.vm),
      hostOsVersion: seen.osVersion ?? host.osVersion,
      replicaOsVersion: replica ? (atReplica?.osVersion ?? replica.osVersion) : null,
      testVm: testVmId ? await this.store.whereIs(testVmId) : null,
      at: Date.now(),
      conditions: { kind: 'stopped' },
      timeScale: this.settings.timeScale,
    });
    refuseReplication(operation, first);
    if (replica && atReplica && first.outcome === 'apply') await this.checkReplica(operation, replica, atReplica, context);

    const sizeMb = replicationSizeMb(operation);
    const latencyFactor = Math.max(seen.latencyFactor, atReplica?.latencyFactor ?? 0);
    const durationMs = this.durationMs(replicationShape(operation), latencyFactor, context);
    await elapse(durationMs, operation, context);
    throwIfCancelled(operation, context);

    const result = await this.store.transaction(async (sql) => {
      const hosts = await this.store.lockHosts(sql, replica ? [host.hostId, replica.hostId] : [host.hostId]);
      const at = liveHost(hosts, host);
      if (!at) throw new Error(`Simulated host ${host.hostId} vanished`);
      if (at.state !== 'Up') throw hostDown(host, operation.kind);
      const current = await this.store.lockVm(sql, vm.vmId);
      const testVm = testVmId ? await this.store.lockVm(sql, testVmId) : null;
      const replication = await this.store.lockReplication(sql, vm.vmId);
      const ends = replication && (await this.store.replicationEnds(sql, vm.vmId));
      const to = replica ? liveHost(hosts, replica) : undefined;
      const scene: ReplicationScene = {
        replication,
        vm: current && sceneVm(current),
        hostOsVersion: at.os_version,
        replicaOsVersion: replica ? (to?.os_version ?? replica.osVersion) : null,
        testVm: testVm && { hostId: testVm.hostId },
        at: Date.now(),
        conditions: ends ? this.conditions(ends) : { kind: 'stopped' },
        timeScale: this.settings.timeScale,
      };
      const decision = decideReplication(operation, scene);
      refuseReplication(operation, decision);
      if (replica && decision.outcome === 'apply' && to?.state !== 'Up') {
        throw replicaFails(operation, replica, 'crashed while the operation reached it');
      }
      return this.applyReplication(sql, operation, decision, current, testVm);
    });
    report(context, 100);
    return {
      ...result,
      ...(sizeMb === null ? {} : { sizeMb }),
      details: { simulated: true, durationMs, ...result.details },
    };
  }

  /**
   * The replica host must be up and answer; it is not asked to run anything, so its failOperations
   * and dropSessions do not apply.
   */
  private async checkReplica(
    operation: ReplicationOperation,
    replica: HostRef,
    seen: Observation,
    context: OperationContext,
  ): Promise<void> {
    if (seen.hostState === 'Down') throw replicaFails(operation, replica, 'is down (crashed in the simulator)');
    if (seen.unresponsive) {
      const timeoutMs = await this.waitForUnresponsive(replica, operation.kind, context);
      throw replicaFails(
        operation,
        replica,
        `did not answer within ${timeoutMs} ms (injected fault: the simulator marks the host unresponsive)`,
      );
    }
  }

  /** Writes what the decision says (under the locks) and reports it. */
  private async applyReplication(
    sql: Sql,
    operation: ReplicationOperation,
    decision: Extract<ReplicationDecision, { outcome: 'done' | 'apply' }>,
    current: HostVm | null,
    testVm: HostVm | null,
  ): Promise<OperationResult> {
    const { vm } = operation;
    let replication: SimReplication | null;
    let vmState: string | null = decision.vmState;
    // The VM this operation leaves running, if any: the failed-over VM, or the test VM.
    let running: { vmId: string; configuration: SimVmConfiguration } | null = null;
    let testVmState: string | null = testVm?.state ?? null;
    if (decision.outcome === 'done') {
      replication = decision.replication;
      if ((operation.kind === 'planned-failover' || operation.kind === 'unplanned-failover') && current?.state === 'Running') {
        running = { vmId: vm.vmId, configuration: current.configuration };
      }
      if (operation.kind === 'start-test-failover' && testVm?.state === 'Running') {
        running = { vmId: operation.testVm.vmId, configuration: testVm.configuration };
      }
    } else {
      replication = decision.next;
      if (decision.start && current) {
        const demand = this.memoryDemandMb(vm.vmId, current.configuration);
        await this.store.moveVm(sql, vm.vmId, decision.start.hostId, 'Running', demand);
        running = { vmId: vm.vmId, configuration: current.configuration };
        vmState = 'Running';
      }
      if (decision.testVm === 'create' && operation.kind === 'start-test-failover' && current) {
        const configuration = testVmConfiguration(current.configuration);
        const { vmId, name } = operation.testVm;
        const demand = this.memoryDemandMb(vmId, configuration);
        const created = await this.store.insertVm(
          sql,
          vmId,
          { hostId: operation.host.hostId.toLowerCase(), name, state: 'Running', configuration },
          demand,
        );
        if (!created) throw failedReplication(operation, `a VM with the test VM's id ${vmId} exists already`);
        running = { vmId, configuration };
        testVmState = 'Running';
      }
      if (decision.next) await this.store.saveReplication(sql, decision.next);
      else await this.store.deleteReplication(sql, vm.vmId);
      if (decision.testVm === 'delete' && testVm && operation.kind === 'stop-test-failover') {
        await this.store.deleteVm(sql, operation.testVmId);
        testVmState = 'Deleted';
      }
    }
    const testVmId = testVmIdOf(operation);
    // A full copy (the initial one, a reversal's, a planned failover's last changes) is the replica's first recovery point.
    const copied =
      replication && (operation.kind === 'enable-replication' || operation.kind === 'reverse-replication' || operation.kind === 'planned-failover')
        ? { hypervisorRecoveryPointId: this.recoveryPointId(replication, replication.ledger, 0) }
        : {};
    return {
      ...(running
        ? {
            memoryDemandMb: this.memoryDemandMb(running.vmId, running.configuration),
            heartbeat: this.heartbeat(running.vmId, running.configuration),
          }
        : {}),
      details: {
        alreadyDone: decision.outcome === 'done' || !decision.changed,
        replicationState: replication?.state ?? null,
        primaryHostId: replication?.primaryHostId ?? null,
        replicaHostId: replication?.replicaHostId ?? null,
        vmState,
        ...(testVmId ? { testVmId: testVmId.toLowerCase(), testVmState } : {}),
        ...copied,
      },
    };
  }

  /** Writes a move decided under the locks and reports the VM as the destination has it. */
  private async applyMove(
    sql: Sql,
    operation: MigrateOperation | FailoverOperation,
    current: HostVm | null,
    decision: MoveDecision,
    details: Record<string, unknown>,
  ): Promise<OperationResult> {
    refuseMove(operation, decision);
    if (current === null || (decision.outcome !== 'done' && decision.outcome !== 'move')) {
      throw new Error(`unreachable: ${decision.outcome}`);
    }
    const { vmId } = operation.vm;
    const state = decision.outcome === 'done' ? decision.state : decision.next;
    const configuration = current.configuration;
    const demand = holdsMemory(state) ? this.memoryDemandMb(vmId, configuration) : 0;
    if (decision.outcome === 'move') await this.store.moveVm(sql, vmId, operation.destination.hostId, state, demand);
    return {
      ...(state === 'Running' ? { memoryDemandMb: demand, heartbeat: this.heartbeat(vmId, configuration) } : {}),
      details: {
        vmState: state,
        alreadyDone: decision.outcome === 'done',
        ...(decision.outcome === 'move' ? { fromHostId: decision.fromHostId } : {}),
        toHostId: operation.destination.hostId.toLowerCase(),
        ...details,
      },
    };
  }

  /**
   * Cluster operations change no VM; the fleet records which cluster each host is a node of and
   * the cluster's functional level, for describe(). Nothing is refused because of that record.
   */
  private async applyToCluster(operation: ClusterOperation): Promise<OperationResult> {
    const { cluster } = operation;
    const details = { clusterId: cluster.clusterId };
    if (operation.kind === 'create-cluster') {
      // The nodes answer New-Cluster through the node that runs it; the fleet learns of them here.
      for (const node of operation.nodes) await this.store.ensureHost(node);
    }
    return this.store.transaction(async (sql) => {
      // A forced eviction of a down node is carried out by the node it runs through; only that one must be alive.
      const host =
        operation.kind === 'evict-node' && operation.via
          ? (await this.lockLiveHost(sql, { ...operation, host: operation.via }), { hostId: operation.host.hostId.toLowerCase() })
          : await this.lockLiveHost(sql, operation);
      switch (operation.kind) {
        case 'create-cluster': {
          const nodeIds = [...new Set([host.hostId, ...operation.nodes.map((n) => n.hostId.toLowerCase())])];
          const nodes = await this.store.lockHosts(sql, nodeIds);
          const level = Math.min(...nodes.map((n) => functionalLevelOf(n.os_version) ?? Infinity));
          const recorded = await this.store.upsertCluster(sql, cluster, Number.isFinite(level) ? level : null);
          const joined = await this.store.joinCluster(sql, nodeIds, cluster.clusterId);
          return {
            details: {
              ...details,
              nodeIds: nodeIds.sort(),
              functionalLevel: recorded.functional_level,
              alreadyDone: joined.length === 0,
            },
          };
        }
        case 'add-cluster-node': {
          await this.store.upsertCluster(sql, cluster, null);
          const joined = await this.store.joinCluster(sql, [host.hostId], cluster.clusterId);
          return { details: { ...details, alreadyDone: joined.length === 0 } };
        }
        case 'evict-node':
          return { details: { ...details, alreadyDone: !(await this.store.leaveCluster(sql, host.hostId, cluster.clusterId)) } };
        case 'raise-functional-level': {
          await this.store.upsertCluster(sql, cluster, null);
          const previous = await this.store.raiseFunctionalLevel(sql, cluster.clusterId, operation.toLevel);
          return {
            details: {
              ...details,
              functionalLevel: Math.max(previous ?? operation.toLevel, operation.toLevel),
              previousFunctionalLevel: previous,
              alreadyDone: previous !== null && previous >= operation.toLevel,
            },
          };
        }
        case 'clear-node-quarantine':
          // Quarantine is the cluster's bookkeeping (the fabric's); the node just starts its cluster service.
          return { details };
        default: {
          const unknown: never = operation;
          throw new Error(`Unknown cluster operation ${String((unknown as { kind: unknown }).kind)}`);
        }
      }
    });
  }

  private async applyToVm(operation: VmOperation): Promise<OperationResult> {
    const { vm } = operation;
    return this.store.transaction(async (sql) => {
      const host = await this.lockLiveHost(sql, operation);
      for (let attempt = 0; ; attempt++) {
        const current = await this.store.lockVm(sql, vm.vmId);
        // Hyper-V gives what it creates its own ids; a repeated request answers those it gave the first time.
        const hypervisorVmId = current?.hypervisorId ?? randomUUID();
        const applied = decideVm(operation, current, host.osVersion, randomUUID());
        const { next } = applied;
        const demand = next && holdsMemory(next.state) ? this.memoryDemandMb(vm.vmId, next.configuration) : 0;
        if (next === null) {
          if (current) await this.store.deleteVm(sql, vm.vmId);
        } else if (current) {
          // The name follows the control plane (a rename needs no host work); the rest is the host's own.
          await this.store.updateVm(sql, vm.vmId, { name: vm.name, memoryDemandMb: demand, ...next });
        } else if (
          !(await this.store.insertVm(
            sql,
            vm.vmId,
            { hostId: host.hostId, name: vm.name, hypervisorId: hypervisorVmId, ...next },
            demand,
          ))
        ) {
          // A concurrent delivery of the same create won the insert: decide again on its row.
          if (attempt === 0) continue;
          throw new Error(`VM ${vm.vmId} could neither be read nor created`);
        }
        return {
          ...(next?.state === 'Running'
            ? { memoryDemandMb: demand, heartbeat: this.heartbeat(vm.vmId, next.configuration) }
            : {}),
          details: {
            vmState: next?.state ?? 'Deleted',
            alreadyDone: !applied.changed,
            ...(operation.kind === 'create-vm' ? { hypervisorVmId } : {}),
            ...applied.details,
          },
        };
      }
    });
  }

  /** Memory demand never exceeds the memory the VM starts with (after a resize: the new size). */
  private memoryDemandMb(vmId: string, configuration: SimVmConfiguration): number {
    return memoryDemandMb(configuration.memoryMb, { seed: this.settings.seed, vmId });
  }

  private heartbeat(vmId: string, configuration: SimVmConfiguration): GuestHeartbeat {
    return runningGuestHeartbeat({ seed: this.settings.seed, vmId }, heartbeatServiceEnabled(configuration));
  }

  private describeVm(vmId: string, vm: HostVm): SimVm {
    const c = vm.configuration;
    return {
      vmId,
      hypervisorId: vm.hypervisorId,
      name: vm.name,
      state: vm.state,
      memoryMb: c.memoryMb,
      memoryDemandMb: vm.memoryDemandMb,
      heartbeat: vm.state === 'Running' ? this.heartbeat(vmId, c) : null,
      configVersion: c.configVersion,
      generation: c.generation,
      processorCount: c.processorCount,
      dynamicMemory: c.dynamicMemory,
      compatibilityForMigration: c.compatibilityForMigration,
      secureBoot: c.secureBoot,
      secureBootTemplate: c.secureBootTemplate,
      adapters: c.adapters,
      disks: c.disks,
      checkpoints: c.checkpoints,
      currentCheckpointId: c.currentCheckpointId,
      integrationServicesVersion: c.integrationServicesVersion,
      disabledIntegrationServices: c.disabledIntegrationServices,
      exposeVirtualizationExtensions: c.exposeVirtualizationExtensions,
      checkpointType: c.checkpointType,
    };
  }

  private async reinstall(operation: ReinstallOperation): Promise<OperationResult> {
    return this.store.transaction(async (sql) => {
      const host = await this.lockLiveHost(sql, operation, 'update');
      checkReinstall(operation, await this.store.countBusyVms(sql, host.hostId));
      await this.store.setOsVersion(sql, host.hostId, operation.targetOsVersion);
      return {
        details: {
          osVersion: operation.targetOsVersion,
          previousOsVersion: host.osVersion,
          alreadyDone: host.osVersion === operation.targetOsVersion,
        },
      };
    });
  }

  /** Locks the host row for the final state change; a host that crashed meanwhile fails the operation. */
  private async lockLiveHost(
    sql: Sql,
    operation: SingleHostOperation,
    mode: 'share' | 'update' = 'share',
  ): Promise<{ hostId: string; osVersion: string }> {
    const host = await this.store.lockHost(sql, operation.host.hostId, mode);
    if (!host) throw new Error(`Simulated host ${operation.host.hostId} vanished`);
    if (host.state === 'Down') throw hostDown(operation.host, operation.kind);
    return { hostId: host.host_id, osVersion: host.os_version };
  }
}

/**
 * The operation as one the simulator performs. The compile-time check above keeps the lists equal;
 * this guards a job queued by a newer control plane and picked up by an older worker.
 */
function simulated(operation: HypervisorOperation): SimOperation {
  if (isSimOperationKind(operation.kind)) return operation as SimOperation;
  throw new DriverError('OPERATION_FAILED', `The simulated fleet does not perform ${operation.kind}`);
}

/** The state and configuration an operation leaves, or the DriverError the host would answer. */
function decideVm(operation: VmOperation, current: HostVm | null, hostOsVersion: string, newHypervisorId?: string): Applied {
  const { host, vm } = operation;
  if (current && current.hostId !== host.hostId.toLowerCase()) {
    const where = `VM ${vm.name} (${vm.vmId}) is on simulated host ${current.hostId}, not on ${hostLabel(host)}`;
    if (operation.kind === 'create-vm') throw new DriverError('OPERATION_FAILED', `create-vm failed: ${where}`);
    throw new DriverError('VM_NOT_FOUND', `${operation.kind} failed: ${where}`);
  }
  const subject = `VM ${vm.name} (${vm.vmId})`;
  const failed = (reason: string) =>
    new DriverError('OPERATION_FAILED', `${operation.kind} of ${subject} on host ${hostLabel(host)} failed: ${reason}`);
  const transition = vmTransition(operation, current?.state ?? null);
  if (transition.outcome === 'not-found') {
    throw new DriverError('VM_NOT_FOUND', `${operation.kind} failed: ${subject} does not exist on host ${hostLabel(host)}`);
  }
  if (transition.outcome === 'refused') throw failed(transition.reason);
  if (transition.next === null) return { next: null, changed: transition.changed, details: {} };
  if (current === null) {
    const configuration =
      operation.kind === 'create-vm' ? initialConfiguration(vm, operation.configuration) : initialConfiguration(vm);
    return { next: { state: transition.next, configuration }, changed: true, details: {} };
  }
  const change = configure(current.configuration, operation, {
    state: current.state,
    memoryDemandMb: current.memoryDemandMb,
    hostOsVersion,
    newHypervisorId,
  });
  if (change.outcome === 'refused') throw failed(change.reason);
  return {
    next: { state: transition.next, configuration: change.next },
    changed: transition.changed || change.changed,
    details: change.details,
  };
}

/** By its kind: VM operations may name their cluster too (a role created or removed with the VM). */
function isClusterOperation(operation: SingleHostOperation): operation is ClusterOperation {
  return (CLUSTER_OPERATION_KINDS as readonly string[]).includes(operation.kind);
}

function whereabouts(vm: HostVm) {
  return { hostId: vm.hostId, state: vm.state, configVersion: vm.configuration.configVersion };
}

/** The host row of one end of a move, if the fleet has it. */
function liveHost(rows: HostRow[], host: HostRef): HostRow | undefined {
  return rows.find((r) => r.host_id === host.hostId.toLowerCase());
}

function functionalLevelOf(osVersion: string): number | null {
  return isOsVersion(osVersion) ? release(osVersion).functionalLevel : null;
}

function describeMove(operation: MigrateOperation | FailoverOperation): string {
  const { vm, host, destination } = operation;
  return `${operation.kind} of VM ${vm.name} (${vm.vmId}) from ${hostLabel(host)} to ${hostLabel(destination)}`;
}

/** The DriverError for a move the hosts cannot make (the VM is not where it should be, or the destination cannot run it). */
function refuseMove(operation: MigrateOperation | FailoverOperation, decision: MoveDecision): void {
  if (decision.outcome === 'not-found')
    throw new DriverError('VM_NOT_FOUND', `${describeMove(operation)} failed: ${decision.reason}`);
  if (decision.outcome === 'refused')
    throw new DriverError('OPERATION_FAILED', `${describeMove(operation)} failed: ${decision.reason}`);
}

function isReplicationOperation(operation: SimOperation): operation is ReplicationOperation {
  return isReplicationOperationKind(operation.kind);
}

function sceneVm(vm: HostVm): NonNullable<ReplicationScene['vm']> {
  return {
    hostId: vm.hostId,
    state: vm.state,
    configVersion: vm.configuration.configVersion,
    diskIds: vm.configuration.disks.map((d) => d.id),
  };
}

function testVmIdOf(operation: ReplicationOperation): string | null {
  if (operation.kind === 'start-test-failover') return operation.testVm.vmId;
  if (operation.kind === 'stop-test-failover') return operation.testVmId;
  return null;
}

/** A test VM is the replica as of a recovery point: the VM's hardware, without its checkpoints. */
function testVmConfiguration(configuration: SimVmConfiguration): SimVmConfiguration {
  return { ...configuration, checkpoints: [], currentCheckpointId: null };
}

function replicationShape(operation: ReplicationOperation): OperationShape {
  switch (operation.kind) {
    case 'enable-replication':
    case 'resynchronize-replication':
    case 'reverse-replication':
      return { kind: operation.kind, diskGb: operation.diskGb };
    case 'set-replicated-disks':
      return { kind: operation.kind, diskGb: operation.addedDiskGb };
    default:
      return { kind: operation.kind };
  }
}

function describeReplication(operation: ReplicationOperation): string {
  const { vm, host } = operation;
  return `${operation.kind} of VM ${vm.name} (${vm.vmId}) on host ${hostLabel(host)}`;
}

function failedReplication(operation: ReplicationOperation, reason: string): DriverError {
  return new DriverError('OPERATION_FAILED', `${describeReplication(operation)} failed: ${reason}`);
}

function replicaFails(operation: ReplicationOperation, replica: HostRef, reason: string): DriverError {
  return failedReplication(operation, `the replica host ${hostLabel(replica)} ${reason}`);
}

function refuseReplication(
  operation: ReplicationOperation,
  decision: ReplicationDecision,
): asserts decision is Extract<ReplicationDecision, { outcome: 'done' | 'apply' }> {
  if (decision.outcome === 'not-found') {
    throw new DriverError('VM_NOT_FOUND', `${describeReplication(operation)} failed: ${decision.reason}`);
  }
  if (decision.outcome === 'refused') throw failedReplication(operation, decision.reason);
}

function describeReplica(row: ReplicaRow, disks: readonly SimDisk[]): SimReplica {
  const replication = toReplication(row);
  return {
    ...replication,
    nonReplicatedDiskIds: disks.map((d) => d.id).filter((id) => !replication.replicatedDiskIds.includes(id)),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** A clean install wipes the host: it must not be running any VM (drain it first). */
function checkReinstall(operation: ReinstallOperation, busyVms: number): void {
  if (busyVms > 0) {
    throw new DriverError(
      'OPERATION_FAILED',
      `reinstall-host of ${hostLabel(operation.host)} failed: ${busyVms} VM(s) still running or paused on it; drain it first`,
    );
  }
}

function shapeOf(operation: SingleHostOperation): OperationShape {
  switch (operation.kind) {
    case 'stop-vm':
      return { kind: operation.kind, stopMode: operation.mode };
    case 'reinstall-host':
    case 'create-cluster':
    case 'add-cluster-node':
    case 'evict-node':
    case 'raise-functional-level':
    case 'clear-node-quarantine':
      return { kind: operation.kind };
    case 'create-checkpoint':
    case 'apply-checkpoint':
      return { kind: operation.kind, memoryMb: operation.vm.memoryMb, checkpoint: operation.checkpoint };
    default:
      return { kind: operation.kind, memoryMb: operation.vm.memoryMb };
  }
}

/** Sleeps the operation's duration in up to ten steps, reporting 10 %, 20 %, … 90 % (100 % once applied). */
async function elapse(durationMs: number, operation: HypervisorOperation, context: OperationContext): Promise<void> {
  if (durationMs <= 0) return;
  const steps = Math.max(1, Math.min(PROGRESS_STEPS, Math.floor(durationMs)));
  for (let step = 1; step <= steps; step++) {
    if ((await abortableWait(durationMs / steps, context.signal)) === 'aborted') throw cancelled(operation.host, operation.kind);
    if (step < steps) report(context, Math.round((100 * step) / steps));
  }
}

/** Progress is advisory: a failing callback must not fail the operation. */
function report(context: OperationContext, percent: number): void {
  try {
    context.onProgress(percent);
  } catch {
    // ignored on purpose
  }
}

function throwIfCancelled(operation: HypervisorOperation, context: OperationContext): void {
  if (context.signal.aborted) throw cancelled(operation.host, operation.kind);
}

function cancelled(host: HostRef, kind: string): DriverError {
  return new DriverError('CANCELLED', `${kind} on host ${hostLabel(host)} was cancelled before it completed`);
}

function hostDown(host: HostRef, kind: string): DriverError {
  return new DriverError('HOST_DOWN', `Host ${hostLabel(host)} is down (crashed in the simulator); ${kind} was not performed`);
}

/**
 * A transport failure, not an answer of the host: a plain Error as the PowerShell remoting client
 * throws when its WinRM session is reset, which the worker treats as a fault of the driver.
 */
function droppedSession(host: HostRef, kind: string): Error {
  return new Error(
    `The WinRM session to host ${hostLabel(host)} was reset while running ${kind} ` +
      `(injected fault: the simulator is set to drop the remoting session of ${kind} on this host)`,
  );
}

function hostLabel(host: HostRef): string {
  return `${host.name} (${host.hostId})`;
}

function toFaults(row: FaultRow): SimFaults {
  return {
    hostId: row.host_id,
    failOperations: row.fail_operations,
    dropSessions: row.drop_sessions,
    unresponsive: row.unresponsive,
    crashed: row.crashed,
    latencyFactor: Number(row.latency_factor),
    updatedAt: row.updated_at.toISOString(),
  };
}
