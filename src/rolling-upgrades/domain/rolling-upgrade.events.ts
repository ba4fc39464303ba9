import { DomainEvent } from '../../platform/domain/decider';
import type { OsVersion } from '../../hosts/domain/windows-server';

/** What happens to each node, in order (DOMAIN.md, rolling cluster OS upgrade). */
export const NODE_STEPS = ['drain', 'evict', 'reinstall', 'add', 'resume'] as const;
export type NodeStep = (typeof NODE_STEPS)[number];
/** After the last node, only when the operator asked for it (it is irreversible). */
export type UpgradeStep = NodeStep | 'raise-functional-level';

export type UpgradeState = 'Running' | 'Paused' | 'Completed' | 'Failed' | 'Cancelled';

export interface UpgradeNodePlan {
  hostId: string;
  name: string;
  fromOsVersion: OsVersion;
}

export interface StepRef {
  hostId: string | null;
  step: UpgradeStep;
  jobId: string;
  attempt: number;
}

type Fact<T extends string, D extends object> = DomainEvent<T, D & { upgradeId: string; at: string }>;

export type RollingUpgradeEvent =
  | Fact<
      'RollingUpgradeStarted',
      {
        clusterId: string;
        clusterName: string;
        targetOsVersion: OsVersion;
        raiseFunctionalLevel: boolean;
        nodes: UpgradeNodePlan[];
        stepTimeoutSeconds: number;
        estimatedDurationMs: number;
        requestedBy: { actor: string; role: string };
      }
    >
  | Fact<'RollingUpgradeStepStarted', StepRef & { timeoutAt: string }>
  | Fact<'RollingUpgradeStepCompleted', StepRef & { vmsMoved: string[]; note: string | null }>
  | Fact<'RollingUpgradeStepFailed', StepRef & { code: string; reason: string }>
  | Fact<'RollingUpgradeNodeCompleted', { hostId: string }>
  | Fact<'RollingUpgradeNodeSkipped', { hostId: string; by: string; leftAt: string }>
  | Fact<'RollingUpgradePauseRequested', { by: string }>
  | Fact<'RollingUpgradePaused', { reason: string }>
  | Fact<'RollingUpgradeResumed', { by: string }>
  | Fact<'RollingUpgradeStepRetried', { hostId: string | null; step: UpgradeStep; attempt: number; by: string }>
  | Fact<'RollingUpgradeCancelRequested', { by: string }>
  | Fact<'RollingUpgradeCancelled', { leftAt: string }>
  | Fact<'RollingUpgradeCompleted', { nodesUpgraded: number; nodesSkipped: number; functionalLevelRaised: boolean }>;

export type RollingUpgradeEventType = RollingUpgradeEvent['type'];

export const ROLLING_UPGRADE_EVENT_TYPES: readonly RollingUpgradeEventType[] = [
  'RollingUpgradeStarted',
  'RollingUpgradeStepStarted',
  'RollingUpgradeStepCompleted',
  'RollingUpgradeStepFailed',
  'RollingUpgradeNodeCompleted',
  'RollingUpgradeNodeSkipped',
  'RollingUpgradePauseRequested',
  'RollingUpgradePaused',
  'RollingUpgradeResumed',
  'RollingUpgradeStepRetried',
  'RollingUpgradeCancelRequested',
  'RollingUpgradeCancelled',
  'RollingUpgradeCompleted',
];

export const rollingUpgradeStreamId = (upgradeId: string) => `rolling-upgrade-${upgradeId}`;
