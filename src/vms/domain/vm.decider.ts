import { Decider } from '../../platform/domain/decider';
import type { JobRequest } from '../../jobs/domain/job.events';
import type { HypervisorOperation, HostRef, VmRef } from '../../jobs/domain/hypervisor-driver.port';
import { stepsFor } from '../../jobs/domain/powershell';
import { supportsConfigVersion } from '../../hosts/domain/windows-server';
import { HostFacts, Requester, VmCommand } from './vm.commands';
import * as errors from './vm.errors';
import { PowerState, VM_OPERATIONS, VmEvent, VmOperationKind, VmSpecification } from './vm.events';
import { checkLinuxSecureBoot, checkPlacement, validateNewVm } from './vm-specification';

interface Operation {
  jobId: string;
  kind: VmOperationKind;
  attempt: number;
  mode: 'shutdown' | 'turn-off' | null;
}

export type VmState =
  | { status: 'None' }
  | ({
      status: 'Creating' | 'CreationFailed' | 'Active' | 'Deleted';
      vmId: string;
      power: PowerState;
      pending: Operation | null;
      lastFailure: Operation | null;
    } & VmSpecification);

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

function evolve(state: VmState, event: VmEvent): VmState {
  const entry = KIND_BY_EVENT.get(event.type);
  if (!entry) return state;
  if (event.type === 'VmCreationRequested') {
    const { vmId, job, requestedAt: _at, ...spec } = event.data;
    const pending: Operation = { jobId: job.jobId, kind: 'create-vm', attempt: job.attempt, mode: null };
    if (state.status === 'CreationFailed') return { ...state, status: 'Creating', pending };
    return { status: 'Creating', vmId, power: 'Off', pending, lastFailure: null, ...spec };
  }
  if (state.status === 'None') return state;
  switch (entry.phase) {
    case 'requested': {
      const data = event.data as { job: JobRequest; mode?: 'shutdown' | 'turn-off' };
      return {
        ...state,
        pending: { jobId: data.job.jobId, kind: entry.kind, attempt: data.job.attempt, mode: data.mode ?? null },
      };
    }
    case 'succeeded':
      return {
        ...state,
        status: entry.kind === 'delete-vm' ? 'Deleted' : 'Active',
        power: VM_OPERATIONS[entry.kind].to,
        pending: null,
        lastFailure: null,
      };
    case 'failed': {
      const data = event.data as { state: PowerState | null };
      return {
        ...state,
        status: entry.kind === 'create-vm' ? 'CreationFailed' : state.status,
        power: data.state ?? state.power,
        lastFailure: state.pending,
        pending: null,
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

const vmRef = (vm: Existing): VmRef => ({
  vmId: vm.vmId,
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
): JobRequest {
  return {
    jobId,
    attempt,
    kind: operation.kind,
    target: { type: 'vm', id: vm.vmId },
    steps: stepsFor(operation),
    operation,
    requestedBy,
    tenant: vm.tenant,
  };
}

/** States from which each power operation may start (DOMAIN.md, virtual machines). */
const ALLOWED: Record<Exclude<VmOperationKind, 'create-vm'>, readonly PowerState[]> = {
  'start-vm': ['Off', 'Saved'],
  'stop-vm': ['Running', 'Paused', 'Saved'],
  'save-vm': ['Running', 'Paused'],
  'pause-vm': ['Running'],
  'resume-vm': ['Paused'],
  'delete-vm': ['Off'],
};

const ACTION: Record<VmOperationKind, string> = {
  'create-vm': 'create',
  'start-vm': 'start',
  'stop-vm': 'stop',
  'save-vm': 'save',
  'pause-vm': 'pause',
  'resume-vm': 'resume',
  'delete-vm': 'delete',
};

function existing(state: VmState, vmId: string | undefined): Existing {
  if (state.status === 'None' || state.status === 'Deleted') throw errors.vmNotFound(vmId ?? 'unknown');
  return state;
}

function requestPower(
  state: VmState,
  kind: Exclude<VmOperationKind, 'create-vm'>,
  command: { jobId: string; host: HostFacts; requestedBy: Requester; now: string },
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
  const operation = (
    kind === 'stop-vm'
      ? { kind, host: hostRef(host), vm: vmRef(vm), mode: mode ?? 'shutdown' }
      : { kind, host: hostRef(host), vm: vmRef(vm) }
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

function requestCreation(state: VmState, command: Extract<VmCommand, { type: 'CreateVm' }>, attempt: number): VmEvent[] {
  const spec = validateNewVm(command.request, command.host);
  const vm: Existing = { status: 'Creating', vmId: command.vmId, power: 'Off', pending: null, lastFailure: null, ...spec };
  const operation: HypervisorOperation = { kind: 'create-vm', host: hostRef(command.host), vm: vmRef(vm) };
  const job = jobRequest(vm, command.jobId, attempt, operation, command.requestedBy);
  return [{ type: 'VmCreationRequested', data: { vmId: command.vmId, job, requestedAt: command.now, ...spec } }];
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
    case 'RetryVmOperation': {
      existing(state, undefined);
      if (state.status === 'None') throw errors.vmNotFound('unknown');
      const failed = state.lastFailure;
      if (!failed || failed.jobId !== command.jobId || state.pending) throw errors.nothingToRetry(command.jobId);
      if (failed.kind === 'create-vm') {
        checkPlacement(state, command.host);
        const { vmId, power: _p, pending: _q, lastFailure: _l, status: _s, ...spec } = state;
        const operation: HypervisorOperation = { kind: 'create-vm', host: hostRef(command.host), vm: vmRef(state) };
        const job = jobRequest(state, command.jobId, failed.attempt + 1, operation, command.requestedBy);
        return [{ type: 'VmCreationRequested', data: { vmId, job, requestedAt: command.now, ...spec } }];
      }
      return requestPower(state, failed.kind, command, failed.attempt + 1, failed.mode);
    }
    case 'CompleteVmOperation': {
      if (state.status === 'None' || state.pending?.jobId !== command.jobId) return [];
      const { kind } = state.pending;
      const data = {
        vmId: state.vmId,
        jobId: command.jobId,
        hostId: state.hostId,
        memoryMb: state.memory.startupMb,
        at: command.now,
      };
      const type = VM_OPERATIONS[kind].succeeded;
      if (type === 'VmStarted') return [{ type, data: { ...data, memoryDemandMb: command.result.memoryDemandMb ?? null } }];
      return [{ type, data } as VmEvent];
    }
    case 'FailVmOperation': {
      if (state.status === 'None' || state.pending?.jobId !== command.jobId) return [];
      const type = VM_OPERATIONS[state.pending.kind].failed;
      return [{ type, data: { vmId: state.vmId, jobId: command.jobId, problem: command.problem, state: null, at: command.now } }];
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
  }
}

export { vmStreamId as vmStreamIdOf } from './vm.events';
