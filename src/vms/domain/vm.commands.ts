import type { JobProblem } from '../../jobs/domain/job.events';
import type { OsVersion } from '../../hosts/domain/windows-server';
import { CheckpointType, MemorySettings, SecureBootTemplate } from './vm.events';

/** What the decider needs to know about the host, read by the caller before deciding. */
export interface HostFacts {
  hostId: string;
  name: string;
  osVersion: OsVersion;
  state: string;
  clusterId: string | null;
  memoryMb: number;
  memoryUsedMb: number;
  logicalProcessors: number;
}

export interface Requester {
  actor: string;
  role: string;
}

export interface CreateVmRequest {
  name: string;
  tenant: string;
  generation: 1 | 2;
  configVersion?: string;
  guestOs: { family: 'windows' | 'linux'; version?: string };
  memory: { startupMb: number; dynamic?: { minimumMb: number; maximumMb: number; bufferPercent?: number } };
  processorCount: number;
  networkAdapters: Array<{ id: string; name: string; switchName: string }>;
  disks: Array<{ id: string; name: string; sizeGb: number }>;
  firmware?: { secureBoot: boolean; secureBootTemplate: SecureBootTemplate };
  checkpointType?: CheckpointType;
}

interface OperationCommand {
  jobId: string;
  host: HostFacts;
  requestedBy: Requester;
  now: string;
}

export type VmCommand =
  | ({ type: 'CreateVm'; vmId: string; request: CreateVmRequest } & OperationCommand)
  | ({ type: 'StartVm' } & OperationCommand)
  | ({ type: 'StopVm'; mode: 'shutdown' | 'turn-off' } & OperationCommand)
  | ({ type: 'SaveVm' } & OperationCommand)
  | ({ type: 'PauseVm' } & OperationCommand)
  | ({ type: 'ResumeVm' } & OperationCommand)
  | ({ type: 'DeleteVm' } & OperationCommand)
  | ({ type: 'RetryVmOperation' } & OperationCommand)
  | { type: 'CompleteVmOperation'; jobId: string; result: { memoryDemandMb?: number }; now: string }
  | { type: 'FailVmOperation'; jobId: string; problem: JobProblem; now: string };

export type { MemorySettings };
