import { DataSource } from 'typeorm';
import {
  AdapterRef,
  DriverError,
  GuestHeartbeat,
  HostRef,
  HypervisorDriver,
  HypervisorOperation,
  IntegrationServiceName,
  MemoryRef,
  OperationContext,
  OperationKind,
  OperationResult,
} from '../jobs/hypervisor-driver.port';
import { abortableWait } from './abortable-wait';
import {
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
  configure,
  heartbeatServiceEnabled,
  initialConfiguration,
  SimCheckpoint,
  SimDisk,
  SimVmConfiguration,
} from './domain/vm-configuration';
import { holdsMemory, SimVmState, VmOperationKind, vmTransition } from './domain/vm-transitions';
import { FaultRow, FleetStore, HostVm, Observation, SimHostState, Sql, toHostVm } from './fleet-store';

/** The port's operation kinds are exactly the simulator's (adding a kind to the port fails to compile here). */
export const OPERATION_KINDS: readonly OperationKind[] = SIM_OPERATION_KINDS;
/** A compile error here names the port's operation kinds the simulator does not perform yet. */
const EVERY_PORT_KIND_SIMULATED: [Exclude<OperationKind, SimOperationKind>] extends [never]
  ? true
  : { missing: Exclude<OperationKind, SimOperationKind> } = true;
void EVERY_PORT_KIND_SIMULATED;

export interface SimulatorSettings {
  /** SIMULATOR_TIME_SCALE: 1 = real time, 0.001 = tests, 0 = instant. */
  timeScale: number;
  /** SIMULATOR_SEED: fixes every jitter and memory-demand draw. */
  seed: number;
}

export interface SimFaults {
  hostId: string;
  failOperations: SimOperationKind[];
  unresponsive: boolean;
  crashed: boolean;
  latencyFactor: number;
  updatedAt: string;
}

export interface SimVm {
  vmId: string;
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
}

export interface SimHost {
  hostId: string;
  name: string;
  osVersion: string;
  memoryMb: number;
  state: SimHostState;
  /** Memory of the VMs that hold some (Running or Paused). */
  memoryAssignedMb: number;
  vms: SimVm[];
  faults: SimFaults | null;
}

export interface FleetDescription {
  timeScale: number;
  seed: number;
  hosts: SimHost[];
  /** Faults set for hosts that no operation has named yet; they apply from the first one. */
  pendingFaults: SimFaults[];
}

export interface FaultSettings {
  failOperations?: readonly SimOperationKind[];
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
 * its memory demand and heartbeat (domain/guest-heartbeat.ts).
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
    const seen = await this.observe(operation);
    if (seen.hostState === 'Down') throw hostDown(operation);
    if (seen.unresponsive) {
      const timeoutMs = unresponsiveTimeoutMs(this.settings.timeScale);
      if ((await abortableWait(timeoutMs, context.signal)) === 'aborted') throw cancelled(operation);
      throw new DriverError(
        'HOST_UNRESPONSIVE',
        `Host ${hostLabel(operation.host)} did not answer ${operation.kind} within ${timeoutMs} ms ` +
          '(injected fault: the simulator marks the host unresponsive)',
      );
    }
    if (seen.failOperations.includes(operation.kind)) {
      throw new DriverError(
        'OPERATION_FAILED',
        `${operation.kind} failed on host ${hostLabel(operation.host)}: injected fault ` +
          `(the simulator is set to fail ${operation.kind} on this host)`,
      );
    }
    // Refuse at once what the host would refuse, rather than after the operation's duration.
    if (operation.kind === 'reinstall-host') checkReinstall(operation, seen.busyVms);
    else decideVm(operation, seen.vm, seen.osVersion ?? operation.host.osVersion);

    const durationMs = operationDurationMs(shapeOf(operation), {
      timeScale: this.settings.timeScale,
      seed: this.settings.seed,
      latencyFactor: seen.latencyFactor,
      jobId: context.jobId,
    });
    await elapse(durationMs, operation, context);
    throwIfCancelled(operation, context);

    const result = operation.kind === 'reinstall-host' ? await this.reinstall(operation) : await this.applyToVm(operation);
    report(context, 100);
    return { ...result, details: { simulated: true, durationMs, ...result.details } };
  }

  async describe(): Promise<FleetDescription> {
    const { hosts, vms, faults } = await this.store.snapshot();
    const faultsByHost = new Map(faults.map((f) => [f.host_id, toFaults(f)]));
    return {
      timeScale: this.settings.timeScale,
      seed: this.settings.seed,
      hosts: hosts.map((h) => {
        const own = vms.filter((v) => v.host_id === h.host_id);
        return {
          hostId: h.host_id,
          name: h.name,
          osVersion: h.os_version,
          memoryMb: h.memory_mb,
          state: h.state,
          memoryAssignedMb: own.filter((v) => holdsMemory(v.state)).reduce((sum, v) => sum + v.memory_mb, 0),
          vms: own.map((row) => this.describeVm(row.vm_id, toHostVm(row))),
          faults: faultsByHost.get(h.host_id) ?? null,
        };
      }),
      pendingFaults: faults.filter((f) => !hosts.some((h) => h.host_id === f.host_id)).map(toFaults),
    };
  }

  /** Merges the given faults into the host's; works before the fleet has seen the host. */
  async setFaults(hostId: string, settings: FaultSettings): Promise<SetFaultsOutcome> {
    const unknown = (settings.failOperations ?? []).filter((k) => !OPERATION_KINDS.includes(k));
    if (unknown.length > 0) throw new RangeError(`Unknown operation kinds: ${unknown.join(', ')}`);
    const factor = settings.latencyFactor;
    if (factor !== undefined && !(factor >= 0 && factor <= MAX_LATENCY_FACTOR)) {
      throw new RangeError(`latencyFactor must be between 0 and ${MAX_LATENCY_FACTOR} (got ${factor})`);
    }
    return this.store.transaction(async (sql) => {
      const row = await this.store.upsertFaults(sql, hostId, {
        failOperations: settings.failOperations ? [...new Set(settings.failOperations)] : undefined,
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
    return this.store.transaction(async (sql) => ({
      clearedHostIds: await this.store.deleteFaults(sql, hostId ?? null),
      recoveredHostIds: await this.store.recoverHosts(sql, hostId ?? null),
    }));
  }

  private async observe(operation: SimOperation): Promise<Observation> {
    const vmId = operation.kind === 'reinstall-host' ? null : operation.vm.vmId;
    const countBusy = operation.kind === 'reinstall-host';
    const first = await this.store.observe(operation.host.hostId, vmId, countBusy);
    if (first.hostState !== null) return first;
    await this.store.ensureHost(operation.host);
    return this.store.observe(operation.host.hostId, vmId, countBusy);
  }

  private async applyToVm(operation: VmOperation): Promise<OperationResult> {
    const { vm } = operation;
    return this.store.transaction(async (sql) => {
      const host = await this.lockLiveHost(sql, operation);
      for (let attempt = 0; ; attempt++) {
        const current = await this.store.lockVm(sql, vm.vmId);
        const applied = decideVm(operation, current, host.osVersion);
        const { next } = applied;
        const demand = next && holdsMemory(next.state) ? this.memoryDemandMb(vm.vmId, next.configuration) : 0;
        if (next === null) {
          if (current) await this.store.deleteVm(sql, vm.vmId);
        } else if (current) {
          // The name follows the control plane (a rename needs no host work); the rest is the host's own.
          await this.store.updateVm(sql, vm.vmId, { name: vm.name, memoryDemandMb: demand, ...next });
        } else if (!(await this.store.insertVm(sql, vm.vmId, { hostId: host.hostId, name: vm.name, ...next }, demand))) {
          // A concurrent delivery of the same create won the insert: decide again on its row.
          if (attempt === 0) continue;
          throw new Error(`VM ${vm.vmId} could neither be read nor created`);
        }
        return {
          ...(next?.state === 'Running'
            ? { memoryDemandMb: demand, heartbeat: this.heartbeat(vm.vmId, next.configuration) }
            : {}),
          details: { vmState: next?.state ?? 'Deleted', alreadyDone: !applied.changed, ...applied.details },
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
    operation: HypervisorOperation,
    mode: 'share' | 'update' = 'share',
  ): Promise<{ hostId: string; osVersion: string }> {
    const host = await this.store.lockHost(sql, operation.host.hostId, mode);
    if (!host) throw new Error(`Simulated host ${operation.host.hostId} vanished`);
    if (host.state === 'Down') throw hostDown(operation);
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
function decideVm(operation: VmOperation, current: HostVm | null, hostOsVersion: string): Applied {
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
    return { next: { state: transition.next, configuration: initialConfiguration(vm) }, changed: true, details: {} };
  }
  const change = configure(current.configuration, operation, {
    state: current.state,
    memoryDemandMb: current.memoryDemandMb,
    hostOsVersion,
  });
  if (change.outcome === 'refused') throw failed(change.reason);
  return {
    next: { state: transition.next, configuration: change.next },
    changed: transition.changed || change.changed,
    details: change.details,
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

function shapeOf(operation: SimOperation): OperationShape {
  switch (operation.kind) {
    case 'stop-vm':
      return { kind: operation.kind, stopMode: operation.mode };
    case 'reinstall-host':
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
    if ((await abortableWait(durationMs / steps, context.signal)) === 'aborted') throw cancelled(operation);
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
  if (context.signal.aborted) throw cancelled(operation);
}

function cancelled(operation: HypervisorOperation): DriverError {
  return new DriverError('CANCELLED', `${operation.kind} on host ${hostLabel(operation.host)} was cancelled before it completed`);
}

function hostDown(operation: HypervisorOperation): DriverError {
  return new DriverError(
    'HOST_DOWN',
    `Host ${hostLabel(operation.host)} is down (crashed in the simulator); ${operation.kind} was not performed`,
  );
}

function hostLabel(host: HostRef): string {
  return `${host.name} (${host.hostId})`;
}

function toFaults(row: FaultRow): SimFaults {
  return {
    hostId: row.host_id,
    failOperations: row.fail_operations,
    unresponsive: row.unresponsive,
    crashed: row.crashed,
    latencyFactor: Number(row.latency_factor),
    updatedAt: row.updated_at.toISOString(),
  };
}
