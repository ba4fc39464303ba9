import { DomainEvent } from '../../platform/domain/decider';
import type { JobProblem, RequestedJob } from '../../jobs/domain/job.events';
import { OsVersion } from './windows-server';

export type CpuVendor = 'Intel' | 'AMD';

export interface HostSpecification {
  name: string;
  address: string;
  osVersion: OsVersion;
  slat: boolean;
  cpuVendor: CpuVendor;
  logicalProcessors: number;
  memoryMb: number;
  maximumLiveMigrations: number;
}

export type HostEvent =
  | DomainEvent<'HostRegistered', HostSpecification & { hostId: string; registeredAt: string }>
  | DomainEvent<
      'HostReinstallRequested',
      { hostId: string; fromOsVersion: OsVersion; targetOsVersion: OsVersion; job: RequestedJob; requestedAt: string }
    >
  | DomainEvent<'HostReinstalled', { hostId: string; jobId: string; osVersion: OsVersion; at: string }>
  | DomainEvent<'HostReinstallFailed', { hostId: string; jobId: string; problem: JobProblem; at: string }>;

export const HOST_EVENT_TYPES = [
  'HostRegistered',
  'HostReinstallRequested',
  'HostReinstalled',
  'HostReinstallFailed',
] as const satisfies readonly HostEvent['type'][];
