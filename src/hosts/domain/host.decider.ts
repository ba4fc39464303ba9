import { Decider } from '../../platform/domain/decider';
import type { HypervisorOperation } from '../../jobs/domain/hypervisor-driver.port';
import { stepsFor } from '../../jobs/domain/powershell';
import { HostCommand, RegisterHost, ReinstallHost } from './host.commands';
import * as errors from './host.errors';
import { HostEvent, HostSpecification } from './host.events';
import { OS_VERSIONS, OsVersion, osRank, requiresSlat } from './windows-server';

export const DEFAULT_MAXIMUM_LIVE_MIGRATIONS = 2;

interface Reinstall {
  jobId: string;
  attempt: number;
  targetOsVersion: OsVersion;
  /** The host will be added back to a cluster: the clean install adds Failover-Clustering too. */
  rejoinsCluster: boolean;
}

export type HostState =
  | { status: 'Unregistered' }
  | ({
      status: 'Registered';
      hostId: string;
      registeredAt: string;
      reinstalling: Reinstall | null;
      lastFailure: Reinstall | null;
    } & HostSpecification);

type Registered = Extract<HostState, { status: 'Registered' }>;

const initialState: HostState = { status: 'Unregistered' };

function evolve(state: HostState, event: HostEvent): HostState {
  if (event.type === 'HostRegistered') {
    const { hostId, registeredAt, ...specification } = event.data;
    return { status: 'Registered', hostId, registeredAt, reinstalling: null, lastFailure: null, ...specification };
  }
  if (state.status !== 'Registered') return state;
  switch (event.type) {
    case 'HostReinstallRequested':
      return {
        ...state,
        reinstalling: {
          jobId: event.data.job.jobId,
          attempt: event.data.job.attempt,
          targetOsVersion: event.data.targetOsVersion,
          rejoinsCluster:
            event.data.job.operation.kind === 'reinstall-host' && event.data.job.operation.installFailoverClustering === true,
        },
      };
    case 'HostReinstalled':
      return { ...state, osVersion: event.data.osVersion, reinstalling: null, lastFailure: null };
    case 'HostReinstallFailed':
      return { ...state, lastFailure: state.reinstalling, reinstalling: null };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

function register(command: RegisterHost, state: HostState): HostEvent[] {
  if (state.status !== 'Unregistered') throw errors.hostAlreadyRegistered(command.hostId);
  const spec = command.specification;
  if (!spec.slat && requiresSlat(spec.osVersion)) throw errors.slatRequired(spec.osVersion);
  return [
    {
      type: 'HostRegistered',
      data: {
        hostId: command.hostId,
        name: spec.name,
        address: spec.address,
        osVersion: spec.osVersion,
        slat: spec.slat,
        cpuVendor: spec.cpuVendor,
        logicalProcessors: spec.logicalProcessors,
        memoryMb: spec.memoryMb,
        maximumLiveMigrations: spec.maximumLiveMigrations ?? DEFAULT_MAXIMUM_LIVE_MIGRATIONS,
        registeredAt: command.now,
      },
    },
  ];
}

function registered(state: HostState): Registered {
  if (state.status !== 'Registered') throw errors.hostNotFound();
  return state;
}

/** A reinstall is a clean install of the next OS version on an empty, unclustered host. */
function reinstall(command: Omit<ReinstallHost, 'type'>, state: HostState, attempt: number): HostEvent[] {
  const host = registered(state);
  if (host.reinstalling) throw errors.hostOperationPending(host.reinstalling.jobId);
  if (command.clusterId) throw errors.hostNotEmpty(`it is a node of cluster ${command.clusterId}`);
  if (command.vmCount > 0) throw errors.hostNotEmpty(`it hosts ${command.vmCount} virtual machine(s)`);
  const from = host.osVersion;
  const to = command.targetOsVersion;
  if (osRank(to) <= osRank(from)) throw errors.upgradeNotNewer(from, to);
  if (osRank(to) !== osRank(from) + 1) throw errors.upgradeSkipsVersion(from, to, OS_VERSIONS[osRank(from) + 1]);
  if (!host.slat && requiresSlat(to)) throw errors.slatRequired(to);
  const operation: HypervisorOperation = {
    kind: 'reinstall-host',
    host: { hostId: host.hostId, name: host.name, osVersion: from, memoryMb: host.memoryMb },
    targetOsVersion: to,
    ...(command.rejoinsCluster ? { installFailoverClustering: true } : {}),
  };
  return [
    {
      type: 'HostReinstallRequested',
      data: {
        hostId: host.hostId,
        fromOsVersion: from,
        targetOsVersion: to,
        requestedAt: command.now,
        job: {
          jobId: command.jobId,
          attempt,
          kind: 'reinstall-host',
          target: { type: 'host', id: host.hostId },
          steps: stepsFor(operation),
          operation,
          requestedBy: command.requestedBy,
        },
      },
    },
  ];
}

function decide(command: HostCommand, state: HostState): HostEvent[] {
  switch (command.type) {
    case 'RegisterHost':
      return register(command, state);
    case 'ReinstallHost':
      return reinstall(command, state, 1);
    case 'RetryHostOperation': {
      const host = registered(state);
      const failed = host.lastFailure;
      if (!failed || failed.jobId !== command.jobId || host.reinstalling) throw errors.nothingToRetry(command.jobId);
      return reinstall(
        { ...command, targetOsVersion: failed.targetOsVersion, rejoinsCluster: failed.rejoinsCluster },
        state,
        failed.attempt + 1,
      );
    }
    case 'CompleteHostOperation':
      if (state.status !== 'Registered' || state.reinstalling?.jobId !== command.jobId) return [];
      return [
        {
          type: 'HostReinstalled',
          data: { hostId: state.hostId, jobId: command.jobId, osVersion: state.reinstalling.targetOsVersion, at: command.now },
        },
      ];
    case 'FailHostOperation':
      if (state.status !== 'Registered' || state.reinstalling?.jobId !== command.jobId) return [];
      return [
        {
          type: 'HostReinstallFailed',
          data: { hostId: state.hostId, jobId: command.jobId, problem: command.problem, at: command.now },
        },
      ];
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

export const hostDecider: Decider<HostCommand, HostEvent, HostState> = { initialState, evolve, decide };

export const hostStreamId = (hostId: string) => `host-${hostId}`;
