import type { JobProblem } from '../../jobs/domain/job.events';
import { HostSpecification } from './host.events';
import { OsVersion } from './windows-server';

export interface RegisterHost {
  type: 'RegisterHost';
  hostId: string;
  specification: Omit<HostSpecification, 'maximumLiveMigrations'> & { maximumLiveMigrations?: number };
  now: string;
}

export interface ReinstallHost {
  type: 'ReinstallHost';
  jobId: string;
  targetOsVersion: OsVersion;
  /** Read from the VM read model by the caller: a reinstall needs an empty host. */
  vmCount: number;
  clusterId: string | null;
  /** The host goes back into a cluster afterwards (a rolling upgrade's node): install Failover-Clustering as well. */
  rejoinsCluster?: boolean;
  requestedBy: { actor: string; role: string };
  now: string;
}

export type HostCommand =
  | RegisterHost
  | ReinstallHost
  | (Omit<ReinstallHost, 'type' | 'targetOsVersion'> & { type: 'RetryHostOperation' })
  | { type: 'CompleteHostOperation'; jobId: string; now: string }
  | { type: 'FailHostOperation'; jobId: string; problem: JobProblem; now: string };
