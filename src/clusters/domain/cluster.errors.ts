import { DomainError } from '../../platform/domain/domain-error';

/** Without an id: a decider knows its state, not the stream it came from (the id is in the request). */
export const clusterNotFound = (clusterId?: string) =>
  new DomainError('NOT_FOUND', clusterId ? `Cluster ${clusterId} does not exist` : 'The cluster does not exist', 'not-found');

export const clusterAlreadyExists = (clusterId: string) =>
  new DomainError('CLUSTER_ALREADY_EXISTS', `Cluster ${clusterId} already exists`);

export const nodeNotFound = (hostId: string) =>
  new DomainError('NOT_FOUND', `Host ${hostId} is not a node of this cluster`, 'not-found');

export const invalidNodes = (detail: string) => new DomainError('VALIDATION_FAILED', detail, 'invalid');

export const tooManyNodes = (max: number) =>
  new DomainError('CLUSTER_NODE_LIMIT', `A cluster has at most ${max} nodes`, 'conflict', { limit: max });

export const mixedOsAtCreation = (versions: string[]) =>
  new DomainError(
    'CLUSTER_OS_MISMATCH',
    `A cluster is created from hosts of one OS; these run ${versions.join(', ')} (newer nodes join later, one version up)`,
  );

export const hostInAnotherCluster = (host: string, clusterId: string) =>
  new DomainError('HOST_ALREADY_CLUSTERED', `Host ${host} is already a node of cluster ${clusterId}`);

export const hostNotAvailable = (host: string, state: string) =>
  new DomainError('HOST_NOT_AVAILABLE', `Host ${host} is ${state}; only an Up host can join a cluster`);

export const slatRequired = (host: string) =>
  new DomainError('SLAT_REQUIRED', `Host ${host} has no SLAT; WS2016 or later Hyper-V needs it`);

export const nodeOsTooOld = (host: string, os: string, level: number, levelOs: string) =>
  new DomainError(
    'NODE_OS_TOO_OLD',
    `Host ${host} runs ${os}, older than the cluster's functional level ${level} (${levelOs}); only nodes at ${levelOs} or one version newer may join`,
  );

export const nodeOsTooNew = (host: string, os: string, level: number, levelOs: string) =>
  new DomainError(
    'NODE_OS_TOO_NEW',
    `Host ${host} runs ${os}, more than one version above the cluster's functional level ${level} (${levelOs})`,
  );

export const invalidNodeState = (host: string, action: string, state: string, allowed: readonly string[]) =>
  new DomainError(
    'INVALID_NODE_STATE',
    `Cannot ${action} node ${host} while it is ${state}; it must be ${allowed.join(' or ')}`,
    'conflict',
    {
      state,
      allowed,
    },
  );

export const nodeNotDrained = (host: string, detail: string, remedy = 'pause it with drain first') =>
  new DomainError('NODE_NOT_DRAINED', `Node ${host} cannot be evicted: ${detail}; ${remedy}`);

export const operationPending = (kind: string, jobId: string) =>
  new DomainError('OPERATION_PENDING', `The cluster is busy with ${kind} (job ${jobId}); wait for it or cancel it`, 'conflict', {
    pendingKind: kind,
    jobId,
  });

export const drainNotPossible = (host: string, reasons: string[]) =>
  new DomainError('DRAIN_NOT_POSSIBLE', `Node ${host} cannot be drained: ${reasons.join('; ')}`, 'conflict', { vms: reasons });

export const functionalLevelBlocked = (blockers: string[]) =>
  new DomainError('FUNCTIONAL_LEVEL_BLOCKED', `The functional level cannot be raised: ${blockers.join('; ')}`, 'conflict', {
    blockers,
  });

export const nothingToRetry = (jobId: string) =>
  new DomainError('JOB_NOT_RESTARTABLE', `Job ${jobId} is not a failed operation of this cluster that can be retried`);

export const invalidResiliency = (detail: string) => new DomainError('VALIDATION_FAILED', detail, 'invalid');

export const rollingUpgradeRunning = (upgradeId: string) =>
  new DomainError(
    'ROLLING_UPGRADE_RUNNING',
    `Rolling upgrade ${upgradeId} is already running on this cluster; one at a time`,
    'conflict',
    {
      upgradeId,
    },
  );
