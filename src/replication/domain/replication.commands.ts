import type { HostRef } from '../../jobs/domain/hypervisor-driver.port';
import type { JobProblem } from '../../jobs/domain/job.events';
import type { OsVersion } from '../../hosts/domain/windows-server';

/** What a command needs to know about the VM (from its aggregate). */
export interface VmFacts {
  vmId: string;
  name: string;
  tenant: string;
  hostId: string;
  configVersion: string;
  generation: 1 | 2;
  memoryMb: number;
  processorCount: number;
  power: 'Off' | 'Running' | 'Paused' | 'Saved';
  disks: Array<{ id: string; name: string; sizeGb: number }>;
}

/** An operator's request: the job it starts, the VM, where it runs and its replica. */
export interface Requested {
  jobId: string;
  vm: VmFacts;
  primary: HostRef;
  replica: HostRef;
  requestedBy: { actor: string; role: string };
  now: string;
}

/** One relationship's statistics as its primary host reported them (Measure-VMReplication). */
export interface ReplicationObservation {
  successfulCycles: number;
  failedCycles: number;
  missedCycles: number;
  consecutiveFailedCycles: number;
  failureReason: string | null;
  lastMissedAt: string | null;
  lastCycle: number;
  lastReplicatedAt: string | null;
  /** Hyper-V's id of the newest recovery point on the replica, when the host reports it. */
  latestRecoveryPointId?: string | null;
}

export type ReplicationCommand =
  | ({
      type: 'EnableReplication';
      frequencySeconds: number;
      recoveryPoints: number;
      applicationConsistent: boolean;
      includeDiskIds?: string[];
      /** A replica cluster: its Replica Broker's client access point; `replica` is the node it places the replica on. */
      replicaBroker?: { clusterId: string; name: string };
      /** The frequency and the hour at the simulator's time scale. */
      intervalMs: number;
      hourMs: number;
    } & Requested)
  | ({ type: 'SuspendReplication' } & Requested)
  | ({ type: 'ResumeReplication' } & Requested)
  | ({ type: 'ResynchronizeReplication' } & Requested)
  | ({ type: 'SetReplicatedDisks'; includeDiskIds: string[] } & Requested)
  | ({ type: 'PlannedFailover' } & Requested)
  | ({ type: 'UnplannedFailover'; recoveryPointId?: string } & Requested)
  | ({ type: 'CommitFailover' } & Requested)
  | ({ type: 'StartTestFailover'; recoveryPointId?: string; testVmId: string } & Requested)
  | ({ type: 'StopTestFailover' } & Requested)
  | ({ type: 'ReverseReplication' } & Requested)
  | ({ type: 'RemoveReplication' } & Requested)
  | { type: 'NoteDiskAdded'; diskId: string; primaryOsVersion: OsVersion; now: string }
  /**
   * `recoveryPointId`: the id of a recovery point the outcome makes (derived from the job by the
   * caller); `hypervisorRecoveryPointId`: Hyper-V's own id of that point, as the host reported it.
   */
  | {
      type: 'CompleteReplicationOperation';
      jobId: string;
      sizeMb: number | null;
      recoveryPointId: string;
      hypervisorRecoveryPointId?: string;
      now: string;
    }
  | { type: 'FailReplicationOperation'; jobId: string; problem: JobProblem; now: string }
  /** `recoveryPointId`: the id a new hourly recovery point gets (derived from the observation by the caller). */
  | { type: 'ObserveReplication'; observed: ReplicationObservation; recoveryPointId: string; now: string };
