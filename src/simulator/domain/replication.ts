/**
 * What simulated Hyper-V hosts do for Hyper-V Replica: a replication relationship per VM (from
 * the primary host, where the VM runs, to the replica host, which keeps a copy), its cycles, and
 * the failovers. Pure and idempotent like the other VM rules: an operation whose outcome is in
 * effect already is `done` and changes nothing (a failover whose VM is on the replica host). The
 * cycles are Hyper-V's own: no operation runs them; each relationship carries a ledger that the
 * operations settle (replication-cycles.ts). The replica's copy of a VM is not a VM row of its own: the fleet has
 * one row per VM, which a failover moves to the replica host; a test failover makes a separate VM.
 *
 * Refused as Hyper-V refuses: a planned failover of a VM that is not Off, a second test failover,
 * a replica host that cannot run the VM's configuration version, an operation on a relationship
 * in a state that does not allow it. Whether the hosts answer is the fleet's business.
 */
import { isOsVersion, supportsConfigVersion } from '../../hosts/domain/windows-server';
import type { HostRef, HypervisorOperation } from '../../jobs/domain/hypervisor-driver.port';
import { cycleIntervalMs, ReplicationOperationKind } from './latency-model';
import { advance, CycleConditions, CycleLedger, startedLedger } from './replication-cycles';
import type { VmWhereabouts } from './vm-moves';
import type { SimVmState } from './vm-transitions';

export type ReplicationOperation = Extract<HypervisorOperation, { kind: ReplicationOperationKind }>;

export const SIM_REPLICATION_STATES = ['Replicating', 'Suspended', 'FailedOver', 'Committed'] as const;
/** Replicating or Suspended while the VM runs on the primary; FailedOver (then Committed) after an unplanned failover. */
export type SimReplicationState = (typeof SIM_REPLICATION_STATES)[number];

/** A replication relationship as the hosts have it (host ids lower case). */
export interface SimReplication {
  vmId: string;
  primaryHostId: string;
  replicaHostId: string;
  state: SimReplicationState;
  frequencySeconds: number;
  /** Hyper-V runs the cycles itself: their count as of the ledger's settledAt (replication-cycles.ts). */
  ledger: CycleLedger;
  replicatedDiskIds: string[];
  /** The VM a running test failover made on the replica host. */
  testVmId: string | null;
  /** The recovery point of the unplanned failover (FailedOver, Committed). */
  failoverRecoveryPointId: string | null;
}

/** Operations that talk to the replica host from the primary: the replica must answer for them. */
export const REPLICA_SIDE_KINDS = [
  'enable-replication',
  'resynchronize-replication',
  'set-replicated-disks',
  'planned-failover',
  'reverse-replication',
] as const satisfies readonly ReplicationOperationKind[];

/** What an operation finds: the relationship, the VM, and the hosts' OS. */
export interface ReplicationScene {
  replication: SimReplication | null;
  /** The VM wherever it is, with the ids of its disks as the host knows them. */
  vm: (VmWhereabouts & { diskIds: string[] }) | null;
  /** The OS of the host the operation runs on. */
  hostOsVersion: string;
  /** The OS of the replica host, for the operations that name one (replicaHostOf). */
  replicaOsVersion: string | null;
  /** start- and stop-test-failover: the VM that has the test VM's id, if any. */
  testVm: { hostId: string } | null;
  /** Now, and what the relationship's cycles met since its ledger was settled: the operation settles it. */
  at: number;
  conditions: CycleConditions;
  timeScale: number;
}

export type ReplicationDecision =
  /** In effect already: nothing to write, and the replica need not be asked. */
  | { outcome: 'done'; replication: SimReplication | null; vmState: SimVmState | null }
  | {
      outcome: 'apply';
      /** The relationship afterwards (null: none). */
      next: SimReplication | null;
      /** False when applying changes nothing (a resynchronization of a relationship already replicating). */
      changed: boolean;
      /** The VM moves to this host and starts there (a failover). */
      start: { hostId: string } | null;
      /** A test failover makes its test VM, or its stop removes it. */
      testVm: 'create' | 'delete' | null;
      vmState: SimVmState | null;
    }
  | { outcome: 'not-found'; reason: string }
  | { outcome: 'refused'; reason: string };

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const lower = (id: string) => id.toLowerCase();
const refused = (reason: string): ReplicationDecision => ({ outcome: 'refused', reason });
const done = (replication: SimReplication | null, vm: ReplicationScene['vm']): ReplicationDecision => ({
  outcome: 'done',
  replication,
  vmState: vm?.state ?? null,
});

/** The replica host an operation contacts from the primary, for the kinds that do; null for the others. */
export function replicaHostOf(operation: ReplicationOperation): HostRef | null {
  switch (operation.kind) {
    case 'enable-replication':
    case 'resynchronize-replication':
    case 'set-replicated-disks':
    case 'planned-failover':
    case 'reverse-replication':
      return operation.replica;
    default:
      return null;
  }
}

/** The size the operation sends to the replica: a full copy, or the added disks. */
export function replicationSizeMb(operation: ReplicationOperation): number | null {
  switch (operation.kind) {
    case 'enable-replication':
    case 'resynchronize-replication':
    case 'reverse-replication':
      return gigabytesToMb(operation.diskGb);
    case 'set-replicated-disks':
      return gigabytesToMb(operation.addedDiskGb);
    default:
      return null;
  }
}

export function decideReplication(operation: ReplicationOperation, scene: ReplicationScene): ReplicationDecision {
  const invalid = invalidArguments(operation);
  if (invalid) return refused(invalid);
  const { replication: current, vm } = scene;
  const hostId = lower(operation.host.hostId);

  switch (operation.kind) {
    case 'enable-replication': {
      const replicaId = lower(operation.replica.hostId);
      if (hostId === replicaId) return refused('the replica host is the primary host itself');
      const missing = notOn(vm, hostId);
      if (missing) return missing;
      if (current) {
        if (same(current.primaryHostId, hostId) && same(current.replicaHostId, replicaId)) return done(current, vm);
        return refused(`the VM already replicates ${direction(current)}; remove that replication first`);
      }
      const unsupported = versionUnsupported(vm!, scene.replicaOsVersion, 'replica host');
      if (unsupported) return unsupported;
      return apply(
        {
          vmId: lower(operation.vm.vmId),
          primaryHostId: hostId,
          replicaHostId: replicaId,
          state: 'Replicating',
          frequencySeconds: operation.frequencySeconds,
          ledger: startedLedger(scene.at),
          // Hyper-V replicates every disk unless told which (-ReplicatedDisks).
          replicatedDiskIds: operation.disks ? [...new Set(operation.disks.map((d) => lower(d.id)))] : vm!.diskIds,
          testVmId: null,
          failoverRecoveryPointId: null,
        },
        true,
        vm,
      );
    }
    case 'suspend-replication':
    case 'resume-replication': {
      if (!current) return notEnabled();
      const primary = onPrimary(operation, current, vm, ['Replicating', 'Suspended']);
      if (primary) return primary;
      const target: SimReplicationState = operation.kind === 'suspend-replication' ? 'Suspended' : 'Replicating';
      if (current.state === target && same(current.primaryHostId, hostId)) return done(current, vm);
      const ledger = target === 'Suspended' ? settled(current, scene) : restarted(current, scene);
      return apply({ ...current, primaryHostId: hostId, state: target, ledger }, true, vm);
    }
    case 'resynchronize-replication': {
      if (!current) return notEnabled();
      const primary = onPrimary(operation, current, vm, ['Replicating', 'Suspended']);
      if (primary) return primary;
      const unsupported = versionUnsupported(vm!, scene.replicaOsVersion, 'replica host');
      if (unsupported) return unsupported;
      // The whole VM is compared again, every time it is asked, and replication goes on (a suspended one too).
      return apply({ ...current, primaryHostId: hostId, state: 'Replicating', ledger: restarted(current, scene) }, true, vm);
    }
    case 'set-replicated-disks': {
      if (!current) return notEnabled();
      const primary = onPrimary(operation, current, vm, ['Replicating', 'Suspended']);
      if (primary) return primary;
      const unsupported = versionUnsupported(vm!, scene.replicaOsVersion, 'replica host');
      if (unsupported) return unsupported;
      const next: SimReplication = { ...current, primaryHostId: hostId, replicatedDiskIds: [...new Set(operation.disks.map((d) => d.id))] };
      if (sameReplication(current, next)) return apply(next, false, vm);
      return apply({ ...next, ledger: settled(current, scene) }, true, vm);
    }
    case 'planned-failover': {
      if (!current) return notEnabled();
      const replicaId = lower(operation.replica.hostId);
      // Done: the VM is on the replica host, which now replicates back to the old primary.
      if (vm && same(vm.hostId, replicaId) && same(current.primaryHostId, replicaId) && same(current.replicaHostId, hostId)) {
        return done(current, vm);
      }
      const primary = onPrimary(operation, current, vm, ['Replicating']);
      if (primary) return primary;
      const testRunning = testFailoverRunning(current);
      if (testRunning) return testRunning;
      if (vm!.state !== 'Off') {
        return refused(`a planned failover needs the primary VM Off (it is ${vm!.state}); shut it down first`);
      }
      const unsupported = versionUnsupported(vm!, scene.replicaOsVersion, 'replica host');
      if (unsupported) return unsupported;
      // The last changes go over, the replica starts, and the direction reverses.
      return {
        outcome: 'apply',
        next: {
          ...current,
          primaryHostId: replicaId,
          replicaHostId: hostId,
          state: 'Replicating',
          ledger: restarted(current, scene),
        },
        changed: true,
        start: { hostId: replicaId },
        testVm: null,
        vmState: 'Running',
      };
    }
    case 'unplanned-failover': {
      if (!current) return notEnabled();
      if (!vm) return { outcome: 'not-found', reason: 'the VM does not exist on any simulated host' };
      // The primary is not asked anything (it may be gone); done once the VM is on the replica host.
      if (same(vm.hostId, hostId)) return done(current, vm);
      if (!same(current.replicaHostId, hostId)) {
        return refused(`the replica of the VM is on simulated host ${current.replicaHostId}, not on this host`);
      }
      if (current.state !== 'Replicating' && current.state !== 'Suspended') return stateRefused(current);
      const testRunning = testFailoverRunning(current);
      if (testRunning) return testRunning;
      const unsupported = versionUnsupported(vm, scene.hostOsVersion, 'replica host');
      if (unsupported) return unsupported;
      return {
        outcome: 'apply',
        next: {
          ...current,
          state: 'FailedOver',
          failoverRecoveryPointId: operation.recoveryPointId,
          ledger: settled(current, scene),
        },
        changed: true,
        start: { hostId },
        testVm: null,
        vmState: 'Running',
      };
    }
    case 'commit-failover':
      // Committing drops the other recovery points; nothing the fleet models but the state.
      if (current?.state === 'FailedOver') return apply({ ...current, state: 'Committed' }, true, vm);
      return done(current, vm);
    case 'start-test-failover': {
      if (!current) return notEnabled();
      const testVmId = lower(operation.testVm.vmId);
      if (current.testVmId !== null && same(current.testVmId, testVmId)) return done(current, vm);
      if (!same(current.replicaHostId, hostId)) {
        return refused(`a test failover runs on the replica host, simulated host ${current.replicaHostId}, not on this host`);
      }
      const testRunning = testFailoverRunning(current);
      if (testRunning) return testRunning;
      if (current.state !== 'Replicating' && current.state !== 'Suspended') return stateRefused(current);
      if (!vm) return { outcome: 'not-found', reason: 'the VM does not exist on any simulated host' };
      if (scene.testVm)
        return refused(`a VM with the test VM's id ${testVmId} exists already, on simulated host ${scene.testVm.hostId}`);
      const unsupported = versionUnsupported(vm, scene.hostOsVersion, 'replica host');
      if (unsupported) return unsupported;
      // Replication goes on meanwhile: the state stays as it is.
      return {
        outcome: 'apply',
        next: { ...current, testVmId },
        changed: true,
        start: null,
        testVm: 'create',
        vmState: vm.state,
      };
    }
    case 'stop-test-failover': {
      const testVmId = lower(operation.testVmId);
      if (current?.testVmId && same(current.testVmId, testVmId)) {
        if (scene.testVm && !same(scene.testVm.hostId, hostId)) {
          return {
            outcome: 'not-found',
            reason: `the test VM ${testVmId} is on simulated host ${scene.testVm.hostId}, not on this host`,
          };
        }
        return {
          outcome: 'apply',
          next: { ...current, testVmId: null },
          changed: true,
          start: null,
          testVm: 'delete',
          vmState: vm?.state ?? null,
        };
      }
      if (!scene.testVm) return done(current, vm);
      return refused(`VM ${testVmId} is not a test VM of this VM`);
    }
    case 'reverse-replication': {
      const replicaId = lower(operation.replica.hostId);
      if (hostId === replicaId) return refused('the new replica host is the new primary host itself');
      if (!current) return notEnabled();
      const missing = notOn(vm, hostId);
      if (missing) return missing;
      if (
        same(current.primaryHostId, hostId) &&
        same(current.replicaHostId, replicaId) &&
        (current.state === 'Replicating' || current.state === 'Suspended')
      ) {
        return done(current, vm);
      }
      if (!same(current.primaryHostId, replicaId) || !same(current.replicaHostId, hostId)) {
        return refused(`the VM replicates ${direction(current)}: only that direction can be reversed`);
      }
      const testRunning = testFailoverRunning(current);
      if (testRunning) return testRunning;
      const unsupported = versionUnsupported(vm!, scene.replicaOsVersion, 'new replica host');
      if (unsupported) return unsupported;
      return apply(
        {
          ...current,
          primaryHostId: hostId,
          replicaHostId: replicaId,
          state: 'Replicating',
          testVmId: null,
          failoverRecoveryPointId: null,
          ledger: restarted(current, scene),
        },
        true,
        vm,
      );
    }
    case 'remove-replication':
      if (!current) return done(null, vm);
      if (current.testVmId) return testFailoverRunning(current)!;
      return apply(null, true, vm);
    default: {
      const unknown: never = operation;
      throw new Error(`Unknown replication operation ${String((unknown as { kind: unknown }).kind)}`);
    }
  }
}

/** The ledger counted up to now under the conditions that held. */
function settled(current: SimReplication, scene: ReplicationScene): CycleLedger {
  return advance(current.ledger, scene.conditions, scene.at, cycleIntervalMs(current.frequencySeconds, scene.timeScale));
}

/** Replication starts again now (after the counting up to now): a new schedule, the totals kept. */
function restarted(current: SimReplication, scene: ReplicationScene): CycleLedger {
  return startedLedger(scene.at, settled(current, scene));
}

function apply(next: SimReplication | null, changed: boolean, vm: ReplicationScene['vm']): ReplicationDecision {
  return { outcome: 'apply', next, changed, start: null, testVm: null, vmState: vm?.state ?? null };
}

function notEnabled(): ReplicationDecision {
  return refused('replication is not enabled for the VM');
}

/** The VM must be on the host the operation runs on. */
function notOn(vm: ReplicationScene['vm'], hostId: string): ReplicationDecision | null {
  if (!vm) return { outcome: 'not-found', reason: 'the VM does not exist on any simulated host' };
  if (!same(vm.hostId, hostId))
    return { outcome: 'not-found', reason: `the VM is on simulated host ${vm.hostId}, not on this host` };
  return null;
}

/**
 * An operation on the primary: the VM is on the operation's host (which becomes the recorded
 * primary: a migrated VM takes its replication along), the replica is the one named, and the
 * relationship is in one of the states the operation needs.
 */
function onPrimary(
  operation: Extract<ReplicationOperation, { replica: HostRef }>,
  current: SimReplication,
  vm: ReplicationScene['vm'],
  states: readonly SimReplicationState[],
): ReplicationDecision | null {
  const missing = notOn(vm, operation.host.hostId);
  if (missing) return missing;
  if (!same(current.replicaHostId, operation.replica.hostId)) {
    return refused(`the VM replicates ${direction(current)}, not to this replica host`);
  }
  if (same(operation.host.hostId, operation.replica.hostId)) return refused('the VM runs on its replica host');
  if (!states.includes(current.state)) return stateRefused(current);
  return null;
}

function stateRefused(current: SimReplication): ReplicationDecision {
  const hint =
    current.state === 'Suspended'
      ? 'resume it first'
      : current.state === 'Replicating'
        ? 'the VM has not failed over'
        : 'the VM has failed over; reverse replication first';
  return refused(`replication is ${current.state}; ${hint}`);
}

function testFailoverRunning(current: SimReplication): ReplicationDecision | null {
  if (current.testVmId === null) return null;
  return refused(`a test failover is running (test VM ${current.testVmId}); stop it first`);
}

function versionUnsupported(
  vm: VmWhereabouts,
  osVersion: string | null,
  which: 'replica host' | 'new replica host',
): ReplicationDecision | null {
  if (osVersion === null || !isOsVersion(osVersion) || supportsConfigVersion(osVersion, vm.configVersion)) return null;
  return refused(`the ${which} runs ${osVersion}, which does not support configuration version ${vm.configVersion}`);
}

function invalidArguments(operation: ReplicationOperation): string | null {
  switch (operation.kind) {
    case 'enable-replication':
      if (!(Number.isInteger(operation.frequencySeconds) && operation.frequencySeconds > 0)) {
        return `the replication frequency must be a positive number of seconds (got ${operation.frequencySeconds})`;
      }
      return invalidSize(operation.diskGb);
    case 'resynchronize-replication':
    case 'reverse-replication':
      return invalidSize(operation.diskGb);
    case 'set-replicated-disks':
      return invalidSize(operation.addedDiskGb);
    default:
      return null;
  }
}

function invalidSize(gb: number): string | null {
  return Number.isFinite(gb) && gb >= 0 ? null : `a disk size must be a number of GB ≥ 0 (got ${gb})`;
}

function direction(replication: SimReplication): string {
  return `from simulated host ${replication.primaryHostId} to ${replication.replicaHostId}`;
}

function sameReplication(a: SimReplication, b: SimReplication): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function gigabytesToMb(gb: number): number {
  return Math.round(Math.max(0, gb) * 1024);
}
