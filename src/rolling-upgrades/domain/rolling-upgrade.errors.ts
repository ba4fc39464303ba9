import { DomainError } from '../../platform/domain/domain-error';
import type { UpgradeState, UpgradeStep } from './rolling-upgrade.events';

/** The refusals of a rolling upgrade's steering and steps, each with its code (README, error table). */
export const upgradeNotFound = () => new DomainError('NOT_FOUND', 'The rolling upgrade does not exist', 'not-found');

export const upgradeFinished = (action: string, status: UpgradeState) =>
  new DomainError('UPGRADE_FINISHED', `Cannot ${action}: the rolling upgrade is ${status}`, 'conflict');

export const unexpectedStep = (step: UpgradeStep, hostId: string | null) =>
  new DomainError('UNEXPECTED_STEP', `The upgrade does not expect ${step} of ${hostId ?? 'the cluster'} now`, 'conflict');

export const stepFailed = (step: UpgradeStep, reason: string) =>
  new DomainError(
    'UPGRADE_STEP_FAILED',
    `The ${step} step failed (${reason}); retry the step, skip the node or cancel`,
    'conflict',
  );

export const noFailedStep = () => new DomainError('NO_FAILED_STEP', 'No step has failed: there is nothing to retry', 'conflict');

export const stepInProgress = (step: UpgradeStep) =>
  new DomainError('STEP_IN_PROGRESS', `The ${step} step is running; pause first, then skip the node`, 'conflict');

export const nothingToSkip = () => new DomainError('NOTHING_TO_SKIP', 'Every node is done; there is no node to skip', 'conflict');
