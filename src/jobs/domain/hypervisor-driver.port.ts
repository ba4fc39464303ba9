/**
 * The boundary to the hypervisors. The simulated fleet is the default implementation (and the
 * test double for the whole system); a PowerShell-over-WinRM driver plugs in here later.
 *
 * Every operation must be idempotent: BullMQ delivers at least once, so the same operation for
 * the same job can run twice and must then leave the same outcome (starting a running VM is a
 * success, deleting a deleted VM is a success).
 */
import type { OsVersion } from '../../hosts/domain/windows-server';

export interface HostRef {
  hostId: string;
  name: string;
  osVersion: OsVersion;
  memoryMb: number;
}

export interface VmRef {
  vmId: string;
  name: string;
  generation: 1 | 2;
  configVersion: string;
  memoryMb: number;
  processorCount: number;
}

export type HypervisorOperation =
  | { kind: 'create-vm'; host: HostRef; vm: VmRef }
  | { kind: 'start-vm'; host: HostRef; vm: VmRef }
  | { kind: 'stop-vm'; host: HostRef; vm: VmRef; mode: 'shutdown' | 'turn-off' }
  | { kind: 'save-vm'; host: HostRef; vm: VmRef }
  | { kind: 'pause-vm'; host: HostRef; vm: VmRef }
  | { kind: 'resume-vm'; host: HostRef; vm: VmRef }
  | { kind: 'delete-vm'; host: HostRef; vm: VmRef }
  | { kind: 'reinstall-host'; host: HostRef; targetOsVersion: OsVersion };

export type OperationKind = HypervisorOperation['kind'];

export interface OperationContext {
  jobId: string;
  /** Reports progress of the running step, 0–100. */
  onProgress(percent: number): void;
  /** Aborted when the job is cancelled; operations that can stop early do. */
  signal: AbortSignal;
}

export interface OperationResult {
  /** Memory the guest is using, reported by operations that leave a VM running. */
  memoryDemandMb?: number;
  details?: Record<string, unknown>;
}

/** A failure reported by the hypervisor side; `code` ends up in the job's problem. */
export class DriverError extends Error {
  constructor(
    readonly code: 'OPERATION_FAILED' | 'HOST_UNRESPONSIVE' | 'HOST_DOWN' | 'VM_NOT_FOUND' | 'CANCELLED',
    message: string,
  ) {
    super(message);
    this.name = 'DriverError';
  }
}

export interface HypervisorDriver {
  run(operation: HypervisorOperation, context: OperationContext): Promise<OperationResult>;
}

export const HYPERVISOR_DRIVER = Symbol('HypervisorDriver');
