import { DomainError } from '../../platform/domain/domain-error';
import { OsVersion } from './windows-server';

export const slatRequired = (os: OsVersion) =>
  new DomainError('SLAT_REQUIRED', `Hyper-V on ${os} needs a processor with SLAT (Second Level Address Translation)`);

export const hostAlreadyRegistered = (hostId: string) =>
  new DomainError('HOST_ALREADY_REGISTERED', `Host ${hostId} is already registered`);

/** Without an id: a decider knows its state, not the stream it came from (the id is in the request). */
export const hostNotFound = (hostId?: string) =>
  new DomainError('NOT_FOUND', hostId ? `Host ${hostId} does not exist` : 'The host does not exist', 'not-found');

export const hostNotEmpty = (reason: string) =>
  new DomainError(
    'HOST_NOT_EMPTY',
    `A host can be reinstalled only when it is in no cluster and hosts no virtual machines: ${reason}`,
  );

export const upgradeSkipsVersion = (from: OsVersion, to: OsVersion, next: OsVersion | undefined) =>
  new DomainError(
    'UPGRADE_SKIPS_VERSION',
    next
      ? `A reinstall moves one OS version at a time: from ${from} the next is ${next}, not ${to}`
      : `${from} is the newest OS version; there is nothing to move to`,
  );

export const upgradeNotNewer = (from: OsVersion, to: OsVersion) =>
  new DomainError('UPGRADE_NOT_NEWER', `A host can only be reinstalled with a newer OS: ${to} is not newer than ${from}`);

export const hostOperationPending = (jobId: string) =>
  new DomainError('OPERATION_PENDING', `The host is being reinstalled (job ${jobId})`, 'conflict', { jobId });

export const nothingToRetry = (jobId: string) =>
  new DomainError('JOB_NOT_RESTARTABLE', `Job ${jobId} is not the host's last failed operation`);
