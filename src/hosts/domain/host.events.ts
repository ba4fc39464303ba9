import { DomainEvent } from '../../platform/domain/decider';
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

export type HostRegistered = DomainEvent<'HostRegistered', HostSpecification & { hostId: string; registeredAt: string }>;

export type HostEvent = HostRegistered;

export const HOST_EVENT_TYPES = ['HostRegistered'] as const satisfies readonly HostEvent['type'][];
