import { DomainError } from '../../platform/domain/domain-error';
import { OsVersion } from './windows-server';

export const slatRequired = (os: OsVersion) =>
  new DomainError('SLAT_REQUIRED', `Hyper-V on ${os} needs a processor with SLAT (Second Level Address Translation)`);

export const hostAlreadyRegistered = (hostId: string) =>
  new DomainError('HOST_ALREADY_REGISTERED', `Host ${hostId} is already registered`);
