import { DomainEvent } from '../../platform/domain/decider';
import type { JobProblem, JobRequest } from '../../jobs/domain/job.events';

export type PowerState = 'Off' | 'Running' | 'Paused' | 'Saved';
export type CheckpointType = 'Production' | 'ProductionOnly' | 'Standard' | 'Disabled';
export type SecureBootTemplate = 'MicrosoftWindows' | 'MicrosoftUEFICertificateAuthority' | 'OpenSourceShieldedVM';

export interface MemorySettings {
  startupMb: number;
  dynamic: { minimumMb: number; maximumMb: number; bufferPercent: number } | null;
}

export interface VmSpecification {
  name: string;
  tenant: string;
  hostId: string;
  clusterId: string | null;
  generation: 1 | 2;
  configVersion: string;
  guestOs: { family: 'windows' | 'linux'; version: string | null };
  memory: MemorySettings;
  processorCount: number;
  networkAdapters: Array<{ id: string; name: string; switchName: string }>;
  disks: Array<{ id: string; name: string; sizeGb: number }>;
  firmware: { secureBoot: boolean; secureBootTemplate: SecureBootTemplate } | null;
  checkpointType: CheckpointType;
}

/** The host work an operation needs; recorded with the intent so the dispatcher can queue it. */
export type VmOperationKind = 'create-vm' | 'start-vm' | 'stop-vm' | 'save-vm' | 'pause-vm' | 'resume-vm' | 'delete-vm';

type Intent<T extends string, D extends object = object> = DomainEvent<
  T,
  D & { vmId: string; job: JobRequest; requestedAt: string }
>;
type Done<T extends string, D extends object = object> = DomainEvent<
  T,
  D & { vmId: string; jobId: string; hostId: string; memoryMb: number; at: string }
>;
type Failed<T extends string> = DomainEvent<
  T,
  { vmId: string; jobId: string; problem: JobProblem; state: PowerState | null; at: string }
>;

export type VmEvent =
  | Intent<'VmCreationRequested', VmSpecification>
  | Intent<'VmStartRequested'>
  | Intent<'VmStopRequested', { mode: 'shutdown' | 'turn-off' }>
  | Intent<'VmSaveRequested'>
  | Intent<'VmPauseRequested'>
  | Intent<'VmResumeRequested'>
  | Intent<'VmDeletionRequested'>
  | Done<'VmCreated'>
  | Done<'VmStarted', { memoryDemandMb: number | null }>
  | Done<'VmStopped'>
  | Done<'VmSaved'>
  | Done<'VmPaused'>
  | Done<'VmResumed'>
  | Done<'VmDeleted'>
  | Failed<'VmCreationFailed'>
  | Failed<'VmStartFailed'>
  | Failed<'VmStopFailed'>
  | Failed<'VmSaveFailed'>
  | Failed<'VmPauseFailed'>
  | Failed<'VmResumeFailed'>
  | Failed<'VmDeletionFailed'>;

export type VmEventType = VmEvent['type'];

/** For each operation: its intent, success and failure events, and the power state on success. */
export const VM_OPERATIONS = {
  'create-vm': { requested: 'VmCreationRequested', succeeded: 'VmCreated', failed: 'VmCreationFailed', to: 'Off' },
  'start-vm': { requested: 'VmStartRequested', succeeded: 'VmStarted', failed: 'VmStartFailed', to: 'Running' },
  'stop-vm': { requested: 'VmStopRequested', succeeded: 'VmStopped', failed: 'VmStopFailed', to: 'Off' },
  'save-vm': { requested: 'VmSaveRequested', succeeded: 'VmSaved', failed: 'VmSaveFailed', to: 'Saved' },
  'pause-vm': { requested: 'VmPauseRequested', succeeded: 'VmPaused', failed: 'VmPauseFailed', to: 'Paused' },
  'resume-vm': { requested: 'VmResumeRequested', succeeded: 'VmResumed', failed: 'VmResumeFailed', to: 'Running' },
  'delete-vm': { requested: 'VmDeletionRequested', succeeded: 'VmDeleted', failed: 'VmDeletionFailed', to: 'Off' },
} as const satisfies Record<
  VmOperationKind,
  { requested: VmEventType; succeeded: VmEventType; failed: VmEventType; to: PowerState }
>;

export const VM_EVENT_TYPES: readonly VmEventType[] = Object.values(VM_OPERATIONS).flatMap((o) => [
  o.requested,
  o.succeeded,
  o.failed,
]);

export const vmStreamId = (vmId: string) => `vm-${vmId}`;
