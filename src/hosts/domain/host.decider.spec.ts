import { describe, it } from 'node:test';
import { expect } from 'expect';
import { deciderSpec } from '../../../test/support/decider-spec';
import { fold } from '../../platform/domain/decider';
import { hostDecider } from './host.decider';
import { HostEvent } from './host.events';
import { HostCommand, RegisterHost, ReinstallHost } from './host.commands';
import { OS_VERSIONS, OsVersion } from './windows-server';

const spec = deciderSpec(hostDecider);
const hostId = '7d3c0e57-4a52-4d7e-9a68-0f2b2a0c5a11';
const now = '2026-11-26T12:00:00.000Z';

const register = (overrides: Partial<RegisterHost['specification']> = {}): RegisterHost => ({
  type: 'RegisterHost',
  hostId,
  now,
  specification: {
    name: 'hv01',
    address: '10.0.0.11',
    osVersion: 'WS2016',
    slat: true,
    cpuVendor: 'Intel',
    logicalProcessors: 32,
    memoryMb: 262144,
    ...overrides,
  },
});

const registered = (overrides: Partial<HostEvent['data']> = {}): HostEvent => ({
  type: 'HostRegistered',
  data: {
    hostId,
    name: 'hv01',
    address: '10.0.0.11',
    osVersion: 'WS2016',
    slat: true,
    cpuVendor: 'Intel',
    logicalProcessors: 32,
    memoryMb: 262144,
    maximumLiveMigrations: 2,
    registeredAt: now,
    ...overrides,
  },
});

describe('host decider', () => {
  it('registers a host with two simultaneous live migrations by default', () => {
    spec.given([]).when(register()).then([registered()]);
  });

  it('keeps an explicit live migration limit', () => {
    spec
      .given([])
      .when(register({ maximumLiveMigrations: 8 }))
      .then([registered({ maximumLiveMigrations: 8 })]);
  });

  it('refuses a WS2016 host without SLAT', () => {
    spec
      .given([])
      .when(register({ slat: false }))
      .thenThrows('SLAT_REQUIRED');
  });

  for (const osVersion of ['WS2019', 'WS2022', 'WS2025'] as const) {
    it(`refuses a ${osVersion} host without SLAT`, () => {
      spec
        .given([])
        .when(register({ slat: false, osVersion }))
        .thenThrows('SLAT_REQUIRED');
    });
  }

  it('accepts a WS2012R2 host without SLAT', () => {
    spec
      .given([])
      .when(register({ slat: false, osVersion: 'WS2012R2' }))
      .then([registered({ slat: false, osVersion: 'WS2012R2' })]);
  });

  it('refuses to register the same host twice', () => {
    spec.given([registered()]).when(register()).thenThrows('HOST_ALREADY_REGISTERED');
  });
});

const jobId = '0b9f3d4e-1c2a-4e6f-8a7b-9c0d1e2f3a4b';
const later = '2026-11-26T12:30:00.000Z';
const requestedBy = { actor: 'alice', role: 'fabric-admin' };
const problem = { code: 'OPERATION_FAILED', detail: 'The installation media could not be read' };

const reinstall = (targetOsVersion: OsVersion, overrides: Partial<ReinstallHost> = {}): ReinstallHost => ({
  type: 'ReinstallHost',
  jobId,
  targetOsVersion,
  vmCount: 0,
  clusterId: null,
  requestedBy,
  now: later,
  ...overrides,
});

const retry = (overrides: Partial<Extract<HostCommand, { type: 'RetryHostOperation' }>> = {}): HostCommand => ({
  type: 'RetryHostOperation',
  jobId,
  vmCount: 0,
  clusterId: null,
  requestedBy,
  now: later,
  ...overrides,
});

const complete = (id = jobId): HostCommand => ({ type: 'CompleteHostOperation', jobId: id, now: later });
const fail = (id = jobId): HostCommand => ({ type: 'FailHostOperation', jobId: id, problem, now: later });

/** Runs commands one after another over the events they produce, like the command handler does. */
function history(commands: readonly HostCommand[], start: readonly HostEvent[] = [registered()]): HostEvent[] {
  const events = [...start];
  for (const command of commands) events.push(...hostDecider.decide(command, fold(hostDecider, events)));
  return events;
}

const reinstallRequested = (
  from: OsVersion,
  to: OsVersion,
  options: { attempt?: number; id?: string; osLabel: string; rejoinsCluster?: boolean },
): HostEvent => ({
  type: 'HostReinstallRequested',
  data: {
    hostId,
    fromOsVersion: from,
    targetOsVersion: to,
    requestedAt: later,
    job: {
      jobId: options.id ?? jobId,
      attempt: options.attempt ?? 1,
      kind: 'reinstall-host',
      target: { type: 'host', id: hostId },
      steps: [
        {
          name: `Clean-install ${options.osLabel}`,
          powershell:
            `# Clean install of ${options.osLabel} on hv01 (installation media / WDS), then:\n` +
            `Install-WindowsFeature -Name ${options.rejoinsCluster ? 'Hyper-V, Failover-Clustering' : 'Hyper-V'} ` +
            '-IncludeManagementTools -Restart -ComputerName "hv01"',
        },
      ],
      operation: {
        kind: 'reinstall-host',
        host: { hostId, name: 'hv01', osVersion: from, memoryMb: 262144 },
        targetOsVersion: to,
        ...(options.rejoinsCluster ? { installFailoverClustering: true } : {}),
      },
      requestedBy,
    },
  },
});

const reinstalled = (osVersion: OsVersion, id = jobId): HostEvent => ({
  type: 'HostReinstalled',
  data: { hostId, jobId: id, osVersion, at: later },
});

const reinstallFailed = (id = jobId): HostEvent => ({
  type: 'HostReinstallFailed',
  data: { hostId, jobId: id, problem, at: later },
});

describe('host decider: registration details', () => {
  it('records every fact of the specification and the time from the command', () => {
    spec
      .given([])
      .when(register({ name: 'hv-amd', address: '10.0.0.99', cpuVendor: 'AMD', logicalProcessors: 64, memoryMb: 524288 }))
      .then([registered({ name: 'hv-amd', address: '10.0.0.99', cpuVendor: 'AMD', logicalProcessors: 64, memoryMb: 524288 })]);
  });

  it('accepts a host with SLAT on every OS version', () => {
    for (const osVersion of OS_VERSIONS) {
      spec
        .given([])
        .when(register({ osVersion }))
        .then([registered({ osVersion })]);
    }
  });

  it('refuses to register the same host twice even when the second registration breaks another rule', () => {
    spec
      .given([registered()])
      .when(register({ slat: false }))
      .thenThrows('HOST_ALREADY_REGISTERED');
  });

  it('refuses to register a host again after it was reinstalled', () => {
    spec
      .given([
        registered({ osVersion: 'WS2012R2' }),
        reinstallRequested('WS2012R2', 'WS2016', { osLabel: 'Windows Server 2016' }),
        reinstalled('WS2016'),
      ])
      .when(register())
      .thenThrows('HOST_ALREADY_REGISTERED');
  });
});

describe('host decider: reinstall', () => {
  it('asks for a clean install of the next OS version as a reinstall-host job with its PowerShell', () => {
    spec
      .given([registered({ osVersion: 'WS2012R2' })])
      .when(reinstall('WS2016'))
      .then([reinstallRequested('WS2012R2', 'WS2016', { osLabel: 'Windows Server 2016' })]);
  });

  const hops: Array<[OsVersion, OsVersion, string]> = [
    ['WS2012R2', 'WS2016', 'Windows Server 2016'],
    ['WS2016', 'WS2019', 'Windows Server 2019'],
    ['WS2019', 'WS2022', 'Windows Server 2022'],
    ['WS2022', 'WS2025', 'Windows Server 2025'],
  ];
  for (const [from, to, osLabel] of hops) {
    it(`reinstalls a ${from} host with ${to}, one version up`, () => {
      spec
        .given([registered({ osVersion: from })])
        .when(reinstall(to))
        .then([reinstallRequested(from, to, { osLabel })]);
    });
  }

  it('installs Failover-Clustering as well as Hyper-V when the node will rejoin its cluster', () => {
    spec
      .given([registered({ osVersion: 'WS2012R2' })])
      .when(reinstall('WS2016', { rejoinsCluster: true }))
      .then([reinstallRequested('WS2012R2', 'WS2016', { osLabel: 'Windows Server 2016', rejoinsCluster: true })]);
  });

  it('keeps Failover-Clustering in the retry of a failed reinstall of a rejoining node', () => {
    const failed = history([reinstall('WS2016', { rejoinsCluster: true }), fail()], [registered({ osVersion: 'WS2012R2' })]);
    spec
      .given(failed)
      .when({ type: 'RetryHostOperation', jobId, vmCount: 0, clusterId: null, requestedBy, now: later })
      .then([reinstallRequested('WS2012R2', 'WS2016', { osLabel: 'Windows Server 2016', rejoinsCluster: true, attempt: 2 })]);
  });

  it('escapes the host name in the PowerShell of the reinstall step', () => {
    spec
      .given([registered({ name: 'hv"$01' })])
      .when(reinstall('WS2019'))
      .then([
        {
          type: 'HostReinstallRequested',
          data: {
            hostId,
            fromOsVersion: 'WS2016',
            targetOsVersion: 'WS2019',
            requestedAt: later,
            job: {
              jobId,
              attempt: 1,
              kind: 'reinstall-host',
              target: { type: 'host', id: hostId },
              steps: [
                {
                  name: 'Clean-install Windows Server 2019',
                  powershell:
                    '# Clean install of Windows Server 2019 on hv"$01 (installation media / WDS), then:\n' +
                    'Install-WindowsFeature -Name Hyper-V -IncludeManagementTools -Restart -ComputerName "hv`"`$01"',
                },
              ],
              operation: {
                kind: 'reinstall-host',
                host: { hostId, name: 'hv"$01', osVersion: 'WS2016', memoryMb: 262144 },
                targetOsVersion: 'WS2019',
              },
              requestedBy,
            },
          },
        },
      ]);
  });

  it('refuses to reinstall a host that is a node of a cluster', () => {
    spec
      .given([registered()])
      .when(reinstall('WS2019', { clusterId: 'c1' }))
      .thenThrows('HOST_NOT_EMPTY');
  });

  it('refuses to reinstall a host that hosts virtual machines', () => {
    spec
      .given([registered()])
      .when(reinstall('WS2019', { vmCount: 1 }))
      .thenThrows('HOST_NOT_EMPTY');
  });

  it('refuses to skip an OS version (two hops)', () => {
    spec
      .given([registered({ osVersion: 'WS2012R2' })])
      .when(reinstall('WS2019'))
      .thenThrows('UPGRADE_SKIPS_VERSION');
  });

  it('refuses to skip several OS versions (WS2016 to WS2025)', () => {
    spec
      .given([registered({ osVersion: 'WS2016' })])
      .when(reinstall('WS2025'))
      .thenThrows('UPGRADE_SKIPS_VERSION');
  });

  it('refuses to reinstall with the same OS version', () => {
    spec.given([registered()]).when(reinstall('WS2016')).thenThrows('UPGRADE_NOT_NEWER');
  });

  it('refuses to reinstall with an older OS version', () => {
    spec
      .given([registered({ osVersion: 'WS2019' })])
      .when(reinstall('WS2016'))
      .thenThrows('UPGRADE_NOT_NEWER');
  });

  it('refuses any reinstall of a WS2025 host: there is no newer version', () => {
    for (const target of OS_VERSIONS) {
      spec
        .given([registered({ osVersion: 'WS2025' })])
        .when(reinstall(target))
        .thenThrows('UPGRADE_NOT_NEWER');
    }
  });

  it('refuses to reinstall a WS2012R2 host without SLAT with WS2016', () => {
    spec
      .given([registered({ osVersion: 'WS2012R2', slat: false })])
      .when(reinstall('WS2016'))
      .thenThrows('SLAT_REQUIRED');
  });

  it('refuses a second reinstall while one is in progress', () => {
    spec
      .given(history([reinstall('WS2019')]))
      .when(reinstall('WS2019', { jobId: 'another-job' }))
      .thenThrows('OPERATION_PENDING');
  });

  it('refuses to reinstall an unknown host', () => {
    spec.given([]).when(reinstall('WS2019')).thenThrows('NOT_FOUND');
  });

  it('changes the OS when the reinstall completes', () => {
    spec
      .given(history([reinstall('WS2019')]))
      .when(complete())
      .then([reinstalled('WS2019')]);
  });

  it('moves on from the new OS after a completed reinstall', () => {
    const events = history([reinstall('WS2019'), complete()]);
    expect(fold(hostDecider, events)).toMatchObject({ osVersion: 'WS2019', reinstalling: null, lastFailure: null });
    spec
      .given(events)
      .when(reinstall('WS2022', { jobId: 'next-job' }))
      .then([reinstallRequested('WS2019', 'WS2022', { id: 'next-job', osLabel: 'Windows Server 2022' })]);
    spec
      .given(events)
      .when(reinstall('WS2019', { jobId: 'next-job' }))
      .thenThrows('UPGRADE_NOT_NEWER');
  });

  it('records a failed reinstall and keeps the old OS', () => {
    spec
      .given(history([reinstall('WS2019')]))
      .when(fail())
      .then([reinstallFailed()]);
    expect(fold(hostDecider, history([reinstall('WS2019'), fail()]))).toMatchObject({
      osVersion: 'WS2016',
      reinstalling: null,
    });
  });

  it('ignores a completion for another job', () => {
    spec
      .given(history([reinstall('WS2019')]))
      .when(complete('another-job'))
      .then([]);
  });

  it('ignores a failure for another job', () => {
    spec
      .given(history([reinstall('WS2019')]))
      .when(fail('another-job'))
      .then([]);
  });

  it('ignores a completion that arrives after the reinstall already completed', () => {
    spec
      .given(history([reinstall('WS2019'), complete()]))
      .when(complete())
      .then([]);
  });

  it('ignores a completion that arrives after the reinstall failed', () => {
    spec
      .given(history([reinstall('WS2019'), fail()]))
      .when(complete())
      .then([]);
  });

  it('ignores a failure that arrives after the reinstall completed', () => {
    spec
      .given(history([reinstall('WS2019'), complete()]))
      .when(fail())
      .then([]);
  });

  it('ignores outcomes when no reinstall was ever asked for', () => {
    spec.given([registered()]).when(complete()).then([]);
    spec.given([registered()]).when(fail()).then([]);
  });

  it('ignores outcomes for an unknown host', () => {
    spec.given([]).when(complete()).then([]);
    spec.given([]).when(fail()).then([]);
  });
});

describe('host decider: retrying a failed reinstall', () => {
  it('retries the failed reinstall as the same job with the next attempt and the same target', () => {
    spec
      .given(history([reinstall('WS2019'), fail()]))
      .when(retry())
      .then([reinstallRequested('WS2016', 'WS2019', { osLabel: 'Windows Server 2019', attempt: 2 })]);
  });

  it('counts attempts up over repeated failures', () => {
    spec
      .given(history([reinstall('WS2019'), fail(), retry(), fail()]))
      .when(retry())
      .then([reinstallRequested('WS2016', 'WS2019', { osLabel: 'Windows Server 2019', attempt: 3 })]);
  });

  it('completes the retried reinstall', () => {
    spec
      .given(history([reinstall('WS2019'), fail(), retry()]))
      .when(complete())
      .then([reinstalled('WS2019')]);
  });

  it('refuses to retry a job that is not the last failed one', () => {
    spec
      .given(history([reinstall('WS2019'), fail()]))
      .when(retry({ jobId: 'another-job' }))
      .thenThrows('JOB_NOT_RESTARTABLE');
  });

  it('refuses to retry when nothing failed', () => {
    spec.given([registered()]).when(retry()).thenThrows('JOB_NOT_RESTARTABLE');
  });

  it('refuses to retry a reinstall that is still running', () => {
    spec
      .given(history([reinstall('WS2019')]))
      .when(retry())
      .thenThrows('JOB_NOT_RESTARTABLE');
  });

  it('refuses to retry a failed reinstall while another reinstall is pending', () => {
    spec
      .given(history([reinstall('WS2019'), fail(), reinstall('WS2019', { jobId: 'another-job' })]))
      .when(retry())
      .thenThrows('JOB_NOT_RESTARTABLE');
  });

  it('refuses to retry a failed reinstall after a later reinstall succeeded', () => {
    spec
      .given(history([reinstall('WS2019'), fail(), reinstall('WS2019', { jobId: 'another-job' }), complete('another-job')]))
      .when(retry())
      .thenThrows('JOB_NOT_RESTARTABLE');
  });

  it('checks again that the host is empty when retrying', () => {
    spec
      .given(history([reinstall('WS2019'), fail()]))
      .when(retry({ vmCount: 2 }))
      .thenThrows('HOST_NOT_EMPTY');
    spec
      .given(history([reinstall('WS2019'), fail()]))
      .when(retry({ clusterId: 'c1' }))
      .thenThrows('HOST_NOT_EMPTY');
  });

  it('ignores a completion of the failed attempt once it was retried and failed again', () => {
    spec
      .given(history([reinstall('WS2019'), fail(), retry(), fail()]))
      .when(complete())
      .then([]);
  });

  it('refuses to retry on an unknown host', () => {
    spec.given([]).when(retry()).thenThrows('NOT_FOUND');
  });
});
