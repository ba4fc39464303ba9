import type { OsVersion } from '../../hosts/domain/windows-server';
import type { UpgradeNodePlan, UpgradeStep } from './rolling-upgrade.events';

/** What starts, advances and steers a rolling upgrade: the operator's requests and the process manager's reports. */
export type RollingUpgradeCommand =
  | {
      type: 'StartRollingUpgrade';
      upgradeId: string;
      clusterId: string;
      clusterName: string;
      targetOsVersion: OsVersion;
      raiseFunctionalLevel: boolean;
      nodes: UpgradeNodePlan[];
      stepTimeoutSeconds: number;
      estimatedDurationMs: number;
      requestedBy: { actor: string; role: string };
      now: string;
    }
  | { type: 'BeginStep'; hostId: string | null; step: UpgradeStep; attempt: number; jobId: string; now: string }
  | { type: 'CompleteStep'; jobId: string; vmsMoved?: string[]; note?: string | null; now: string }
  | { type: 'FailStep'; jobId: string; code: string; reason: string; now: string }
  | { type: 'TimeOutStep'; jobId: string; now: string }
  | { type: 'PauseUpgrade'; by: string; now: string }
  | { type: 'ResumeUpgrade'; by: string; now: string }
  | { type: 'CancelUpgrade'; by: string; now: string }
  | { type: 'RetryStep'; by: string; now: string }
  | { type: 'SkipNode'; by: string; now: string };
