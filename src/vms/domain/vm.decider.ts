import { Decider } from '../../platform/domain/decider';
import * as lifecycle from '../../platform/domain/operation-lifecycle';
import type { JobRequest, JobStepPlan } from '../../jobs/domain/job.events';
import type { ClusterRef, HypervisorOperation, HostRef, NewVmConfiguration, VmRef } from '../../jobs/domain/hypervisor-driver.port';
import { crossClusterMigrationSteps, stepsFor } from '../../jobs/domain/powershell';
import { supportsConfigVersion } from '../../hosts/domain/windows-server';
import { ClusterFacts, HostFacts, Requester, VmCommand } from './vm.commands';
import * as errors from './vm.errors';
import {
  PowerOperationKind,
  PowerState,
  VM_OPERATIONS,
  VmChange,
  VmConfiguration,
  VmEvent,
  VmOperationKind,
  VmSpecification,
} from './vm.events';
import { checkLinuxSecureBoot, checkPlacement, validateNewVm } from './vm-specification';
import { applyChange, holdsMemory, initialConfiguration } from './vm-configuration';
import * as changes from './vm-changes';

interface Operation {
  jobId: string;
  kind: VmOperationKind;
  attempt: number;
  mode: 'shutdown' | 'turn-off' | null;
  /** The configuration change the job carries out (null for creation and power operations). */
  change: VmChange | null;
}

export type VmState =
  | { status: 'None' }
  | ({
      status: 'Creating' | 'CreationFailed' | 'Active' | 'Deleted';
      vmId: string;
      power: PowerState;
      pending: Operation | null;
      lastFailure: Operation | null;
      /** What the guest last reported using; null unless it runs. */
      memoryDemandMb: number | null;
      /** Hyper-V's own id of the VM, once the host reported it (scripts address the VM by it). */
      hypervisorVmId?: string;
    } & VmConfiguration);

type Existing = Exclude<VmState, { status: 'None' }>;

const initialState: VmState = { status: 'None' };

/** Which operation an event belongs to, and whether it is its request, success or failure. */
export function operationOfEvent(
  type: string,
): { kind: VmOperationKind; phase: 'requested' | 'succeeded' | 'failed' } | undefined {
  return KIND_BY_EVENT.get(type);
}

const KIND_BY_EVENT = new Map<string, { kind: VmOperationKind; phase: 'requested' | 'succeeded' | 'failed' }>(
  Object.entries(VM_OPERATIONS).flatMap(([kind, o]) => [
    [o.requested, { kind: kind as VmOperationKind, phase: 'requested' as const }],
    [o.succeeded, { kind: kind as VmOperationKind, phase: 'succeeded' as const }],
    [o.failed, { kind: kind as VmOperationKind, phase: 'failed' as const }],
  ]),
);

const CHANGE_KINDS = new Set<VmOperationKind>([
  'upgrade-vm-version',
  'set-vm-firmware',
  'add-network-adapter',
  'remove-network-adapter',
  'set-vm-memory',
  'set-vm-processor',
  'set-integration-service',
  'update-integration-services',
  'add-vm-disk',
  'resize-vm-disk',
  'set-checkpoint-type',
  'create-checkpoint',
  'apply-checkpoint',
  'delete-checkpoint',
  'migrate-vm',
  'failover-vm',
]);

/** The change an intent or success event of a change operation records (its data holds the change's fields). */
function changeOfEvent(kind: VmOperationKind, data: object): VmChange | null {
  return CHANGE_KINDS.has(kind) ? ({ ...data, kind } as VmChange) : null;
}

function evolve(state: VmState, event: VmEvent): VmState {
  // Recorded before the checkpoint type became host work; still folded for old streams.
  if (event.type === 'VmCheckpointTypeChanged') {
    return state.status === 'None' ? state : { ...state, checkpointType: event.data.checkpointType };
  }
  if (event.type === 'VmRelocated') {
    return state.status === 'None'
      ? state
      : { ...state, hostId: event.data.hostId, clusterId: event.data.clusterId, power: event.data.power, memoryDemandMb: null };
  }
  const entry = KIND_BY_EVENT.get(event.type);
  if (!entry) return state;
  if (event.type === 'VmCreationRequested') {
    const { vmId, job, requestedAt: _at, ...spec } = event.data;
    const pending: Operation = { jobId: job.jobId, kind: 'create-vm', attempt: job.attempt, mode: null, change: null };
    if (state.status === 'CreationFailed') return { ...state, status: 'Creating', pending };
    return {
      status: 'Creating',
      vmId,
      power: 'Off',
      pending,
      lastFailure: null,
      memoryDemandMb: null,
      ...initialConfiguration(spec),
    };
  }
  if (state.status === 'None') return state;
  switch (entry.phase) {
    case 'requested': {
      const {
        job,
        vmId: _vm,
        requestedAt: _at,
        mode,
        ...rest
      } = event.data as { job: JobRequest; vmId: string; requestedAt: string; mode?: 'shutdown' | 'turn-off' };
      return {
        ...state,
        ...lifecycle.started(state, {
          jobId: job.jobId,
          kind: entry.kind,
          attempt: job.attempt,
          mode: mode ?? null,
          change: changeOfEvent(entry.kind, rest),
        }),
      };
    }
    case 'succeeded': {
      const data = event.data as { memoryDemandMb?: number | null; hypervisorVmId?: string; hypervisorCheckpointId?: string };
      const { hypervisorCheckpointId: _checkpointId, hypervisorVmId: _vmId, ...changeData } = data;
      const change = changeOfEvent(entry.kind, changeData);
      const changed = change
        ? applyChange(state, state.power, change)
        : { config: state, power: VM_OPERATIONS[entry.kind as PowerOperationKind].to };
      const checkpoints =
        change?.kind === 'create-checkpoint' && data.hypervisorCheckpointId
          ? changed.config.checkpoints.map((c) =>
              c.id === change.checkpoint.id ? { ...c, hypervisorId: data.hypervisorCheckpointId } : c,
            )
          : changed.config.checkpoints;
      return {
        ...changed.config,
        checkpoints,
        ...(data.hypervisorVmId ? { hypervisorVmId: data.hypervisorVmId } : {}),
        status: entry.kind === 'delete-vm' ? 'Deleted' : 'Active',
        power: changed.power,
        ...lifecycle.completed<Operation>(),
        memoryDemandMb: holdsMemory(changed.power) ? (data.memoryDemandMb ?? state.memoryDemandMb) : null,
      };
    }
    case 'failed': {
      const data = event.data as { state: PowerState | null };
      return {
        ...state,
        status: entry.kind === 'create-vm' ? 'CreationFailed' : state.status,
        power: data.state ?? state.power,
        ...lifecycle.failed(state),
      };
    }
  }
}

const hostRef = (host: HostFacts): HostRef => ({
  hostId: host.hostId,
  name: host.name,
  osVersion: host.osVersion,
  memoryMb: host.memoryMb,
});

/** What the creation sets up on the host besides New-VM's own parameters. */
const newVmConfiguration = (vm: VmConfiguration): NewVmConfiguration => ({
  memory: vm.memory,
  firmware: vm.firmware,
  adapters: vm.networkAdapters,
  disks: vm.disks,
  checkpointType: vm.checkpointType,
});

const vmRef = (vm: Existing): VmRef => ({
  vmId: vm.vmId,
  ...(vm.hypervisorVmId ? { hypervisorId: vm.hypervisorVmId } : {}),
  name: vm.name,
  generation: vm.generation,
  configVersion: vm.configVersion,
  memoryMb: vm.memory.startupMb,
  processorCount: vm.processorCount,
});

function jobRequest(
  vm: { vmId: string; tenant: string },
  jobId: string,
  attempt: number,
  operation: HypervisorOperation,
  requestedBy: Requester,
  steps: JobStepPlan[] = stepsFor(operation),
): JobRequest {
  return {
    jobId,
    attempt,
    kind: operation.kind,
    target: { type: 'vm', id: vm.vmId },
    steps,
    operation,
    requestedBy,
    tenant: vm.tenant,
  };
}

type PowerKind = Exclude<PowerOperationKind, 'create-vm'>;

/** States from which each power operation may start (DOMAIN.md, virtual machines). */
const ALLOWED: Record<PowerKind, readonly PowerState[]> = {
  'start-vm': ['Off', 'Saved'],
  'stop-vm': ['Running', 'Paused', 'Saved'],
  'save-vm': ['Running', 'Paused'],
  'pause-vm': ['Running'],
  'resume-vm': ['Paused'],
  'delete-vm': ['Off'],
};

const ACTION: Record<PowerOperationKind, string> = {
  'create-vm': 'create',
  'start-vm': 'start',
  'stop-vm': 'stop',
  'save-vm': 'save',
  'pause-vm': 'pause',
  'resume-vm': 'resume',
  'delete-vm': 'delete',
};

function existing(state: VmState, vmId: string | undefined): Existing {
  if (state.status === 'None' || state.status === 'Deleted') throw errors.vmNotFound(vmId);
  return state;
}

/** The cluster with this id, named as the facts a command carries know it (the cluster's own stream first). */
function clusterNamed(clusterId: string | null, cluster: ClusterFacts | null, host: HostFacts): ClusterRef | null {
  if (clusterId === null) return null;
  if (cluster?.clusterId === clusterId) return { clusterId, name: cluster.name };
  if (host.clusterId === clusterId && host.clusterName) return { clusterId, name: host.clusterName };
  return null;
}

function requestPower(
  state: VmState,
  kind: PowerKind,
  command: { jobId: string; host: HostFacts; cluster?: ClusterFacts | null; requestedBy: Requester; now: string },
  attempt: number,
  mode: 'shutdown' | 'turn-off' | null,
): VmEvent[] {
  const vm = existing(state, undefined);
  if (vm.pending) throw errors.operationPending(vm.pending.kind, vm.pending.jobId);
  if (vm.status === 'CreationFailed') throw errors.invalidVmState(ACTION[kind], 'not created (its creation failed)', ['created']);
  const allowed = kind === 'stop-vm' && mode === 'shutdown' ? (['Running'] as const) : ALLOWED[kind];
  if (!allowed.includes(vm.power)) throw errors.invalidVmState(ACTION[kind], vm.power, allowed);
  const host = command.host;
  if (kind === 'start-vm') {
    if (host.state !== 'Up') throw errors.hostNotAvailable(host.name, host.state);
    if (!supportsConfigVersion(host.osVersion, vm.configVersion)) {
      throw errors.configVersionUnsupported(vm.configVersion, host.name, host.osVersion);
    }
    if (vm.guestOs.family === 'linux' && vm.firmware?.secureBoot && vm.firmware.secureBootTemplate === 'MicrosoftWindows') {
      throw errors.secureBootTemplateMismatch();
    }
    checkLinuxSecureBoot(vm);
    const free = host.memoryMb - host.memoryUsedMb;
    if (vm.memory.startupMb > free) throw errors.insufficientHostMemory(vm.memory.startupMb, free, host.name);
  }
  // A clustered VM's role goes with it when it is deleted: the role of the cluster the VM was made a
  // role of (created on its node or moved to it), not of whatever cluster its host is in now (a VM
  // created before its host joined a cluster is no role of it).
  const roleCluster = kind === 'delete-vm' ? clusterNamed(vm.clusterId, command.cluster ?? null, host) : null;
  const role = roleCluster ? { cluster: roleCluster } : {};
  const operation = (
    kind === 'stop-vm'
      ? { kind, host: hostRef(host), vm: vmRef(vm), mode: mode ?? 'shutdown' }
      : { kind, host: hostRef(host), vm: vmRef(vm), ...role }
  ) as HypervisorOperation;
  const job = jobRequest(vm, command.jobId, attempt, operation, command.requestedBy);
  const base = { vmId: vm.vmId, job, requestedAt: command.now };
  switch (kind) {
    case 'start-vm':
      return [{ type: 'VmStartRequested', data: base }];
    case 'stop-vm':
      return [{ type: 'VmStopRequested', data: { ...base, mode: mode ?? 'shutdown' } }];
    case 'save-vm':
      return [{ type: 'VmSaveRequested', data: base }];
    case 'pause-vm':
      return [{ type: 'VmPauseRequested', data: base }];
    case 'resume-vm':
      return [{ type: 'VmResumeRequested', data: base }];
    case 'delete-vm':
      return [{ type: 'VmDeletionRequested', data: base }];
  }
}

function checkReady(vm: Existing, action: string): void {
  if (vm.pending) throw errors.operationPending(vm.pending.kind, vm.pending.jobId);
  if (vm.status === 'CreationFailed') throw errors.invalidVmState(action, 'not created (its creation failed)', ['created']);
}

/** The host operation that carries out a change. */
function operationFor(
  change: VmChange,
  vm: Existing,
  host: HostFacts,
  destinationOf?: HostFacts,
  cluster?: ClusterFacts | null,
): HypervisorOperation {
  const clusterRef = cluster ? { clusterId: cluster.clusterId, name: cluster.name } : null;
  const base = { host: hostRef(host), vm: vmRef(vm) };
  const checkpointRef = (checkpointId: string) => {
    const c = vm.checkpoints.find((x) => x.id === checkpointId)!;
    return {
      checkpointId: c.id,
      ...(c.hypervisorId ? { hypervisorId: c.hypervisorId } : {}),
      name: c.name,
      kind: c.kind,
      includesState: c.includesState,
    };
  };
  switch (change.kind) {
    case 'upgrade-vm-version':
      return { kind: change.kind, ...base, targetVersion: change.toVersion };
    case 'set-vm-firmware':
      return { kind: change.kind, ...base, ...change.firmware };
    case 'add-network-adapter':
    case 'remove-network-adapter':
      return { kind: change.kind, ...base, adapter: change.adapter };
    case 'set-vm-memory':
      return { kind: change.kind, ...base, memory: change.memory };
    case 'set-vm-processor':
      return {
        kind: change.kind,
        ...base,
        processorCount: change.processorCount,
        compatibilityForMigration: change.compatibilityForMigration,
        exposeVirtualizationExtensions: change.exposeVirtualizationExtensions ?? false,
      };
    case 'set-integration-service':
      return { kind: change.kind, ...base, service: change.service, enabled: change.enabled };
    case 'update-integration-services':
      return { kind: change.kind, ...base, version: change.version };
    case 'add-vm-disk':
      return { kind: change.kind, ...base, disk: change.disk };
    case 'resize-vm-disk': {
      const disk = vm.disks.find((d) => d.id === change.diskId)!;
      return { kind: change.kind, ...base, disk: { id: disk.id, name: disk.name, sizeGb: change.toSizeGb } };
    }
    case 'set-checkpoint-type':
      return { kind: change.kind, ...base, checkpointType: change.checkpointType };
    case 'create-checkpoint': {
      const c = change.checkpoint;
      return {
        kind: change.kind,
        ...base,
        checkpoint: { checkpointId: c.id, name: c.name, kind: c.kind, includesState: c.includesState },
      };
    }
    case 'apply-checkpoint':
      return {
        kind: change.kind,
        ...base,
        checkpoint: checkpointRef(change.checkpointId),
        resultingState: change.resultingState,
      };
    case 'delete-checkpoint':
      return { kind: change.kind, ...base, checkpoint: checkpointRef(change.checkpointId), subtree: change.subtree };
    case 'migrate-vm':
    case 'failover-vm': {
      const destination = destinationOf!;
      const to = {
        hostId: destination.hostId,
        name: destination.name,
        osVersion: destination.osVersion,
        memoryMb: destination.memoryMb,
      };
      return change.kind === 'migrate-vm'
        ? {
            kind: change.kind,
            ...base,
            destination: to,
            migrationType: change.migrationType,
            // Between two clusters the hosts share no cluster: a shared-nothing move.
            cluster: change.fromClusterId === change.toClusterId ? clusterRef : null,
            limits: { source: host.maximumLiveMigrations ?? 2, destination: destination.maximumLiveMigrations ?? 2 },
          }
        : { kind: change.kind, ...base, destination: to, restart: change.restart, cluster: clusterRef };
    }
    default: {
      const unknown: never = change;
      return unknown;
    }
  }
}

const CHANGE_ACTION: Record<VmChange['kind'], string> = {
  'upgrade-vm-version': 'update the configuration version of',
  'set-vm-firmware': 'change the firmware of',
  'add-network-adapter': 'add a network adapter to',
  'remove-network-adapter': 'remove a network adapter from',
  'set-vm-memory': 'change the memory of',
  'set-vm-processor': 'change the processors of',
  'set-integration-service': 'change an integration service of',
  'update-integration-services': 'update the integration services of',
  'add-vm-disk': 'add a disk to',
  'resize-vm-disk': 'resize a disk of',
  'set-checkpoint-type': 'change the checkpoint type of',
  'create-checkpoint': 'take a checkpoint of',
  'apply-checkpoint': 'apply a checkpoint to',
  'delete-checkpoint': 'delete a checkpoint of',
  'migrate-vm': 'migrate',
  'failover-vm': 'fail over',
};

interface ChangeCommand {
  jobId: string;
  host: HostFacts;
  /** Moves only: where the VM goes, and its cluster when that is another one. */
  destination?: HostFacts;
  destinationCluster?: ClusterFacts | null;
  cluster?: ClusterFacts | null;
  requestedBy: Requester;
  now: string;
}

/** Checks that the VM is free for work, lets the rule decide the change, and records the intent with its job. */
function requestChange(
  state: VmState,
  command: ChangeCommand,
  attempt: number,
  kind: VmChange['kind'],
  decideChange: (vm: Existing) => VmChange | { upToDate: true; warning: string },
): VmEvent[] {
  const vm = existing(state, undefined);
  checkReady(vm, CHANGE_ACTION[kind]);
  const decided = decideChange(vm);
  if ('upToDate' in decided) {
    return [
      {
        type: 'VmVersionUpgradeNotNeeded',
        data: { vmId: vm.vmId, configVersion: vm.configVersion, warning: decided.warning, at: command.now },
      },
    ];
  }
  const operation = operationFor(decided, vm, command.host, command.destination, command.cluster);
  const job = jobRequest(vm, command.jobId, attempt, operation, command.requestedBy, stepsOf(operation, command));
  const { kind: _kind, ...fields } = decided;
  return [
    { type: VM_OPERATIONS[decided.kind].requested, data: { vmId: vm.vmId, job, requestedAt: command.now, ...fields } } as VmEvent,
  ];
}

/** A move between two clusters also hands the VM's role over from one to the other; any other job runs as planned. */
function stepsOf(operation: HypervisorOperation, command: ChangeCommand): JobStepPlan[] {
  const from = command.cluster;
  const to = command.destinationCluster;
  if (operation.kind === 'migrate-vm' && from && to && from.clusterId !== to.clusterId) {
    return crossClusterMigrationSteps(
      operation,
      { clusterId: from.clusterId, name: from.name },
      { clusterId: to.clusterId, name: to.name },
    );
  }
  return stepsFor(operation);
}

/** The rule that decides a change again from what an earlier (failed) attempt asked for. */
function redecide(change: VmChange, command: ChangeCommand): (vm: Existing) => VmChange | { upToDate: true; warning: string } {
  const target = { host: command.host, cluster: command.cluster ?? null };
  switch (change.kind) {
    case 'upgrade-vm-version':
      return (vm) => {
        const decided = changes.upgradeVersion(vm, target);
        return decided.upToDate ? decided : decided.change;
      };
    case 'set-vm-firmware':
      return (vm) => changes.setFirmware(vm, change.firmware);
    case 'add-network-adapter':
      return (vm) => changes.addNetworkAdapter(vm, change.adapter);
    case 'remove-network-adapter':
      return (vm) => changes.removeNetworkAdapter(vm, change.adapter.id);
    case 'set-vm-memory':
      return (vm) => changes.setMemory(vm, change.memory, command.host);
    case 'set-vm-processor':
      return (vm) => changes.setProcessor(vm, change, command.host);
    case 'set-integration-service':
      return () => changes.setIntegrationService(change.service, change.enabled);
    case 'update-integration-services':
      return (vm) => changes.updateIntegrationServices(vm, change.version);
    case 'add-vm-disk':
      return (vm) => changes.addDisk(vm, change.disk, change.forced, target.cluster);
    case 'resize-vm-disk':
      return (vm) =>
        changes.resizeDisk(vm, { diskId: change.diskId, sizeGb: change.toSizeGb, force: change.forced }, target.cluster);
    case 'set-checkpoint-type':
      return (vm) => changes.setCheckpointType(vm, change.checkpointType, command.host);
    case 'create-checkpoint':
      return (vm) =>
        changes.createCheckpoint(vm, { checkpointId: change.checkpoint.id, name: change.checkpoint.name, now: command.now });
    case 'apply-checkpoint':
      return (vm) => changes.applyCheckpoint(vm, change.checkpointId);
    case 'delete-checkpoint':
      return (vm) => changes.deleteCheckpoint(vm, change.checkpointId, change.subtree);
    case 'migrate-vm':
      return (vm) =>
        changes.migrate(vm, command.host, command.destination!, change.initiator, command.destinationCluster ?? null);
    case 'failover-vm':
      return (vm) => changes.failOver(vm, command.host, command.destination!, change.initiator);
    default: {
      const unknown: never = change;
      return unknown;
    }
  }
}

/** The fields a creation records (the rest of the configuration starts from defaults). */
function specificationOf(config: VmConfiguration): VmSpecification {
  return {
    name: config.name,
    tenant: config.tenant,
    hostId: config.hostId,
    clusterId: config.clusterId,
    generation: config.generation,
    configVersion: config.configVersion,
    guestOs: config.guestOs,
    memory: config.memory,
    processorCount: config.processorCount,
    networkAdapters: config.networkAdapters,
    disks: config.disks,
    firmware: config.firmware,
    checkpointType: config.checkpointType,
  };
}

function requestCreation(state: VmState, command: Extract<VmCommand, { type: 'CreateVm' }>, attempt: number): VmEvent[] {
  const { spec, firmwareNote } = validateNewVm(command.request, command.host, command.cluster ?? null);
  const vm: Existing = {
    status: 'Creating',
    vmId: command.vmId,
    power: 'Off',
    pending: null,
    lastFailure: null,
    memoryDemandMb: null,
    ...initialConfiguration(spec),
  };
  const operation: HypervisorOperation = {
    kind: 'create-vm',
    host: hostRef(command.host),
    vm: vmRef(vm),
    configuration: newVmConfiguration(vm),
    ...(command.cluster ? { cluster: { clusterId: command.cluster.clusterId, name: command.cluster.name } } : {}),
  };
  const job = {
    ...jobRequest(vm, command.jobId, attempt, operation, command.requestedBy),
    ...(command.placement ? { placement: command.placement } : {}),
  };
  return [
    {
      type: 'VmCreationRequested',
      data: { vmId: command.vmId, job, requestedAt: command.now, ...spec, ...(firmwareNote ? { firmwareNote } : {}) },
    },
  ];
}

function decide(command: VmCommand, state: VmState): VmEvent[] {
  switch (command.type) {
    case 'CreateVm':
      if (state.status !== 'None') throw errors.vmAlreadyExists(command.vmId);
      return requestCreation(state, command, 1);
    case 'StartVm':
      return requestPower(state, 'start-vm', command, 1, null);
    case 'StopVm':
      return requestPower(state, 'stop-vm', command, 1, command.mode);
    case 'SaveVm':
      return requestPower(state, 'save-vm', command, 1, null);
    case 'PauseVm':
      return requestPower(state, 'pause-vm', command, 1, null);
    case 'ResumeVm':
      return requestPower(state, 'resume-vm', command, 1, null);
    case 'DeleteVm':
      return requestPower(state, 'delete-vm', command, 1, null);
    case 'UpgradeVmVersion':
      return requestChange(state, command, 1, 'upgrade-vm-version', (vm) => {
        const decided = changes.upgradeVersion(vm, {
          host: command.host,
          cluster: command.cluster ?? null,
          replica: command.replica ?? null,
        });
        return decided.upToDate ? decided : decided.change;
      });
    case 'SetVmFirmware':
      return requestChange(state, command, 1, 'set-vm-firmware', (vm) => changes.setFirmware(vm, command.firmware));
    case 'AddNetworkAdapter':
      return requestChange(state, command, 1, 'add-network-adapter', (vm) => changes.addNetworkAdapter(vm, command.adapter));
    case 'RemoveNetworkAdapter':
      return requestChange(state, command, 1, 'remove-network-adapter', (vm) =>
        changes.removeNetworkAdapter(vm, command.adapterId),
      );
    case 'SetVmMemory':
      return requestChange(state, command, 1, 'set-vm-memory', (vm) => changes.setMemory(vm, command.memory, command.host));
    case 'SetVmProcessor':
      return requestChange(state, command, 1, 'set-vm-processor', (vm) => changes.setProcessor(vm, command, command.host));
    case 'SetIntegrationService':
      return requestChange(state, command, 1, 'set-integration-service', () =>
        changes.setIntegrationService(command.service, command.enabled),
      );
    case 'UpdateIntegrationServices':
      return requestChange(state, command, 1, 'update-integration-services', (vm) =>
        changes.updateIntegrationServices(vm, command.version),
      );
    case 'AddVmDisk':
      return requestChange(state, command, 1, 'add-vm-disk', (vm) =>
        changes.addDisk(vm, command.disk, command.force, command.cluster ?? null),
      );
    case 'ResizeVmDisk':
      return requestChange(state, command, 1, 'resize-vm-disk', (vm) => changes.resizeDisk(vm, command, command.cluster ?? null));
    case 'ChangeCheckpointType':
      return requestChange(state, command, 1, 'set-checkpoint-type', (vm) =>
        changes.setCheckpointType(vm, command.checkpointType, command.host),
      );
    case 'CreateCheckpoint':
      return requestChange(state, command, 1, 'create-checkpoint', (vm) =>
        changes.createCheckpoint(vm, { checkpointId: command.checkpointId, name: command.name, now: command.now }),
      );
    case 'ApplyCheckpoint':
      return requestChange(state, command, 1, 'apply-checkpoint', (vm) => changes.applyCheckpoint(vm, command.checkpointId));
    case 'DeleteCheckpoint':
      return requestChange(state, command, 1, 'delete-checkpoint', (vm) =>
        changes.deleteCheckpoint(vm, command.checkpointId, command.subtree),
      );
    case 'MigrateVm':
      return requestChange(state, command, 1, 'migrate-vm', (vm) =>
        changes.migrate(vm, command.host, command.destination, command.initiator, command.destinationCluster ?? null),
      );
    case 'FailOverVm':
      return requestChange(state, command, 1, 'failover-vm', (vm) =>
        changes.failOver(vm, command.host, command.destination, command.initiator),
      );
    case 'RelocateVm': {
      const vm = existing(state, undefined);
      if (vm.hostId === command.toHostId && vm.power === command.power) return [];
      return [
        {
          type: 'VmRelocated',
          data: {
            vmId: vm.vmId,
            fromHostId: vm.hostId,
            hostId: command.toHostId,
            clusterId: command.toClusterId,
            power: command.power,
            memoryMb: vm.memory.startupMb,
            reason: command.reason,
            at: command.now,
          },
        },
      ];
    }
    case 'RetryVmOperation': {
      existing(state, undefined);
      if (state.status === 'None') throw errors.vmNotFound();
      const failed = lifecycle.retryable(state, command.jobId);
      if (!failed) throw errors.nothingToRetry(command.jobId);
      if (failed.kind === 'create-vm') {
        checkPlacement(state, command.host);
        const { vmId } = state;
        const spec = specificationOf(state);
        const operation: HypervisorOperation = {
          kind: 'create-vm',
          host: hostRef(command.host),
          vm: vmRef(state),
          configuration: newVmConfiguration(state),
        };
        const job = jobRequest(state, command.jobId, failed.attempt + 1, operation, command.requestedBy);
        return [{ type: 'VmCreationRequested', data: { vmId, job, requestedAt: command.now, ...spec } }];
      }
      if (failed.change)
        return requestChange(state, command, failed.attempt + 1, failed.change.kind, redecide(failed.change, command));
      return requestPower(state, failed.kind as PowerKind, command, failed.attempt + 1, failed.mode);
    }
    case 'CompleteVmOperation': {
      if (state.status === 'None' || !lifecycle.isPendingJob(state, command.jobId) || !state.pending) return [];
      const { kind, change } = state.pending;
      const after = change
        ? applyChange(state, state.power, change)
        : { config: state, power: VM_OPERATIONS[kind].to ?? state.power };
      const running = holdsMemory(after.power);
      const { kind: _kind, ...fields } = change ?? { kind };
      const data = {
        vmId: state.vmId,
        jobId: command.jobId,
        // Where the VM is afterwards (a move changes it; the change's fields say where it came from).
        hostId: after.config.hostId,
        // The memory the VM holds on its host afterwards (a runtime resize changes it).
        memoryMb: after.config.memory.startupMb,
        at: command.now,
        ...fields,
        ...(running && command.result.memoryDemandMb !== undefined ? { memoryDemandMb: command.result.memoryDemandMb } : {}),
        ...(running && command.result.heartbeat !== undefined ? { heartbeat: command.result.heartbeat } : {}),
        // Hyper-V's own ids of what the host created, as it reported them.
        ...(kind === 'create-vm' && command.result.hypervisorVmId ? { hypervisorVmId: command.result.hypervisorVmId } : {}),
        ...(kind === 'create-checkpoint' && command.result.hypervisorCheckpointId
          ? { hypervisorCheckpointId: command.result.hypervisorCheckpointId }
          : {}),
      };
      return [{ type: VM_OPERATIONS[kind].succeeded, data } as VmEvent];
    }
    case 'FailVmOperation': {
      if (state.status === 'None' || !lifecycle.isPendingJob(state, command.jobId) || !state.pending) return [];
      const type = VM_OPERATIONS[state.pending.kind].failed;
      const change = state.pending.change;
      const initiator =
        change && (change.kind === 'migrate-vm' || change.kind === 'failover-vm') ? { initiator: change.initiator } : {};
      return [
        {
          type,
          data: { vmId: state.vmId, jobId: command.jobId, problem: command.problem, state: null, at: command.now, ...initiator },
        },
      ];
    }
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

export const vmDecider: Decider<VmCommand, VmEvent, VmState> = { initialState, evolve, decide };

/** The state a client sees: the power state, or the transition a pending job is making. */
export function displayedState(power: PowerState, pending: VmOperationKind | null): string {
  switch (pending) {
    case null:
      return power;
    case 'create-vm':
      return 'Creating';
    case 'start-vm':
      return 'Starting';
    case 'stop-vm':
      return 'Stopping';
    case 'save-vm':
      return 'Saving';
    case 'pause-vm':
      return 'Pausing';
    case 'resume-vm':
      return 'Resuming';
    case 'delete-vm':
      return 'Deleting';
    default:
      // Configuration changes keep the power state on display (Hyper-V adds the job's progress beside it).
      return power;
  }
}

export { vmStreamId as vmStreamIdOf } from './vm.events';
