import { DomainError } from '../../platform/domain/domain-error';
import type { HostRef } from '../../jobs/domain/hypervisor-driver.port';
import type { ReplicationStatus } from './replication.state';

/** The refusals of the replication rules, each with its code. */
export const replicationErrors = {
  notEnabled: () => new DomainError('NOT_FOUND', 'Replication is not enabled for this virtual machine', 'not-found'),
  alreadyEnabled: (status: ReplicationStatus) =>
    new DomainError(
      'REPLICATION_ALREADY_ENABLED',
      `Replication is already enabled for this virtual machine (${status})`,
      'conflict',
    ),
  invalid: (message: string) => new DomainError('VALIDATION_FAILED', message, 'invalid'),
  sameHost: () => new DomainError('REPLICA_SAME_HOST', 'The replica host must be another host than the primary', 'conflict'),
  unknownDisks: (ids: string[]) => new DomainError('NOT_FOUND', `The virtual machine has no disk ${ids.join(', ')}`, 'not-found'),
  versionUnsupported: (configVersion: string, replica: HostRef) =>
    new DomainError(
      'CONFIG_VERSION_UNSUPPORTED',
      `Configuration version ${configVersion} is not supported by replica host ${replica.name} (${replica.osVersion})`,
      'conflict',
    ),
  busy: (kind: string, jobId: string) =>
    new DomainError('OPERATION_PENDING', `Replication is busy with ${kind} (job ${jobId})`, 'conflict', { jobId }),
  invalidState: (action: string, state: ReplicationStatus, allowed: readonly ReplicationStatus[]) =>
    new DomainError(
      'INVALID_REPLICATION_STATE',
      `Cannot ${action} while replication is ${state}; it must be ${allowed.join(' or ')}`,
      'conflict',
      { state, allowed },
    ),
  vmNotOff: (power: string) =>
    new DomainError('INVALID_VM_STATE', `A planned failover needs the primary virtual machine Off; it is ${power}`, 'conflict', {
      state: power,
      allowed: ['Off'],
    }),
  testFailoverRunning: (action: string, testVmName: string) =>
    new DomainError(
      'TEST_FAILOVER_RUNNING',
      `Cannot ${action} while test failover VM ${testVmName} exists; stop the test failover first`,
      'conflict',
    ),
  secondTestFailover: (testVmName: string) =>
    new DomainError('TEST_FAILOVER_RUNNING', `Test failover VM ${testVmName} exists already; stop it first`, 'conflict'),
  noTestFailover: () => new DomainError('NO_TEST_FAILOVER', 'No test failover is running', 'conflict'),
  unknownRecoveryPoint: (id: string) => new DomainError('NOT_FOUND', `Recovery point ${id} does not exist`, 'not-found'),
  noRecoveryPoint: () =>
    new DomainError('NO_RECOVERY_POINT', 'No recovery point exists yet: wait for the initial replication', 'conflict'),
};
