import { describe, it } from 'node:test';
import { expect } from 'expect';
import { deciderSpec } from '../../../test/support/decider-spec';
import { fold } from '../../platform/domain/decider';
import {
  clusterDecider,
  ExistingCluster,
  functionalLevelVerdict,
  isMixedMode,
  maxQuarantinedNodes,
  nodeState,
} from './cluster.decider';
import { ClusterCommand, HostCandidate, VmToPlace } from './cluster.commands';
import { ClusterEvent, DEFAULT_RESILIENCY, PlannedMove, ResiliencySettings } from './cluster.events';

/*
 * The cluster rules of DOMAIN.md ("Clusters") and issue 6: creation, joins and mixed mode, the
 * functional level, pause with drain, resume with failback, eviction, compute resiliency and
 * quarantine, each with its error code.
 */

const spec = deciderSpec(clusterDecider);
const clusterId = 'c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8';
const now = '2026-11-26T12:00:00.000Z';
const requestedBy = { actor: 'alice', role: 'fabric-admin' };
const problem = { code: 'OPERATION_FAILED', detail: 'The cluster service refused' };

/** `now` plus some seconds, as an ISO timestamp. */
const plus = (seconds: number) => new Date(Date.parse(now) + seconds * 1000).toISOString();
const minutes = (m: number) => plus(m * 60);

// ---------------------------------------------------------------------------------------------
// Facts and commands
// ---------------------------------------------------------------------------------------------

const pad = (n: number) => String(n).padStart(2, '0');

const candidate = (n: number, overrides: Partial<HostCandidate> = {}): HostCandidate => ({
  hostId: `host-${n}`,
  name: `hv${pad(n)}`,
  osVersion: 'WS2016',
  cpuVendor: 'Intel',
  memoryMb: 65536,
  logicalProcessors: 16,
  maximumLiveMigrations: 2,
  slat: true,
  hostState: 'Up',
  clusterId: null,
  ...overrides,
});

const hosts = (count: number, overrides: Partial<HostCandidate> = {}) =>
  Array.from({ length: count }, (_, i) => candidate(i + 1, overrides));

const vm = (vmId: string, overrides: Partial<VmToPlace> = {}): VmToPlace => ({
  vmId,
  name: vmId,
  hostId: 'host-1',
  memoryMb: 4096,
  configVersion: '8.0',
  processorCount: 2,
  power: 'Running',
  ...overrides,
});

type Cmd<T extends ClusterCommand['type']> = Extract<ClusterCommand, { type: T }>;
const requested = (jobId: string, at = now) => ({ jobId, requestedBy, now: at });

const create = (nodes: HostCandidate[], jobId = 'job-create'): Cmd<'CreateCluster'> => ({
  type: 'CreateCluster',
  clusterId,
  name: 'clu01',
  nodes,
  ...requested(jobId),
});
/** The whole request a CreateCluster of `nodes` records: its job, the nodes' facts and the default resiliency. */
const creationRequested = (nodes: HostCandidate[], functionalLevel: number, attempt = 1): ClusterEvent => {
  const refs = nodes.map((n) => ({ hostId: n.hostId, name: n.name, osVersion: n.osVersion, memoryMb: n.memoryMb }));
  return {
    type: 'ClusterCreationRequested',
    data: {
      clusterId,
      job: {
        jobId: 'job-create',
        attempt,
        kind: 'create-cluster',
        target: { type: 'cluster', id: clusterId },
        steps: [
          {
            name: `Create cluster clu01 from ${nodes.map((n) => n.name).join(', ')}`,
            powershell: `New-Cluster -Name "clu01" -Node ${nodes.map((n) => `"${n.name}"`).join(',')} -NoStorage`,
          },
        ],
        operation: { kind: 'create-cluster', host: refs[0], cluster: { clusterId, name: 'clu01' }, nodes: refs },
        requestedBy,
        tenant: null,
      },
      requestedAt: now,
      name: 'clu01',
      functionalLevel,
      nodes: nodes.map((n) => ({
        hostId: n.hostId,
        name: n.name,
        osVersion: n.osVersion,
        cpuVendor: n.cpuVendor,
        memoryMb: n.memoryMb,
        logicalProcessors: n.logicalProcessors,
        maximumLiveMigrations: n.maximumLiveMigrations,
      })),
      resiliency: {
        resiliencyLevel: 'AlwaysIsolate',
        resiliencyPeriodSeconds: 240,
        quarantineThreshold: 3,
        quarantineDurationSeconds: 7200,
      },
    },
  };
};
const add = (node: HostCandidate, jobId = `job-add-${node.hostId}`, at = now): Cmd<'AddClusterNode'> => ({
  type: 'AddClusterNode',
  node,
  ...requested(jobId, at),
});
const pause = (
  hostId: string,
  vms: VmToPlace[] = [],
  loads: Record<string, number> = {},
  jobId = `job-drain-${hostId}`,
  drain = true,
): Cmd<'PauseClusterNode'> => ({ type: 'PauseClusterNode', hostId, drain, vms, loads, ...requested(jobId) });
const resume = (
  hostId: string,
  failback: boolean,
  vms: VmToPlace[] = [],
  loads: Record<string, number> = {},
  jobId = `job-resume-${hostId}`,
): Cmd<'ResumeClusterNode'> => ({ type: 'ResumeClusterNode', hostId, failback, vms, loads, ...requested(jobId) });
const evict = (hostId: string, vmCount = 0, jobId = `job-evict-${hostId}`, force = false): Cmd<'EvictClusterNode'> => ({
  type: 'EvictClusterNode',
  hostId,
  vmCount,
  ...(force ? { force } : {}),
  ...requested(jobId),
});
const raise = (jobId = 'job-raise'): Cmd<'RaiseFunctionalLevel'> => ({ type: 'RaiseFunctionalLevel', ...requested(jobId) });
const clear = (hostId: string, jobId = `job-clear-${hostId}`, at = now): Cmd<'ClearNodeQuarantine'> => ({
  type: 'ClearNodeQuarantine',
  hostId,
  ...requested(jobId, at),
});
const setResiliency = (settings: Partial<ResiliencySettings>): Cmd<'SetClusterResiliency'> => ({
  type: 'SetClusterResiliency',
  settings,
  now,
});
const setVmPeriod = (vmId: string, resiliencyPeriodSeconds: number | null): Cmd<'SetVmResiliencyPeriod'> => ({
  type: 'SetVmResiliencyPeriod',
  vmId,
  resiliencyPeriodSeconds,
  now,
});
const heartbeatLost = (
  hostId: string,
  vms: VmToPlace[] = [],
  at = now,
  isolationId = 'iso-1',
  loads: Record<string, number> = {},
): Cmd<'ReportNodeHeartbeatLost'> => ({ type: 'ReportNodeHeartbeatLost', hostId, isolationId, vms, loads, now: at });
const crashed = (
  hostId: string,
  at = now,
  vms: VmToPlace[] = [],
  loads: Record<string, number> = {},
): Cmd<'ReportNodeCrashed'> => ({
  type: 'ReportNodeCrashed',
  hostId,
  vms,
  loads,
  now: at,
});
const restored = (hostId: string, at = now): Cmd<'ReportNodeHeartbeatRestored'> => ({
  type: 'ReportNodeHeartbeatRestored',
  hostId,
  now: at,
});
const expireIsolation = (
  hostId: string,
  at: string,
  vms: VmToPlace[] = [],
  isolationId = 'iso-1',
  loads: Record<string, number> = {},
): Cmd<'ExpireNodeIsolation'> => ({ type: 'ExpireNodeIsolation', hostId, isolationId, vms, loads, now: at });
const expireQuarantine = (hostId: string, at: string): Cmd<'ExpireNodeQuarantine'> => ({
  type: 'ExpireNodeQuarantine',
  hostId,
  now: at,
});
const retry = (jobId: string, vms?: VmToPlace[], loads?: Record<string, number>): Cmd<'RetryClusterOperation'> => ({
  type: 'RetryClusterOperation',
  ...requested(jobId),
  ...(vms ? { vms } : {}),
  ...(loads ? { loads } : {}),
});
const complete = (jobId: string, at = now): Cmd<'CompleteClusterOperation'> => ({
  type: 'CompleteClusterOperation',
  jobId,
  now: at,
});
const fail = (jobId: string, at = now): Cmd<'FailClusterOperation'> => ({
  type: 'FailClusterOperation',
  jobId,
  problem,
  now: at,
});

/** Runs commands one after another over the events they produce, like the command handler does. */
function run(commands: readonly ClusterCommand[], start: readonly ClusterEvent[] = []): ClusterEvent[] {
  const events = [...start];
  for (const command of commands) events.push(...clusterDecider.decide(command, fold(clusterDecider, events)));
  return events;
}

/** The events one more command causes after a history. */
const decide = (events: readonly ClusterEvent[], command: ClusterCommand) =>
  clusterDecider.decide(command, fold(clusterDecider, events));

const stateOf = (events: readonly ClusterEvent[]) => fold(clusterDecider, events) as ExistingCluster;
const nodeOf = (events: readonly ClusterEvent[], hostId: string) => stateOf(events).nodes.find((n) => n.hostId === hostId);
const nodeStateOf = (events: readonly ClusterEvent[], hostId: string) => {
  const node = nodeOf(events, hostId);
  return node ? nodeState(node) : 'absent';
};

const activeCluster = (nodes: HostCandidate[] = hosts(4)) => run([create(nodes), complete('job-create')]);

/** A WS2012R2 cluster (level 8) of hv01 and hv02 that took a WS2016 node, hv03: mixed mode. */
const mixedCluster = () =>
  run(
    [add(candidate(3), 'job-add-3', minutes(10)), complete('job-add-3')],
    activeCluster([candidate(1, { osVersion: 'WS2012R2' }), candidate(2, { osVersion: 'WS2012R2' })]),
  );

/** The mixed cluster after a rolling upgrade: hv01 reinstalled with WS2016, hv02 gone; still level 8. */
const upgradedCluster = () =>
  run(
    [
      pause('host-1'),
      complete('job-drain-host-1'),
      evict('host-1'),
      complete('job-evict-host-1'),
      pause('host-2'),
      complete('job-drain-host-2'),
      evict('host-2'),
      complete('job-evict-host-2'),
      add(candidate(1), 'job-readd-1'),
      complete('job-readd-1'),
    ],
    mixedCluster(),
  );

/** Three ungraceful failures of a node within the hour (the node comes back between them). */
const threeCrashes = (hostId: string, start: readonly ClusterEvent[], at = [0, 10, 20]) =>
  run(
    [
      crashed(hostId, minutes(at[0])),
      restored(hostId, minutes(at[0] + 1)),
      crashed(hostId, minutes(at[1])),
      restored(hostId, minutes(at[1] + 1)),
      crashed(hostId, minutes(at[2])),
    ],
    start,
  );

const types = (events: readonly ClusterEvent[]) => events.map((e) => e.type);

/** A node without VMs fails: nothing to move. */
const nodeFailed = (hostId: string, at: string): ClusterEvent => ({
  type: 'ClusterNodeFailed',
  data: { clusterId, hostId, reason: 'crashed', moves: [], unplaceable: [], at },
});
const quarantinedFor = (hostId: string, failures: string[], until: string | null): ClusterEvent => ({
  type: 'ClusterNodeQuarantined',
  data: { clusterId, hostId, until, failures, at: failures[failures.length - 1] },
});
/** Two hours after the third failure: the default quarantine. */
const twoHoursAfter = (at: string) => new Date(Date.parse(at) + 7200 * 1000).toISOString();
const movesOf = (events: readonly ClusterEvent[]): PlannedMove[] => (events[0].data as { moves: PlannedMove[] }).moves;

// ---------------------------------------------------------------------------------------------
// Creation
// ---------------------------------------------------------------------------------------------

describe('CreateCluster', () => {
  it('records the creation with its nodes, the default resiliency and a create-cluster job on the cluster', () => {
    spec
      .given([])
      .when(create(hosts(2)))
      .then([creationRequested(hosts(2), 9)]);
  });

  it('takes the functional level from the OS table: WS2012R2 → 8', () => {
    spec
      .given([])
      .when(create(hosts(2, { osVersion: 'WS2012R2', slat: false })))
      .then([creationRequested(hosts(2, { osVersion: 'WS2012R2', slat: false }), 8)]);
  });

  it('takes the functional level from the OS table: WS2016 → 9, WS2019 → 10', () => {
    spec
      .given([])
      .when(create(hosts(2)))
      .then([creationRequested(hosts(2), 9)]);
    spec
      .given([])
      .when(create(hosts(2, { osVersion: 'WS2019' })))
      .then([creationRequested(hosts(2, { osVersion: 'WS2019' }), 10)]);
  });

  it('refuses hosts of more than one OS (CLUSTER_OS_MISMATCH)', () => {
    spec
      .given([])
      .when(create([candidate(1, { osVersion: 'WS2012R2' }), candidate(2)]))
      .thenThrows('CLUSTER_OS_MISMATCH');
  });

  it('refuses a cluster without nodes (VALIDATION_FAILED)', () => {
    spec.given([]).when(create([])).thenThrows('VALIDATION_FAILED');
  });

  it('refuses a host listed twice (VALIDATION_FAILED)', () => {
    spec
      .given([])
      .when(create([candidate(1), candidate(1)]))
      .thenThrows('VALIDATION_FAILED');
  });

  it('accepts 64 nodes', () => {
    spec
      .given([])
      .when(create(hosts(64)))
      .thenMatches((events) => expect((events[0].data as { nodes: unknown[] }).nodes).toHaveLength(64));
  });

  it('refuses 65 nodes (CLUSTER_NODE_LIMIT)', () => {
    spec
      .given([])
      .when(create(hosts(65)))
      .thenThrows('CLUSTER_NODE_LIMIT');
  });

  it('refuses a host that is already a node of a cluster (HOST_ALREADY_CLUSTERED)', () => {
    spec
      .given([])
      .when(create([candidate(1), candidate(2, { clusterId: 'other-cluster' })]))
      .thenThrows('HOST_ALREADY_CLUSTERED');
  });

  for (const hostState of ['Down', 'Reinstalling', 'Maintenance']) {
    it(`refuses a host that is ${hostState}, not Up (HOST_NOT_AVAILABLE)`, () => {
      spec
        .given([])
        .when(create([candidate(1), candidate(2, { hostState })]))
        .thenThrows('HOST_NOT_AVAILABLE');
    });
  }

  it('refuses a WS2016 host without SLAT (SLAT_REQUIRED)', () => {
    spec
      .given([])
      .when(create([candidate(1), candidate(2, { slat: false })]))
      .thenThrows('SLAT_REQUIRED');
  });

  it('refuses to create a cluster that exists (CLUSTER_ALREADY_EXISTS)', () => {
    spec
      .given(activeCluster())
      .when(create(hosts(2), 'job-again'))
      .thenThrows('CLUSTER_ALREADY_EXISTS');
  });

  it('keeps the nodes Joining until the job succeeds', () => {
    const events = run([create(hosts(2))]);
    expect(stateOf(events).status).toBe('Creating');
    expect(nodeStateOf(events, 'host-1')).toBe('Joining');
  });

  it('records ClusterCreated on completion and every node is Up', () => {
    const events = run([create(hosts(3))]);
    spec
      .given(events)
      .when(complete('job-create', plus(30)))
      .then([{ type: 'ClusterCreated', data: { clusterId, jobId: 'job-create', at: plus(30) } }]);
    const after = run([complete('job-create')], events);
    expect(stateOf(after).status).toBe('Active');
    expect(stateOf(after).nodes.map(nodeState)).toEqual(['Up', 'Up', 'Up']);
  });

  it('records ClusterCreationFailed with the hosts whose membership it undoes', () => {
    spec
      .given(run([create(hosts(3))]))
      .when(fail('job-create'))
      .then([
        {
          type: 'ClusterCreationFailed',
          data: { clusterId, jobId: 'job-create', problem, at: now, hostIds: ['host-1', 'host-2', 'host-3'] },
        },
      ]);
  });

  it('ignores the outcome of a job it does not know', () => {
    spec
      .given(run([create(hosts(2))]))
      .when(complete('job-other'))
      .then([]);
    spec
      .given(run([create(hosts(2))]))
      .when(fail('job-other'))
      .then([]);
  });

  it('refuses node operations until the cluster is created', () => {
    spec
      .given(run([create(hosts(2))]))
      .when(add(candidate(3)))
      .thenThrows('INVALID_NODE_STATE');
  });

  it('may be asked for again after a failed creation (attempt 2)', () => {
    spec
      .given(run([create(hosts(2)), fail('job-create')]))
      .when(create(hosts(2), 'job-create'))
      .then([creationRequested(hosts(2), 9, 2)]);
  });
});

// ---------------------------------------------------------------------------------------------
// Joins and mixed mode
// ---------------------------------------------------------------------------------------------

describe('AddClusterNode', () => {
  const level8 = () => activeCluster([candidate(1, { osVersion: 'WS2012R2' }), candidate(2, { osVersion: 'WS2012R2' })]);
  /** The whole request to add WS2016 host n to clu01. */
  const nodeAdditionRequested = (n: number, mixedMode: boolean, at: string): ClusterEvent => ({
    type: 'ClusterNodeAdditionRequested',
    data: {
      clusterId,
      job: {
        jobId: `job-add-${n}`,
        attempt: 1,
        kind: 'add-cluster-node',
        target: { type: 'cluster', id: clusterId },
        steps: [{ name: `Add node hv0${n} to cluster clu01`, powershell: `Add-ClusterNode -Cluster "clu01" -Name "hv0${n}"` }],
        operation: {
          kind: 'add-cluster-node',
          host: { hostId: `host-${n}`, name: `hv0${n}`, osVersion: 'WS2016', memoryMb: 65536 },
          cluster: { clusterId, name: 'clu01' },
        },
        requestedBy,
        tenant: null,
      },
      requestedAt: at,
      node: {
        hostId: `host-${n}`,
        name: `hv0${n}`,
        osVersion: 'WS2016',
        cpuVendor: 'Intel',
        memoryMb: 65536,
        logicalProcessors: 16,
        maximumLiveMigrations: 2,
      },
      mixedMode,
    },
  });

  it('accepts a WS2016 node into a level-8 cluster: mixed mode from the request on', () => {
    const events = level8();
    spec
      .given(events)
      .when(add(candidate(3), 'job-add-3', minutes(10)))
      .then([nodeAdditionRequested(3, true, minutes(10))]);
    const joining = run([add(candidate(3), 'job-add-3', minutes(10))], events);
    expect(stateOf(joining).mixedModeSince).toBe(minutes(10));
    expect(nodeStateOf(joining, 'host-3')).toBe('Joining');
    const joined = run([complete('job-add-3', minutes(12))], joining);
    expect(types(joined).at(-1)).toBe('ClusterNodeAdded');
    expect(nodeStateOf(joined, 'host-3')).toBe('Up');
    expect(stateOf(joined).functionalLevel).toBe(8);
    expect(isMixedMode(stateOf(joined))).toBe(true);
    expect(stateOf(joined).mixedModeSince).toBe(minutes(10));
  });

  it('keeps the first mixed-mode time when a second newer node joins', () => {
    const events = run([add(candidate(4), 'job-add-4', minutes(30)), complete('job-add-4')], mixedCluster());
    expect(stateOf(events).mixedModeSince).toBe(minutes(10));
  });

  it('accepts a node of the same OS without mixed mode', () => {
    spec
      .given(activeCluster(hosts(2)))
      .when(add(candidate(3), 'job-add-3'))
      .then([nodeAdditionRequested(3, false, now)]);
  });

  it('refuses a WS2019 node into a level-8 cluster: two versions up (NODE_OS_TOO_NEW)', () => {
    spec
      .given(level8())
      .when(add(candidate(3, { osVersion: 'WS2019' })))
      .thenThrows('NODE_OS_TOO_NEW');
  });

  it('refuses a WS2012R2 node into a level-9 cluster (NODE_OS_TOO_OLD)', () => {
    spec
      .given(activeCluster(hosts(2)))
      .when(add(candidate(3, { osVersion: 'WS2012R2', slat: false })))
      .thenThrows('NODE_OS_TOO_OLD');
  });

  it('refuses a 65th node (CLUSTER_NODE_LIMIT)', () => {
    spec
      .given(activeCluster(hosts(64)))
      .when(add(candidate(65)))
      .thenThrows('CLUSTER_NODE_LIMIT');
  });

  it('accepts a 64th node', () => {
    spec
      .given(activeCluster(hosts(63)))
      .when(add(candidate(64)))
      .then([
        {
          type: 'ClusterNodeAdditionRequested',
          data: {
            clusterId,
            job: {
              jobId: 'job-add-host-64',
              attempt: 1,
              kind: 'add-cluster-node',
              target: { type: 'cluster', id: clusterId },
              steps: [
                {
                  name: 'Add node hv64 to cluster clu01',
                  powershell: 'Add-ClusterNode -Cluster "clu01" -Name "hv64"',
                },
              ],
              operation: {
                kind: 'add-cluster-node',
                host: { hostId: 'host-64', name: 'hv64', osVersion: 'WS2016', memoryMb: 65536 },
                cluster: { clusterId, name: 'clu01' },
              },
              requestedBy,
              tenant: null,
            },
            requestedAt: now,
            node: {
              hostId: 'host-64',
              name: 'hv64',
              osVersion: 'WS2016',
              cpuVendor: 'Intel',
              memoryMb: 65536,
              logicalProcessors: 16,
              maximumLiveMigrations: 2,
            },
            mixedMode: false,
          },
        },
      ]);
  });

  it('refuses a host of another cluster, or a node of this one (HOST_ALREADY_CLUSTERED)', () => {
    spec
      .given(activeCluster(hosts(2)))
      .when(add(candidate(3, { clusterId: 'other' })))
      .thenThrows('HOST_ALREADY_CLUSTERED');
    spec
      .given(activeCluster(hosts(2)))
      .when(add(candidate(2)))
      .thenThrows('HOST_ALREADY_CLUSTERED');
  });

  it('refuses a host that is not Up (HOST_NOT_AVAILABLE)', () => {
    spec
      .given(activeCluster(hosts(2)))
      .when(add(candidate(3, { hostState: 'Reinstalling' })))
      .thenThrows('HOST_NOT_AVAILABLE');
  });

  it('removes the joining node when the join fails, and mixed mode with it', () => {
    const joining = run([add(candidate(3), 'job-add-3', minutes(10))], level8());
    spec
      .given(joining)
      .when(fail('job-add-3'))
      .then([
        { type: 'ClusterNodeAdditionFailed', data: { clusterId, jobId: 'job-add-3', problem, at: now, hostIds: ['host-3'] } },
      ]);
    const after = run([fail('job-add-3')], joining);
    expect(nodeOf(after, 'host-3')).toBeUndefined();
    expect(stateOf(after).nodes).toHaveLength(2);
    expect(isMixedMode(stateOf(after))).toBe(false);
    expect(stateOf(after).mixedModeSince).toBeNull();
  });

  it('refuses a join while the functional level is being raised (OPERATION_PENDING)', () => {
    spec
      .given(run([raise()], upgradedCluster()))
      .when(add(candidate(5)))
      .thenThrows('OPERATION_PENDING');
  });
});

// ---------------------------------------------------------------------------------------------
// Functional level
// ---------------------------------------------------------------------------------------------

describe('RaiseFunctionalLevel', () => {
  it('is blocked while a WS2012R2 node remains (FUNCTIONAL_LEVEL_BLOCKED, with the blockers)', () => {
    const events = mixedCluster();
    spec.given(events).when(raise()).thenThrows('FUNCTIONAL_LEVEL_BLOCKED');
    let details: unknown;
    try {
      decide(events, raise());
    } catch (error) {
      details = (error as { details: unknown }).details;
    }
    expect(details).toEqual({
      blockers: ['node hv01 runs WS2012R2, not WS2016', 'node hv02 runs WS2012R2, not WS2016'],
    });
  });

  it('answers the whatIf question with the same blockers, without recording anything', () => {
    expect(functionalLevelVerdict(stateOf(mixedCluster()))).toEqual({
      fromLevel: 8,
      toLevel: 9,
      canRaise: false,
      blockers: ['node hv01 runs WS2012R2, not WS2016', 'node hv02 runs WS2012R2, not WS2016'],
    });
    expect(functionalLevelVerdict(stateOf(upgradedCluster()))).toEqual({
      fromLevel: 8,
      toLevel: 9,
      canRaise: true,
      blockers: [],
    });
  });

  it('is blocked while a node is Paused', () => {
    const events = run([pause('host-3', [], {}, 'job-p3', false)], upgradedCluster());
    expect(functionalLevelVerdict(stateOf(events)).blockers).toEqual(['node hv03 is Paused, not Up']);
    spec
      .given(run([complete('job-p3')], events))
      .when(raise())
      .thenThrows('FUNCTIONAL_LEVEL_BLOCKED');
  });

  it('is blocked while a node is Down', () => {
    const events = run([crashed('host-1')], upgradedCluster());
    expect(functionalLevelVerdict(stateOf(events)).blockers).toEqual(['node hv01 is Down, not Up']);
    spec.given(events).when(raise()).thenThrows('FUNCTIONAL_LEVEL_BLOCKED');
  });

  it('is blocked when the cluster is already at its nodes’ level', () => {
    const verdict = functionalLevelVerdict(stateOf(activeCluster(hosts(2))));
    expect(verdict).toMatchObject({ fromLevel: 9, toLevel: 9, canRaise: false });
    expect(verdict.blockers).toEqual(["the cluster is already at functional level 9, its nodes' level"]);
    spec
      .given(activeCluster(hosts(2)))
      .when(raise())
      .thenThrows('FUNCTIONAL_LEVEL_BLOCKED');
  });

  it('is accepted when every node runs WS2016 and is Up, and the level is 9 after completion, mixed mode off', () => {
    const events = upgradedCluster();
    expect(isMixedMode(stateOf(events))).toBe(true);
    spec
      .given(events)
      .when(raise())
      .then([
        {
          type: 'ClusterFunctionalLevelRaiseRequested',
          data: {
            clusterId,
            job: {
              jobId: 'job-raise',
              attempt: 1,
              kind: 'raise-functional-level',
              target: { type: 'cluster', id: clusterId },
              steps: [
                {
                  name: 'Raise the functional level of cluster clu01 to 9',
                  powershell: 'Update-ClusterFunctionalLevel -Cluster "clu01" -Force',
                },
              ],
              operation: {
                kind: 'raise-functional-level',
                host: { hostId: 'host-3', name: 'hv03', osVersion: 'WS2016', memoryMb: 65536 },
                cluster: { clusterId, name: 'clu01' },
                toLevel: 9,
              },
              requestedBy,
              tenant: null,
            },
            requestedAt: now,
            fromLevel: 8,
            toLevel: 9,
          },
        },
      ]);
    const raising = run([raise()], events);
    expect(stateOf(raising).functionalLevel).toBe(8);
    spec
      .given(raising)
      .when(complete('job-raise'))
      .then([{ type: 'ClusterFunctionalLevelRaised', data: { clusterId, jobId: 'job-raise', functionalLevel: 9, at: now } }]);
    const raised = run([complete('job-raise')], raising);
    expect(stateOf(raised).functionalLevel).toBe(9);
    expect(isMixedMode(stateOf(raised))).toBe(false);
    expect(stateOf(raised).mixedModeSince).toBeNull();
  });

  it('is irreversible: afterwards a WS2012R2 host cannot join (NODE_OS_TOO_OLD)', () => {
    const raised = run([raise(), complete('job-raise')], upgradedCluster());
    spec
      .given(raised)
      .when(add(candidate(7, { osVersion: 'WS2012R2', slat: false })))
      .thenThrows('NODE_OS_TOO_OLD');
    spec.given(raised).when(raise('job-raise-again')).thenThrows('FUNCTIONAL_LEVEL_BLOCKED');
  });

  it('leaves the level as it was when the raise fails', () => {
    const events = run([raise(), fail('job-raise')], upgradedCluster());
    expect(types(events).at(-1)).toBe('ClusterFunctionalLevelRaiseFailed');
    expect(stateOf(events).functionalLevel).toBe(8);
  });

  it('waits for other cluster operations (OPERATION_PENDING)', () => {
    spec
      .given(run([pause('host-3', [], {}, 'job-p3', false)], upgradedCluster()))
      .when(raise())
      .thenThrows('OPERATION_PENDING');
  });
});

// ---------------------------------------------------------------------------------------------
// Pause with drain
// ---------------------------------------------------------------------------------------------

describe('PauseClusterNode', () => {
  it('plans live moves for Running and Paused VMs and quick moves for Off and Saved ones', () => {
    const vms = [
      vm('vm-run', { power: 'Running' }),
      vm('vm-paused', { power: 'Paused', memoryMb: 2048 }),
      vm('vm-off', { power: 'Off', memoryMb: 8192 }),
      vm('vm-saved', { power: 'Saved', memoryMb: 1024 }),
    ];
    spec
      .given(activeCluster())
      .when(pause('host-1', vms, { 'host-2': 10000, 'host-3': 20000, 'host-4': 30000 }))
      .then([
        {
          type: 'ClusterNodeDrainRequested',
          data: {
            clusterId,
            job: {
              jobId: 'job-drain-host-1',
              attempt: 1,
              kind: 'drain-node',
              target: { type: 'cluster', id: clusterId },
              steps: [
                {
                  name: 'Pause node hv01 and drain its roles',
                  powershell: 'Suspend-ClusterNode -Cluster "clu01" -Name "hv01" -Drain',
                },
                {
                  name: 'Move vm-off to hv02 (quick migration)',
                  powershell: 'Move-ClusterVirtualMachineRole -Cluster "clu01" -Name "vm-off" -Node "hv02" -MigrationType Quick',
                },
                {
                  name: 'Move vm-run to hv02 (live migration)',
                  powershell: 'Move-ClusterVirtualMachineRole -Cluster "clu01" -Name "vm-run" -Node "hv02" -MigrationType Live',
                },
                {
                  name: 'Move vm-paused to hv02 (live migration)',
                  powershell:
                    'Move-ClusterVirtualMachineRole -Cluster "clu01" -Name "vm-paused" -Node "hv02" -MigrationType Live',
                },
                {
                  name: 'Move vm-saved to hv02 (quick migration)',
                  powershell:
                    'Move-ClusterVirtualMachineRole -Cluster "clu01" -Name "vm-saved" -Node "hv02" -MigrationType Quick',
                },
              ],
              operation: {
                kind: 'drain-node',
                drain: true,
                host: { hostId: 'host-1', name: 'hv01', osVersion: 'WS2016', memoryMb: 65536 },
                cluster: { clusterId, name: 'clu01' },
                moves: [
                  {
                    vmId: 'vm-off',
                    vmName: 'vm-off',
                    fromHostId: 'host-1',
                    toHostId: 'host-2',
                    toHostName: 'hv02',
                    migrationType: 'Quick',
                  },
                  {
                    vmId: 'vm-run',
                    vmName: 'vm-run',
                    fromHostId: 'host-1',
                    toHostId: 'host-2',
                    toHostName: 'hv02',
                    migrationType: 'Live',
                  },
                  {
                    vmId: 'vm-paused',
                    vmName: 'vm-paused',
                    fromHostId: 'host-1',
                    toHostId: 'host-2',
                    toHostName: 'hv02',
                    migrationType: 'Live',
                  },
                  {
                    vmId: 'vm-saved',
                    vmName: 'vm-saved',
                    fromHostId: 'host-1',
                    toHostId: 'host-2',
                    toHostName: 'hv02',
                    migrationType: 'Quick',
                  },
                ],
              },
              requestedBy,
              tenant: null,
            },
            requestedAt: now,
            hostId: 'host-1',
            moves: [
              {
                vmId: 'vm-off',
                vmName: 'vm-off',
                fromHostId: 'host-1',
                toHostId: 'host-2',
                toHostName: 'hv02',
                migrationType: 'Quick',
              },
              {
                vmId: 'vm-run',
                vmName: 'vm-run',
                fromHostId: 'host-1',
                toHostId: 'host-2',
                toHostName: 'hv02',
                migrationType: 'Live',
              },
              {
                vmId: 'vm-paused',
                vmName: 'vm-paused',
                fromHostId: 'host-1',
                toHostId: 'host-2',
                toHostName: 'hv02',
                migrationType: 'Live',
              },
              {
                vmId: 'vm-saved',
                vmName: 'vm-saved',
                fromHostId: 'host-1',
                toHostId: 'host-2',
                toHostName: 'hv02',
                migrationType: 'Quick',
              },
            ],
            unplaceable: [],
          },
        },
      ]);
  });

  it('moves the biggest VM first and counts memory so that no node is overcommitted, ties by node name', () => {
    const small = hosts(4, { memoryMb: 16384 });
    const events = run([pause('host-4', [], {}, 'job-p4', false)], activeCluster(small));
    const vms = [vm('vm-4g', { memoryMb: 4096 }), vm('vm-8g', { memoryMb: 8192 }), vm('vm-6g', { memoryMb: 6144 })];
    // hv02 has 10240 MB free, hv03 12288; hv04 is Paused.
    spec
      .given(events)
      .when(pause('host-1', vms, { 'host-2': 6144, 'host-3': 4096 }))
      .then([
        {
          type: 'ClusterNodeDrainRequested',
          data: {
            clusterId,
            job: {
              jobId: 'job-drain-host-1',
              attempt: 1,
              kind: 'drain-node',
              target: { type: 'cluster', id: clusterId },
              steps: [
                {
                  name: 'Pause node hv01 and drain its roles',
                  powershell: 'Suspend-ClusterNode -Cluster "clu01" -Name "hv01" -Drain',
                },
                {
                  name: 'Move vm-8g to hv03 (live migration)',
                  powershell: 'Move-ClusterVirtualMachineRole -Cluster "clu01" -Name "vm-8g" -Node "hv03" -MigrationType Live',
                },
                {
                  name: 'Move vm-6g to hv02 (live migration)',
                  powershell: 'Move-ClusterVirtualMachineRole -Cluster "clu01" -Name "vm-6g" -Node "hv02" -MigrationType Live',
                },
                {
                  name: 'Move vm-4g to hv02 (live migration)',
                  powershell: 'Move-ClusterVirtualMachineRole -Cluster "clu01" -Name "vm-4g" -Node "hv02" -MigrationType Live',
                },
              ],
              operation: {
                kind: 'drain-node',
                drain: true,
                host: { hostId: 'host-1', name: 'hv01', osVersion: 'WS2016', memoryMb: 16384 },
                cluster: { clusterId, name: 'clu01' },
                moves: [
                  {
                    vmId: 'vm-8g',
                    vmName: 'vm-8g',
                    fromHostId: 'host-1',
                    toHostId: 'host-3',
                    toHostName: 'hv03',
                    migrationType: 'Live',
                  },
                  {
                    vmId: 'vm-6g',
                    vmName: 'vm-6g',
                    fromHostId: 'host-1',
                    toHostId: 'host-2',
                    toHostName: 'hv02',
                    migrationType: 'Live',
                  },
                  {
                    vmId: 'vm-4g',
                    vmName: 'vm-4g',
                    fromHostId: 'host-1',
                    toHostId: 'host-2',
                    toHostName: 'hv02',
                    migrationType: 'Live',
                  },
                ],
              },
              requestedBy,
              tenant: null,
            },
            requestedAt: now,
            hostId: 'host-1',
            moves: [
              {
                vmId: 'vm-8g',
                vmName: 'vm-8g',
                fromHostId: 'host-1',
                toHostId: 'host-3',
                toHostName: 'hv03',
                migrationType: 'Live',
              },
              {
                vmId: 'vm-6g',
                vmName: 'vm-6g',
                fromHostId: 'host-1',
                toHostId: 'host-2',
                toHostName: 'hv02',
                migrationType: 'Live',
              },
              {
                vmId: 'vm-4g',
                vmName: 'vm-4g',
                fromHostId: 'host-1',
                toHostId: 'host-2',
                toHostName: 'hv02',
                migrationType: 'Live',
              },
            ],
            unplaceable: [],
          },
        },
      ]);
  });

  it('never moves a VM onto a Paused, Isolated, Down or Quarantined node', () => {
    let events = activeCluster(hosts(6));
    events = threeCrashes('host-5', events);
    expect(types(events).at(-1)).toBe('ClusterNodeQuarantined');
    events = run(
      [
        restored('host-5', minutes(25)),
        pause('host-2', [], {}, 'job-p2', false),
        heartbeatLost('host-3', [], minutes(26)),
        crashed('host-4', minutes(26)),
      ],
      events,
    );
    expect(['host-2', 'host-3', 'host-4', 'host-5'].map((h) => nodeStateOf(events, h))).toEqual([
      'Paused',
      'Isolated',
      'Down',
      'Quarantined',
    ]);
    // hv06 is the busiest node and the only one that may take the VMs.
    const vms = [vm('vm-a'), vm('vm-b', { power: 'Off' }), vm('vm-c', { power: 'Saved' })];
    spec
      .given(events)
      .when(pause('host-1', vms, { 'host-6': 50000 }))
      .then([
        {
          type: 'ClusterNodeDrainRequested',
          data: {
            clusterId,
            job: {
              jobId: 'job-drain-host-1',
              attempt: 1,
              kind: 'drain-node',
              target: { type: 'cluster', id: clusterId },
              steps: [
                {
                  name: 'Pause node hv01 and drain its roles',
                  powershell: 'Suspend-ClusterNode -Cluster "clu01" -Name "hv01" -Drain',
                },
                {
                  name: 'Move vm-a to hv06 (live migration)',
                  powershell: 'Move-ClusterVirtualMachineRole -Cluster "clu01" -Name "vm-a" -Node "hv06" -MigrationType Live',
                },
                {
                  name: 'Move vm-b to hv06 (quick migration)',
                  powershell: 'Move-ClusterVirtualMachineRole -Cluster "clu01" -Name "vm-b" -Node "hv06" -MigrationType Quick',
                },
                {
                  name: 'Move vm-c to hv06 (quick migration)',
                  powershell: 'Move-ClusterVirtualMachineRole -Cluster "clu01" -Name "vm-c" -Node "hv06" -MigrationType Quick',
                },
              ],
              operation: {
                kind: 'drain-node',
                drain: true,
                host: { hostId: 'host-1', name: 'hv01', osVersion: 'WS2016', memoryMb: 65536 },
                cluster: { clusterId, name: 'clu01' },
                moves: [
                  {
                    vmId: 'vm-a',
                    vmName: 'vm-a',
                    fromHostId: 'host-1',
                    toHostId: 'host-6',
                    toHostName: 'hv06',
                    migrationType: 'Live',
                  },
                  {
                    vmId: 'vm-b',
                    vmName: 'vm-b',
                    fromHostId: 'host-1',
                    toHostId: 'host-6',
                    toHostName: 'hv06',
                    migrationType: 'Quick',
                  },
                  {
                    vmId: 'vm-c',
                    vmName: 'vm-c',
                    fromHostId: 'host-1',
                    toHostId: 'host-6',
                    toHostName: 'hv06',
                    migrationType: 'Quick',
                  },
                ],
              },
              requestedBy,
              tenant: null,
            },
            requestedAt: now,
            hostId: 'host-1',
            moves: [
              {
                vmId: 'vm-a',
                vmName: 'vm-a',
                fromHostId: 'host-1',
                toHostId: 'host-6',
                toHostName: 'hv06',
                migrationType: 'Live',
              },
              {
                vmId: 'vm-b',
                vmName: 'vm-b',
                fromHostId: 'host-1',
                toHostId: 'host-6',
                toHostName: 'hv06',
                migrationType: 'Quick',
              },
              {
                vmId: 'vm-c',
                vmName: 'vm-c',
                fromHostId: 'host-1',
                toHostId: 'host-6',
                toHostName: 'hv06',
                migrationType: 'Quick',
              },
            ],
            unplaceable: [],
          },
        },
      ]);
  });

  it('never plans a live move across CPU vendors; an Off VM may cross', () => {
    const nodes = [candidate(1), candidate(2, { cpuVendor: 'AMD' }), candidate(3)];
    spec
      .given(activeCluster(nodes))
      .when(
        pause('host-1', [vm('vm-run'), vm('vm-paused', { power: 'Paused' }), vm('vm-off', { power: 'Off' })], {
          'host-3': 30000,
        }),
      )
      .then([
        {
          type: 'ClusterNodeDrainRequested',
          data: {
            clusterId,
            job: {
              jobId: 'job-drain-host-1',
              attempt: 1,
              kind: 'drain-node',
              target: { type: 'cluster', id: clusterId },
              steps: [
                {
                  name: 'Pause node hv01 and drain its roles',
                  powershell: 'Suspend-ClusterNode -Cluster "clu01" -Name "hv01" -Drain',
                },
                {
                  name: 'Move vm-off to hv02 (quick migration)',
                  powershell: 'Move-ClusterVirtualMachineRole -Cluster "clu01" -Name "vm-off" -Node "hv02" -MigrationType Quick',
                },
                {
                  name: 'Move vm-paused to hv03 (live migration)',
                  powershell:
                    'Move-ClusterVirtualMachineRole -Cluster "clu01" -Name "vm-paused" -Node "hv03" -MigrationType Live',
                },
                {
                  name: 'Move vm-run to hv03 (live migration)',
                  powershell: 'Move-ClusterVirtualMachineRole -Cluster "clu01" -Name "vm-run" -Node "hv03" -MigrationType Live',
                },
              ],
              operation: {
                kind: 'drain-node',
                drain: true,
                host: { hostId: 'host-1', name: 'hv01', osVersion: 'WS2016', memoryMb: 65536 },
                cluster: { clusterId, name: 'clu01' },
                moves: [
                  {
                    vmId: 'vm-off',
                    vmName: 'vm-off',
                    fromHostId: 'host-1',
                    toHostId: 'host-2',
                    toHostName: 'hv02',
                    migrationType: 'Quick',
                  },
                  {
                    vmId: 'vm-paused',
                    vmName: 'vm-paused',
                    fromHostId: 'host-1',
                    toHostId: 'host-3',
                    toHostName: 'hv03',
                    migrationType: 'Live',
                  },
                  {
                    vmId: 'vm-run',
                    vmName: 'vm-run',
                    fromHostId: 'host-1',
                    toHostId: 'host-3',
                    toHostName: 'hv03',
                    migrationType: 'Live',
                  },
                ],
              },
              requestedBy,
              tenant: null,
            },
            requestedAt: now,
            hostId: 'host-1',
            moves: [
              {
                vmId: 'vm-off',
                vmName: 'vm-off',
                fromHostId: 'host-1',
                toHostId: 'host-2',
                toHostName: 'hv02',
                migrationType: 'Quick',
              },
              {
                vmId: 'vm-paused',
                vmName: 'vm-paused',
                fromHostId: 'host-1',
                toHostId: 'host-3',
                toHostName: 'hv03',
                migrationType: 'Live',
              },
              {
                vmId: 'vm-run',
                vmName: 'vm-run',
                fromHostId: 'host-1',
                toHostId: 'host-3',
                toHostName: 'hv03',
                migrationType: 'Live',
              },
            ],
            unplaceable: [],
          },
        },
      ]);
  });

  it('never plans a Saved VM across CPU vendors (MigrateVm refuses it: CPU_VENDOR_MISMATCH)', () => {
    const nodes = [candidate(1), candidate(2, { cpuVendor: 'AMD' }), candidate(3)];
    spec
      .given(activeCluster(nodes))
      .when(pause('host-1', [vm('vm-saved', { power: 'Saved' })], { 'host-3': 30000 }))
      .then([
        {
          type: 'ClusterNodeDrainRequested',
          data: {
            clusterId,
            job: {
              jobId: 'job-drain-host-1',
              attempt: 1,
              kind: 'drain-node',
              target: { type: 'cluster', id: clusterId },
              steps: [
                {
                  name: 'Pause node hv01 and drain its roles',
                  powershell: 'Suspend-ClusterNode -Cluster "clu01" -Name "hv01" -Drain',
                },
                {
                  name: 'Move vm-saved to hv03 (quick migration)',
                  powershell:
                    'Move-ClusterVirtualMachineRole -Cluster "clu01" -Name "vm-saved" -Node "hv03" -MigrationType Quick',
                },
              ],
              operation: {
                kind: 'drain-node',
                drain: true,
                host: { hostId: 'host-1', name: 'hv01', osVersion: 'WS2016', memoryMb: 65536 },
                cluster: { clusterId, name: 'clu01' },
                moves: [
                  {
                    vmId: 'vm-saved',
                    vmName: 'vm-saved',
                    fromHostId: 'host-1',
                    toHostId: 'host-3',
                    toHostName: 'hv03',
                    migrationType: 'Quick',
                  },
                ],
              },
              requestedBy,
              tenant: null,
            },
            requestedAt: now,
            hostId: 'host-1',
            moves: [
              {
                vmId: 'vm-saved',
                vmName: 'vm-saved',
                fromHostId: 'host-1',
                toHostId: 'host-3',
                toHostName: 'hv03',
                migrationType: 'Quick',
              },
            ],
            unplaceable: [],
          },
        },
      ]);
  });

  it('refuses a drain when a VM fits nowhere (DRAIN_NOT_POSSIBLE), recording nothing', () => {
    spec
      .given(activeCluster())
      .when(pause('host-1', [vm('vm-small'), vm('vm-huge', { memoryMb: 131072 })]))
      .thenThrows('DRAIN_NOT_POSSIBLE');
  });

  it('refuses a drain when the only other node is quarantined (DRAIN_NOT_POSSIBLE)', () => {
    const events = run([restored('host-2', minutes(25))], threeCrashes('host-2', activeCluster(hosts(4))));
    const paused = run([pause('host-3', [], {}, 'job-p3', false), pause('host-4', [], {}, 'job-p4', false)], events);
    spec
      .given(paused)
      .when(pause('host-1', [vm('vm-a')]))
      .thenThrows('DRAIN_NOT_POSSIBLE');
  });

  it('ignores VMs of other nodes in the facts', () => {
    spec
      .given(activeCluster())
      .when(pause('host-1', [vm('vm-a'), vm('vm-elsewhere', { hostId: 'host-2' })]))
      .then([
        {
          type: 'ClusterNodeDrainRequested',
          data: {
            clusterId,
            job: {
              jobId: 'job-drain-host-1',
              attempt: 1,
              kind: 'drain-node',
              target: { type: 'cluster', id: clusterId },
              steps: [
                {
                  name: 'Pause node hv01 and drain its roles',
                  powershell: 'Suspend-ClusterNode -Cluster "clu01" -Name "hv01" -Drain',
                },
                {
                  name: 'Move vm-a to hv02 (live migration)',
                  powershell: 'Move-ClusterVirtualMachineRole -Cluster "clu01" -Name "vm-a" -Node "hv02" -MigrationType Live',
                },
              ],
              operation: {
                kind: 'drain-node',
                drain: true,
                host: { hostId: 'host-1', name: 'hv01', osVersion: 'WS2016', memoryMb: 65536 },
                cluster: { clusterId, name: 'clu01' },
                moves: [
                  {
                    vmId: 'vm-a',
                    vmName: 'vm-a',
                    fromHostId: 'host-1',
                    toHostId: 'host-2',
                    toHostName: 'hv02',
                    migrationType: 'Live',
                  },
                ],
              },
              requestedBy,
              tenant: null,
            },
            requestedAt: now,
            hostId: 'host-1',
            moves: [
              {
                vmId: 'vm-a',
                vmName: 'vm-a',
                fromHostId: 'host-1',
                toHostId: 'host-2',
                toHostName: 'hv02',
                migrationType: 'Live',
              },
            ],
            unplaceable: [],
          },
        },
      ]);
  });

  it('drains a Paused node again (what is left on it moves)', () => {
    spec
      .given(run([pause('host-1', [], {}, 'job-p1'), complete('job-p1')], activeCluster()))
      .when(pause('host-1', [], {}, 'job-again'))
      .then([
        {
          type: 'ClusterNodeDrainRequested',
          data: {
            clusterId,
            job: {
              jobId: 'job-again',
              attempt: 1,
              kind: 'drain-node',
              target: { type: 'cluster', id: clusterId },
              steps: [
                {
                  name: 'Pause node hv01 and drain its roles',
                  powershell: 'Suspend-ClusterNode -Cluster "clu01" -Name "hv01" -Drain',
                },
              ],
              operation: {
                kind: 'drain-node',
                drain: true,
                host: { hostId: 'host-1', name: 'hv01', osVersion: 'WS2016', memoryMb: 65536 },
                cluster: { clusterId, name: 'clu01' },
                moves: [],
              },
              requestedBy,
              tenant: null,
            },
            requestedAt: now,
            hostId: 'host-1',
            moves: [],
            unplaceable: [],
          },
        },
      ]);
  });

  for (const [label, setUp] of [
    ['Isolated', (e: ClusterEvent[]) => run([heartbeatLost('host-1')], e)],
    ['Down', (e: ClusterEvent[]) => run([crashed('host-1')], e)],
  ] as const) {
    it(`requires the node to be Up, not ${label} (INVALID_NODE_STATE)`, () => {
      spec
        .given(setUp(activeCluster()))
        .when(pause('host-1', [], {}, 'job-again'))
        .thenThrows('INVALID_NODE_STATE');
    });
  }

  it('refuses a host that is not a node of the cluster (NOT_FOUND)', () => {
    spec.given(activeCluster()).when(pause('host-9')).thenThrows('NOT_FOUND');
  });

  it('records an orchestrated drain-node job with one step for the node and one per move', () => {
    spec
      .given(activeCluster())
      .when(pause('host-1', [vm('vm-a'), vm('vm-b'), vm('vm-c', { power: 'Off' })]))
      .then([
        {
          type: 'ClusterNodeDrainRequested',
          data: {
            clusterId,
            job: {
              jobId: 'job-drain-host-1',
              attempt: 1,
              kind: 'drain-node',
              target: { type: 'cluster', id: clusterId },
              steps: [
                {
                  name: 'Pause node hv01 and drain its roles',
                  powershell: 'Suspend-ClusterNode -Cluster "clu01" -Name "hv01" -Drain',
                },
                {
                  name: 'Move vm-a to hv02 (live migration)',
                  powershell: 'Move-ClusterVirtualMachineRole -Cluster "clu01" -Name "vm-a" -Node "hv02" -MigrationType Live',
                },
                {
                  name: 'Move vm-b to hv03 (live migration)',
                  powershell: 'Move-ClusterVirtualMachineRole -Cluster "clu01" -Name "vm-b" -Node "hv03" -MigrationType Live',
                },
                {
                  name: 'Move vm-c to hv04 (quick migration)',
                  powershell: 'Move-ClusterVirtualMachineRole -Cluster "clu01" -Name "vm-c" -Node "hv04" -MigrationType Quick',
                },
              ],
              operation: {
                kind: 'drain-node',
                drain: true,
                host: { hostId: 'host-1', name: 'hv01', osVersion: 'WS2016', memoryMb: 65536 },
                cluster: { clusterId, name: 'clu01' },
                moves: [
                  {
                    vmId: 'vm-a',
                    vmName: 'vm-a',
                    fromHostId: 'host-1',
                    toHostId: 'host-2',
                    toHostName: 'hv02',
                    migrationType: 'Live',
                  },
                  {
                    vmId: 'vm-b',
                    vmName: 'vm-b',
                    fromHostId: 'host-1',
                    toHostId: 'host-3',
                    toHostName: 'hv03',
                    migrationType: 'Live',
                  },
                  {
                    vmId: 'vm-c',
                    vmName: 'vm-c',
                    fromHostId: 'host-1',
                    toHostId: 'host-4',
                    toHostName: 'hv04',
                    migrationType: 'Quick',
                  },
                ],
              },
              requestedBy,
              tenant: null,
            },
            requestedAt: now,
            hostId: 'host-1',
            moves: [
              {
                vmId: 'vm-a',
                vmName: 'vm-a',
                fromHostId: 'host-1',
                toHostId: 'host-2',
                toHostName: 'hv02',
                migrationType: 'Live',
              },
              {
                vmId: 'vm-b',
                vmName: 'vm-b',
                fromHostId: 'host-1',
                toHostId: 'host-3',
                toHostName: 'hv03',
                migrationType: 'Live',
              },
              {
                vmId: 'vm-c',
                vmName: 'vm-c',
                fromHostId: 'host-1',
                toHostId: 'host-4',
                toHostName: 'hv04',
                migrationType: 'Quick',
              },
            ],
            unplaceable: [],
          },
        },
      ]);
  });

  it('makes the node Paused right away, and records ClusterNodeDrained with the count on completion', () => {
    const draining = run([pause('host-1', [vm('vm-a'), vm('vm-b')], {}, 'job-drain')], activeCluster());
    expect(nodeStateOf(draining, 'host-1')).toBe('Paused');
    spec
      .given(draining)
      .when(complete('job-drain', plus(60)))
      .then([{ type: 'ClusterNodeDrained', data: { clusterId, jobId: 'job-drain', hostId: 'host-1', moved: 2, at: plus(60) } }]);
    expect(nodeStateOf(run([complete('job-drain')], draining), 'host-1')).toBe('Paused');
  });

  it('plans no moves without the drain flag (a single-step job)', () => {
    spec
      .given(activeCluster())
      .when(pause('host-1', [vm('vm-a'), vm('vm-huge', { memoryMb: 131072 })], {}, 'job-pause', false))
      .then([
        {
          type: 'ClusterNodeDrainRequested',
          data: {
            clusterId,
            job: {
              jobId: 'job-pause',
              attempt: 1,
              kind: 'drain-node',
              target: { type: 'cluster', id: clusterId },
              steps: [
                {
                  name: 'Pause node hv01',
                  powershell: 'Suspend-ClusterNode -Cluster "clu01" -Name "hv01"',
                },
              ],
              operation: {
                kind: 'drain-node',
                drain: false,
                host: { hostId: 'host-1', name: 'hv01', osVersion: 'WS2016', memoryMb: 65536 },
                cluster: { clusterId, name: 'clu01' },
                moves: [],
              },
              requestedBy,
              tenant: null,
            },
            requestedAt: now,
            hostId: 'host-1',
            moves: [],
            unplaceable: [],
          },
        },
      ]);
  });

  it('refuses a second operation on the same node while the drain runs (OPERATION_PENDING)', () => {
    const draining = run([pause('host-1', [vm('vm-a')], {}, 'job-drain')], activeCluster());
    spec.given(draining).when(evict('host-1')).thenThrows('OPERATION_PENDING');
    spec.given(draining).when(resume('host-1', false)).thenThrows('OPERATION_PENDING');
    spec
      .given(draining)
      .when(pause('host-1', [], {}, 'job-drain-2'))
      .thenThrows('OPERATION_PENDING');
  });

  it('lets another node be paused meanwhile, and plans nothing onto the draining one', () => {
    const draining = run([pause('host-1', [], {}, 'job-drain')], activeCluster());
    spec
      .given(draining)
      .when(pause('host-2', [vm('vm-x', { hostId: 'host-2' })], { 'host-3': 1000, 'host-4': 2000 }))
      .then([
        {
          type: 'ClusterNodeDrainRequested',
          data: {
            clusterId,
            job: {
              jobId: 'job-drain-host-2',
              attempt: 1,
              kind: 'drain-node',
              target: { type: 'cluster', id: clusterId },
              steps: [
                {
                  name: 'Pause node hv02 and drain its roles',
                  powershell: 'Suspend-ClusterNode -Cluster "clu01" -Name "hv02" -Drain',
                },
                {
                  name: 'Move vm-x to hv03 (live migration)',
                  powershell: 'Move-ClusterVirtualMachineRole -Cluster "clu01" -Name "vm-x" -Node "hv03" -MigrationType Live',
                },
              ],
              operation: {
                kind: 'drain-node',
                drain: true,
                host: { hostId: 'host-2', name: 'hv02', osVersion: 'WS2016', memoryMb: 65536 },
                cluster: { clusterId, name: 'clu01' },
                moves: [
                  {
                    vmId: 'vm-x',
                    vmName: 'vm-x',
                    fromHostId: 'host-2',
                    toHostId: 'host-3',
                    toHostName: 'hv03',
                    migrationType: 'Live',
                  },
                ],
              },
              requestedBy,
              tenant: null,
            },
            requestedAt: now,
            hostId: 'host-2',
            moves: [
              {
                vmId: 'vm-x',
                vmName: 'vm-x',
                fromHostId: 'host-2',
                toHostId: 'host-3',
                toHostName: 'hv03',
                migrationType: 'Live',
              },
            ],
            unplaceable: [],
          },
        },
      ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Resume and failback
// ---------------------------------------------------------------------------------------------

describe('ResumeClusterNode', () => {
  /** hv01 drained: vm-a and vm-b went to hv02, vm-c to hv03 (loads steer them). */
  const drained = () =>
    run(
      [
        pause('host-1', [vm('vm-a', { memoryMb: 8192 }), vm('vm-b', { memoryMb: 6144 }), vm('vm-c', { memoryMb: 2048 })], {
          'host-2': 0,
          'host-3': 4096,
          'host-4': 60000,
        }),
        complete('job-drain-host-1'),
      ],
      activeCluster(),
    );

  it('(the drain of the fixture went where these tests expect)', () => {
    expect(nodeOf(drained(), 'host-1')!.drainedTo).toEqual({ 'vm-a': 'host-2', 'vm-b': 'host-3', 'vm-c': 'host-2' });
  });

  it('resumes an Up node as a no-op with its job (Resume-ClusterNode changes nothing there)', () => {
    spec
      .given(activeCluster())
      .when(resume('host-1', false))
      .then([
        {
          type: 'ClusterNodeResumeRequested',
          data: {
            clusterId,
            job: {
              jobId: 'job-resume-host-1',
              attempt: 1,
              kind: 'resume-node',
              target: { type: 'cluster', id: clusterId },
              steps: [
                {
                  name: 'Resume node hv01',
                  powershell: 'Resume-ClusterNode -Cluster "clu01" -Name "hv01"',
                },
              ],
              operation: {
                kind: 'resume-node',
                host: { hostId: 'host-1', name: 'hv01', osVersion: 'WS2016', memoryMb: 65536 },
                cluster: { clusterId, name: 'clu01' },
                moves: [],
                failback: false,
              },
              requestedBy,
              tenant: null,
            },
            requestedAt: now,
            hostId: 'host-1',
            failback: false,
            moves: [],
          },
        },
      ]);
  });

  it('requires the node to be Paused or Up (INVALID_NODE_STATE)', () => {
    spec
      .given(run([crashed('host-1')], activeCluster()))
      .when(resume('host-1', false))
      .thenThrows('INVALID_NODE_STATE');
  });

  it('resumes without failback: no moves, a single step, the node Up', () => {
    const events = drained();
    spec
      .given(events)
      .when(resume('host-1', false))
      .then([
        {
          type: 'ClusterNodeResumeRequested',
          data: {
            clusterId,
            job: {
              jobId: 'job-resume-host-1',
              attempt: 1,
              kind: 'resume-node',
              target: { type: 'cluster', id: clusterId },
              steps: [
                {
                  name: 'Resume node hv01',
                  powershell: 'Resume-ClusterNode -Cluster "clu01" -Name "hv01"',
                },
              ],
              operation: {
                kind: 'resume-node',
                host: { hostId: 'host-1', name: 'hv01', osVersion: 'WS2016', memoryMb: 65536 },
                cluster: { clusterId, name: 'clu01' },
                moves: [],
                failback: false,
              },
              requestedBy,
              tenant: null,
            },
            requestedAt: now,
            hostId: 'host-1',
            failback: false,
            moves: [],
          },
        },
      ]);
    const after = run([resume('host-1', false), complete('job-resume-host-1')], events);
    expect(types(after).at(-1)).toBe('ClusterNodeResumed');
    expect(nodeStateOf(after, 'host-1')).toBe('Up');
  });

  it('fails back only the VMs the drain sent away that are still where it put them', () => {
    const vms = [
      vm('vm-a', { hostId: 'host-2', memoryMb: 8192 }), // still where the drain put it
      vm('vm-b', { hostId: 'host-4', memoryMb: 6144 }), // moved on by an operator since
      vm('vm-c', { hostId: 'host-2', memoryMb: 2048, power: 'Off' }), // still there, now Off
      vm('vm-d', { hostId: 'host-2' }), // never on hv01
    ];
    spec
      .given(drained())
      .when(resume('host-1', true, vms))
      .then([
        {
          type: 'ClusterNodeResumeRequested',
          data: {
            clusterId,
            job: {
              jobId: 'job-resume-host-1',
              attempt: 1,
              kind: 'resume-node',
              target: { type: 'cluster', id: clusterId },
              steps: [
                {
                  name: 'Resume node hv01 and fail its roles back',
                  powershell: 'Resume-ClusterNode -Cluster "clu01" -Name "hv01" -Failback Immediate',
                },
                {
                  name: 'Move vm-a to hv01 (live migration)',
                  powershell: 'Move-ClusterVirtualMachineRole -Cluster "clu01" -Name "vm-a" -Node "hv01" -MigrationType Live',
                },
                {
                  name: 'Move vm-c to hv01 (quick migration)',
                  powershell: 'Move-ClusterVirtualMachineRole -Cluster "clu01" -Name "vm-c" -Node "hv01" -MigrationType Quick',
                },
              ],
              operation: {
                kind: 'resume-node',
                host: { hostId: 'host-1', name: 'hv01', osVersion: 'WS2016', memoryMb: 65536 },
                cluster: { clusterId, name: 'clu01' },
                moves: [
                  {
                    vmId: 'vm-a',
                    vmName: 'vm-a',
                    fromHostId: 'host-2',
                    toHostId: 'host-1',
                    toHostName: 'hv01',
                    migrationType: 'Live',
                  },
                  {
                    vmId: 'vm-c',
                    vmName: 'vm-c',
                    fromHostId: 'host-2',
                    toHostId: 'host-1',
                    toHostName: 'hv01',
                    migrationType: 'Quick',
                  },
                ],
                failback: true,
              },
              requestedBy,
              tenant: null,
            },
            requestedAt: now,
            hostId: 'host-1',
            failback: true,
            moves: [
              {
                vmId: 'vm-a',
                vmName: 'vm-a',
                fromHostId: 'host-2',
                toHostId: 'host-1',
                toHostName: 'hv01',
                migrationType: 'Live',
              },
              {
                vmId: 'vm-c',
                vmName: 'vm-c',
                fromHostId: 'host-2',
                toHostId: 'host-1',
                toHostName: 'hv01',
                migrationType: 'Quick',
              },
            ],
          },
        },
      ]);
  });

  it('leaves on their nodes the VMs that no longer fit on the resumed node', () => {
    const vms = [vm('vm-a', { hostId: 'host-2', memoryMb: 8192 }), vm('vm-b', { hostId: 'host-3', memoryMb: 6144 })];
    spec
      .given(drained())
      .when(resume('host-1', true, vms, { 'host-1': 65536 - 7000 }))
      .then([
        {
          type: 'ClusterNodeResumeRequested',
          data: {
            clusterId,
            job: {
              jobId: 'job-resume-host-1',
              attempt: 1,
              kind: 'resume-node',
              target: { type: 'cluster', id: clusterId },
              steps: [
                {
                  name: 'Resume node hv01 and fail its roles back',
                  powershell: 'Resume-ClusterNode -Cluster "clu01" -Name "hv01" -Failback Immediate',
                },
                {
                  name: 'Move vm-b to hv01 (live migration)',
                  powershell: 'Move-ClusterVirtualMachineRole -Cluster "clu01" -Name "vm-b" -Node "hv01" -MigrationType Live',
                },
              ],
              operation: {
                kind: 'resume-node',
                host: { hostId: 'host-1', name: 'hv01', osVersion: 'WS2016', memoryMb: 65536 },
                cluster: { clusterId, name: 'clu01' },
                moves: [
                  {
                    vmId: 'vm-b',
                    vmName: 'vm-b',
                    fromHostId: 'host-3',
                    toHostId: 'host-1',
                    toHostName: 'hv01',
                    migrationType: 'Live',
                  },
                ],
                failback: true,
              },
              requestedBy,
              tenant: null,
            },
            requestedAt: now,
            hostId: 'host-1',
            failback: true,
            moves: [
              {
                vmId: 'vm-b',
                vmName: 'vm-b',
                fromHostId: 'host-3',
                toHostId: 'host-1',
                toHostName: 'hv01',
                migrationType: 'Live',
              },
            ],
          },
        },
      ]);
  });

  it('forgets the drain once resumed: a second pause-resume fails nothing back', () => {
    const events = run(
      [resume('host-1', false), complete('job-resume-host-1'), pause('host-1', [], {}, 'job-p2'), complete('job-p2')],
      drained(),
    );
    spec
      .given(events)
      .when(resume('host-1', true, [vm('vm-a', { hostId: 'host-2' })], {}, 'job-r2'))
      .then([
        {
          type: 'ClusterNodeResumeRequested',
          data: {
            clusterId,
            job: {
              jobId: 'job-r2',
              attempt: 1,
              kind: 'resume-node',
              target: { type: 'cluster', id: clusterId },
              steps: [
                {
                  name: 'Resume node hv01 and fail its roles back',
                  powershell: 'Resume-ClusterNode -Cluster "clu01" -Name "hv01" -Failback Immediate',
                },
              ],
              operation: {
                kind: 'resume-node',
                host: { hostId: 'host-1', name: 'hv01', osVersion: 'WS2016', memoryMb: 65536 },
                cluster: { clusterId, name: 'clu01' },
                moves: [],
                failback: true,
              },
              requestedBy,
              tenant: null,
            },
            requestedAt: now,
            hostId: 'host-1',
            failback: true,
            moves: [],
          },
        },
      ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Eviction
// ---------------------------------------------------------------------------------------------

describe('EvictClusterNode', () => {
  const paused = () => run([pause('host-1'), complete('job-drain-host-1')], activeCluster());

  it('refuses an Up node (NODE_NOT_DRAINED)', () => {
    spec.given(activeCluster()).when(evict('host-1')).thenThrows('NODE_NOT_DRAINED');
  });

  it('refuses a Paused node that still hosts VMs (NODE_NOT_DRAINED)', () => {
    spec.given(paused()).when(evict('host-1', 2)).thenThrows('NODE_NOT_DRAINED');
  });

  it('refuses a Down node without force (NODE_NOT_DRAINED)', () => {
    spec
      .given(run([crashed('host-1')], activeCluster()))
      .when(evict('host-1'))
      .thenThrows('NODE_NOT_DRAINED');
  });

  it('evicts a Down node with force, as Remove-ClusterNode -Force run through an Up node', () => {
    const down = run([crashed('host-1')], activeCluster());
    const operation = {
      kind: 'evict-node' as const,
      host: { hostId: 'host-1', name: 'hv01', osVersion: 'WS2016' as const, memoryMb: 65536 },
      cluster: { clusterId, name: 'clu01' },
      via: { hostId: 'host-2', name: 'hv02', osVersion: 'WS2016' as const, memoryMb: 65536 },
    };
    spec
      .given(down)
      .when(evict('host-1', 0, 'job-evict-host-1', true))
      .then([
        {
          type: 'ClusterNodeEvictionRequested',
          data: {
            clusterId,
            job: {
              jobId: 'job-evict-host-1',
              attempt: 1,
              kind: 'evict-node',
              target: { type: 'cluster', id: clusterId },
              steps: [
                {
                  name: 'Evict the down node hv01 from cluster clu01 (through hv02)',
                  powershell: 'Remove-ClusterNode -Cluster "clu01" -Name "hv01" -Force',
                },
              ],
              operation,
              requestedBy,
              tenant: null,
            },
            requestedAt: now,
            hostId: 'host-1',
            forced: true,
          },
        },
      ]);
    const after = run([evict('host-1', 0, 'job-evict-host-1', true), complete('job-evict-host-1')], down);
    expect(nodeOf(after, 'host-1')).toBeUndefined();
  });

  it('refuses to force out a Down node that still holds VMs nobody could take', () => {
    spec
      .given(run([crashed('host-1')], activeCluster()))
      .when(evict('host-1', 1, 'job-evict-host-1', true))
      .thenThrows('NODE_NOT_DRAINED');
  });

  it('needs no force for a Paused, empty node, and force does not evict an Up node', () => {
    spec
      .given(activeCluster())
      .when(evict('host-1', 0, 'job-evict-host-1', true))
      .thenThrows('NODE_NOT_DRAINED');
  });

  it('evicts a Paused, empty node: the node is removed on completion', () => {
    const events = paused();
    spec
      .given(events)
      .when(evict('host-1'))
      .then([
        {
          type: 'ClusterNodeEvictionRequested',
          data: {
            clusterId,
            job: {
              jobId: 'job-evict-host-1',
              attempt: 1,
              kind: 'evict-node',
              target: { type: 'cluster', id: clusterId },
              steps: [
                {
                  name: 'Evict node hv01 from cluster clu01',
                  powershell: 'Remove-ClusterNode -Cluster "clu01" -Name "hv01" -Force',
                },
              ],
              operation: {
                kind: 'evict-node',
                host: { hostId: 'host-1', name: 'hv01', osVersion: 'WS2016', memoryMb: 65536 },
                cluster: { clusterId, name: 'clu01' },
              },
              requestedBy,
              tenant: null,
            },
            requestedAt: now,
            hostId: 'host-1',
          },
        },
      ]);
    const evicting = run([evict('host-1')], events);
    expect(nodeStateOf(evicting, 'host-1')).toBe('Evicting');
    spec
      .given(evicting)
      .when(complete('job-evict-host-1'))
      .then([{ type: 'ClusterNodeEvicted', data: { clusterId, jobId: 'job-evict-host-1', hostId: 'host-1', at: now } }]);
    const after = run([complete('job-evict-host-1')], evicting);
    expect(nodeOf(after, 'host-1')).toBeUndefined();
    expect(stateOf(after).nodes.map((n) => n.hostId)).toEqual(['host-2', 'host-3', 'host-4']);
  });

  it('leaves the node Paused when the eviction fails', () => {
    const after = run([evict('host-1'), fail('job-evict-host-1')], paused());
    expect(types(after).at(-1)).toBe('ClusterNodeEvictionFailed');
    expect(nodeStateOf(after, 'host-1')).toBe('Paused');
  });

  it('ends mixed mode when the last newer node leaves', () => {
    const events = run(
      [pause('host-3'), complete('job-drain-host-3'), evict('host-3'), complete('job-evict-host-3')],
      run([add(candidate(4), 'job-add-4'), complete('job-add-4')], mixedCluster()),
    );
    expect(isMixedMode(stateOf(events))).toBe(true);
    expect(stateOf(events).mixedModeSince).toBe(minutes(10));
    const after = run([pause('host-4'), complete('job-drain-host-4'), evict('host-4'), complete('job-evict-host-4')], events);
    expect(isMixedMode(stateOf(after))).toBe(false);
    expect(stateOf(after).mixedModeSince).toBeNull();
    expect(stateOf(after).functionalLevel).toBe(8);
  });
});

// ---------------------------------------------------------------------------------------------
// Resiliency settings
// ---------------------------------------------------------------------------------------------

describe('SetClusterResiliency', () => {
  it('records the new settings with the previous ones', () => {
    spec
      .given(activeCluster())
      .when(setResiliency({ resiliencyPeriodSeconds: 120, quarantineThreshold: 5 }))
      .then([
        {
          type: 'ClusterResiliencyChanged',
          data: {
            clusterId,
            settings: { ...DEFAULT_RESILIENCY, resiliencyPeriodSeconds: 120, quarantineThreshold: 5 },
            previous: DEFAULT_RESILIENCY,
            at: now,
          },
        },
      ]);
  });

  it('records nothing when nothing changes', () => {
    spec
      .given(activeCluster())
      .when(setResiliency({ resiliencyPeriodSeconds: 240 }))
      .then([]);
    spec.given(activeCluster()).when(setResiliency({})).then([]);
  });

  it('accepts the limits: period 0 and 86400, threshold 1 and 100, quarantine 0 s, a year, or forever (null)', () => {
    for (const settings of [
      { resiliencyPeriodSeconds: 0 },
      { resiliencyPeriodSeconds: 86400 },
      { quarantineThreshold: 1 },
      { quarantineThreshold: 100 },
      { quarantineDurationSeconds: 0 },
      { quarantineDurationSeconds: 31_536_000 },
      { quarantineDurationSeconds: null },
      { resiliencyLevel: 'IsolateOnSpecialHeartbeat' as const },
    ]) {
      spec
        .given(activeCluster())
        .when(setResiliency(settings))
        .then([
          {
            type: 'ClusterResiliencyChanged',
            data: { clusterId, settings: { ...DEFAULT_RESILIENCY, ...settings }, previous: DEFAULT_RESILIENCY, at: now },
          },
        ]);
    }
  });

  for (const [label, settings] of [
    ['a negative period', { resiliencyPeriodSeconds: -1 }],
    ['a period over a day', { resiliencyPeriodSeconds: 86401 }],
    ['a fractional period', { resiliencyPeriodSeconds: 1.5 }],
    ['a threshold of 0', { quarantineThreshold: 0 }],
    ['a threshold over 100', { quarantineThreshold: 101 }],
    ['a negative quarantine', { quarantineDurationSeconds: -1 }],
    ['a quarantine over a year', { quarantineDurationSeconds: 31_536_001 }],
  ] as Array<[string, Partial<ResiliencySettings>]>) {
    it(`refuses ${label} (VALIDATION_FAILED)`, () => {
      spec.given(activeCluster()).when(setResiliency(settings)).thenThrows('VALIDATION_FAILED');
    });
  }
});

describe('SetVmResiliencyPeriod', () => {
  it("records a VM's own period, and nothing when it is set again", () => {
    spec
      .given(activeCluster())
      .when(setVmPeriod('vm-a', 60))
      .then([{ type: 'ClusterVmResiliencyPeriodSet', data: { clusterId, vmId: 'vm-a', resiliencyPeriodSeconds: 60, at: now } }]);
    const events = run([setVmPeriod('vm-a', 60)], activeCluster());
    expect(stateOf(events).vmResiliencyPeriods).toEqual({ 'vm-a': 60 });
    spec.given(events).when(setVmPeriod('vm-a', 60)).then([]);
  });

  it("goes back to the cluster's period with null", () => {
    const events = run([setVmPeriod('vm-a', 60), setVmPeriod('vm-a', null)], activeCluster());
    expect(types(events).at(-1)).toBe('ClusterVmResiliencyPeriodSet');
    expect(stateOf(events).vmResiliencyPeriods).toEqual({});
    spec.given(events).when(setVmPeriod('vm-a', null)).then([]);
  });

  it('refuses a period outside 0–86400 (VALIDATION_FAILED)', () => {
    spec.given(activeCluster()).when(setVmPeriod('vm-a', -5)).thenThrows('VALIDATION_FAILED');
    spec.given(activeCluster()).when(setVmPeriod('vm-a', 86401)).thenThrows('VALIDATION_FAILED');
  });
});

describe('RemoveVmRole (a VM moved to another cluster)', () => {
  const otherClusterId = 'd2b3c4d5-e6f7-4081-92a3-b4c5d6e7f809';
  const removeRole = (vmId: string, toClusterId = otherClusterId): Cmd<'RemoveVmRole'> => ({
    type: 'RemoveVmRole',
    vmId,
    toClusterId,
    now: plus(60),
  });

  it("drops the VM's resiliency period with its role: the destination's defaults apply there", () => {
    const overridden = run([setVmPeriod('vm-a', 60), setVmPeriod('vm-b', 30)], activeCluster());
    spec
      .given(overridden)
      .when(removeRole('vm-a'))
      .then([
        {
          type: 'ClusterVmRoleRemoved',
          data: { clusterId, vmId: 'vm-a', toClusterId: otherClusterId, resiliencyPeriodSeconds: 60, at: plus(60) },
        },
      ]);
    const after = run([removeRole('vm-a')], overridden);
    expect(stateOf(after).vmResiliencyPeriods).toEqual({ 'vm-b': 30 });
    // Gone: a second report of the move records nothing.
    spec.given(after).when(removeRole('vm-a')).then([]);
  });

  it("drops a deleted VM's resiliency period with its role, saying the VM was deleted", () => {
    const overridden = run([setVmPeriod('vm-a', 60), setVmPeriod('vm-b', 30)], activeCluster());
    const deleted: Cmd<'RemoveVmRole'> = {
      type: 'RemoveVmRole',
      vmId: 'vm-b',
      toClusterId: null,
      vmDeleted: true,
      now: plus(60),
    };
    spec
      .given(overridden)
      .when(deleted)
      .then([
        {
          type: 'ClusterVmRoleRemoved',
          data: { clusterId, vmId: 'vm-b', toClusterId: null, resiliencyPeriodSeconds: 30, vmDeleted: true, at: plus(60) },
        },
      ]);
    const after = run([deleted], overridden);
    expect(stateOf(after).vmResiliencyPeriods).toEqual({ 'vm-a': 60 });
    spec.given(after).when(deleted).then([]);
    spec.given(activeCluster()).when(deleted).then([]);
  });

  it('records nothing for a VM whose role kept no setting here, nor for a move within this cluster', () => {
    spec.given(activeCluster()).when(removeRole('vm-a')).then([]);
    spec
      .given(run([setVmPeriod('vm-a', 60)], activeCluster()))
      .when(removeRole('vm-a', clusterId))
      .then([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Compute resiliency
// ---------------------------------------------------------------------------------------------

describe('compute resiliency', () => {
  const onHost1 = [vm('vm-a'), vm('vm-b'), vm('vm-c', { power: 'Off' })];
  /** vm-a has its own 60 s period; the others follow the cluster's 240 s. */
  const withOverride = () => run([setVmPeriod('vm-a', 60)], activeCluster());
  const isolated = () => run([heartbeatLost('host-1', onHost1)], withOverride());

  it('makes a node that lost its heartbeat Isolated, with its VMs grouped by when they fail over', () => {
    spec
      .given(withOverride())
      .when(heartbeatLost('host-1', [...onHost1, vm('vm-elsewhere', { hostId: 'host-2' })]))
      .then([
        {
          type: 'ClusterNodeIsolated',
          data: {
            clusterId,
            hostId: 'host-1',
            isolationId: 'iso-1',
            vmIds: ['vm-a', 'vm-b', 'vm-c'],
            dueAt: [
              { vmIds: ['vm-a'], at: plus(60) },
              { vmIds: ['vm-b', 'vm-c'], at: plus(240) },
            ],
            at: now,
          },
        },
      ]);
    expect(nodeStateOf(isolated(), 'host-1')).toBe('Isolated');
  });

  it('always has the cluster period group, even with no VM in it', () => {
    spec
      .given(activeCluster())
      .when(heartbeatLost('host-1', []))
      .then([
        {
          type: 'ClusterNodeIsolated',
          data: {
            clusterId,
            hostId: 'host-1',
            isolationId: 'iso-1',
            vmIds: [],
            dueAt: [{ vmIds: [], at: plus(240) }],
            at: now,
          },
        },
      ]);
    spec
      .given(withOverride())
      .when(heartbeatLost('host-1', [vm('vm-a')]))
      .then([
        {
          type: 'ClusterNodeIsolated',
          data: {
            clusterId,
            hostId: 'host-1',
            isolationId: 'iso-1',
            vmIds: ['vm-a'],
            dueAt: [
              { vmIds: ['vm-a'], at: plus(60) },
              { vmIds: [], at: plus(240) },
            ],
            at: now,
          },
        },
      ]);
  });

  it("uses the cluster's configured period", () => {
    spec
      .given(run([setResiliency({ resiliencyPeriodSeconds: 30 })], activeCluster()))
      .when(heartbeatLost('host-1', [vm('vm-b')]))
      .then([
        {
          type: 'ClusterNodeIsolated',
          data: {
            clusterId,
            hostId: 'host-1',
            isolationId: 'iso-1',
            vmIds: ['vm-b'],
            dueAt: [{ vmIds: ['vm-b'], at: plus(30) }],
            at: now,
          },
        },
      ]);
  });

  it('reports nothing new for a node already Isolated or Down', () => {
    spec
      .given(isolated())
      .when(heartbeatLost('host-1', onHost1, plus(10), 'iso-2'))
      .then([]);
    spec
      .given(run([crashed('host-1')], activeCluster()))
      .when(heartbeatLost('host-1', onHost1))
      .then([]);
  });

  it('fails the node at once with IsolateOnSpecialHeartbeat', () => {
    spec
      .given(run([setResiliency({ resiliencyLevel: 'IsolateOnSpecialHeartbeat' })], activeCluster()))
      .when(heartbeatLost('host-1', onHost1, now, 'iso-1', { 'host-2': 0, 'host-3': 1000, 'host-4': 2000 }))
      .then([
        {
          type: 'ClusterNodeFailed',
          data: {
            clusterId,
            hostId: 'host-1',
            reason: 'heartbeat-lost',
            moves: [
              {
                vmId: 'vm-a',
                vmName: 'vm-a',
                fromHostId: 'host-1',
                toHostId: 'host-2',
                toHostName: 'hv02',
                migrationType: 'Failover',
              },
              {
                vmId: 'vm-b',
                vmName: 'vm-b',
                fromHostId: 'host-1',
                toHostId: 'host-3',
                toHostName: 'hv03',
                migrationType: 'Failover',
              },
              {
                vmId: 'vm-c',
                vmName: 'vm-c',
                fromHostId: 'host-1',
                toHostId: 'host-4',
                toHostName: 'hv04',
                migrationType: 'Failover',
              },
            ],
            unplaceable: [],
            at: now,
          },
        },
      ]);
  });

  it('moves nothing when the heartbeat comes back within the period: ClusterNodeRejoined lists the VMs', () => {
    spec
      .given(isolated())
      .when(restored('host-1', plus(30)))
      .then([
        {
          type: 'ClusterNodeRejoined',
          data: {
            clusterId,
            hostId: 'host-1',
            isolationId: 'iso-1',
            from: 'Isolated',
            vmIds: ['vm-a', 'vm-b', 'vm-c'],
            at: plus(30),
          },
        },
      ]);
    const after = run([restored('host-1', plus(30))], isolated());
    expect(nodeStateOf(after, 'host-1')).toBe('Up');
    // The timers that were set still fire, and find nothing to do.
    spec
      .given(after)
      .when(expireIsolation('host-1', plus(60), onHost1))
      .then([]);
    spec
      .given(after)
      .when(expireIsolation('host-1', plus(240), onHost1))
      .then([]);
  });

  it('reports nothing when an Up node answers', () => {
    spec.given(activeCluster()).when(restored('host-1')).then([]);
  });

  it('does nothing when a timer fires before any due time', () => {
    spec
      .given(isolated())
      .when(expireIsolation('host-1', plus(30), onHost1))
      .then([]);
  });

  it('does nothing for a stale isolation id', () => {
    spec
      .given(isolated())
      .when(expireIsolation('host-1', plus(300), onHost1, 'iso-old'))
      .then([]);
  });

  it('fails over only the VMs whose own shorter period ended, while the node stays Isolated', () => {
    spec
      .given(isolated())
      .when(expireIsolation('host-1', plus(60), onHost1, 'iso-1', { 'host-2': 3000, 'host-3': 1000, 'host-4': 2000 }))
      .then([
        {
          type: 'ClusterVmsFailedOverFromIsolatedNode',
          data: {
            clusterId,
            hostId: 'host-1',
            isolationId: 'iso-1',
            moves: [
              {
                vmId: 'vm-a',
                vmName: 'vm-a',
                fromHostId: 'host-1',
                toHostId: 'host-3',
                toHostName: 'hv03',
                migrationType: 'Failover',
              },
            ],
            unplaceable: [],
            at: plus(60),
          },
        },
      ]);
    expect(nodeStateOf(run([expireIsolation('host-1', plus(60), onHost1)], isolated()), 'host-1')).toBe('Isolated');
  });

  it('fails the node at the cluster period (isolation-expired), failing the rest over to Up nodes only', () => {
    // hv03 is paused and hv04 down: only hv02 takes VMs. vm-a already failed over at 60 s.
    let events = run([pause('host-3', [], {}, 'job-p3', false), crashed('host-4')], withOverride());
    events = run([heartbeatLost('host-1', onHost1), expireIsolation('host-1', plus(60), onHost1)], events);
    spec
      .given(events)
      .when(expireIsolation('host-1', plus(240), onHost1))
      .then([
        {
          type: 'ClusterNodeFailed',
          data: {
            clusterId,
            hostId: 'host-1',
            reason: 'isolation-expired',
            moves: [
              {
                vmId: 'vm-b',
                vmName: 'vm-b',
                fromHostId: 'host-1',
                toHostId: 'host-2',
                toHostName: 'hv02',
                migrationType: 'Failover',
              },
              {
                vmId: 'vm-c',
                vmName: 'vm-c',
                fromHostId: 'host-1',
                toHostId: 'host-2',
                toHostName: 'hv02',
                migrationType: 'Failover',
              },
            ],
            unplaceable: [],
            at: plus(240),
          },
        },
      ]);
    const failed = run([expireIsolation('host-1', plus(240), onHost1)], events);
    expect(nodeStateOf(failed, 'host-1')).toBe('Down');
    spec
      .given(failed)
      .when(expireIsolation('host-1', plus(240), onHost1))
      .then([]);
  });

  it('fails every due VM over at the cluster period when the shorter timer never fired', () => {
    spec
      .given(isolated())
      .when(expireIsolation('host-1', plus(240), onHost1))
      .then([
        {
          type: 'ClusterNodeFailed',
          data: {
            clusterId,
            hostId: 'host-1',
            reason: 'isolation-expired',
            moves: [
              {
                vmId: 'vm-a',
                vmName: 'vm-a',
                fromHostId: 'host-1',
                toHostId: 'host-2',
                toHostName: 'hv02',
                migrationType: 'Failover',
              },
              {
                vmId: 'vm-b',
                vmName: 'vm-b',
                fromHostId: 'host-1',
                toHostId: 'host-3',
                toHostName: 'hv03',
                migrationType: 'Failover',
              },
              {
                vmId: 'vm-c',
                vmName: 'vm-c',
                fromHostId: 'host-1',
                toHostId: 'host-4',
                toHostName: 'hv04',
                migrationType: 'Failover',
              },
            ],
            unplaceable: [],
            at: plus(240),
          },
        },
      ]);
  });

  it('tries again, when the node fails, a VM that could not be placed at its own due time', () => {
    const vms = [vm('vm-a'), vm('vm-b')];
    const isolated = run([setVmPeriod('vm-a', 60), heartbeatLost('host-1', vms)], activeCluster(hosts(2)));
    // At 60 s hv02 is full: vm-a cannot fail over yet.
    const fullAt60 = expireIsolation('host-1', plus(60), vms, 'iso-1', { 'host-2': 65536 });
    spec
      .given(isolated)
      .when(fullAt60)
      .then([
        {
          type: 'ClusterVmsFailedOverFromIsolatedNode',
          data: {
            clusterId,
            hostId: 'host-1',
            isolationId: 'iso-1',
            moves: [],
            unplaceable: [{ vmId: 'vm-a', vmName: 'vm-a', reason: 'hv02: 0 MB free < 4096 MB' }],
            at: plus(60),
          },
        },
      ]);
    const events = run([fullAt60], isolated);
    spec
      .given(events)
      .when(expireIsolation('host-1', plus(240), vms, 'iso-1', { 'host-2': 0 }))
      .then([
        {
          type: 'ClusterNodeFailed',
          data: {
            clusterId,
            hostId: 'host-1',
            reason: 'isolation-expired',
            moves: [
              {
                vmId: 'vm-a',
                vmName: 'vm-a',
                fromHostId: 'host-1',
                toHostId: 'host-2',
                toHostName: 'hv02',
                migrationType: 'Failover',
              },
              {
                vmId: 'vm-b',
                vmName: 'vm-b',
                fromHostId: 'host-1',
                toHostId: 'host-2',
                toHostName: 'hv02',
                migrationType: 'Failover',
              },
            ],
            unplaceable: [],
            at: plus(240),
          },
        },
      ]);
  });

  it('records a crashed node as failed with all its VMs moving', () => {
    spec
      .given(activeCluster())
      .when(crashed('host-1', now, [...onHost1, vm('vm-x', { hostId: 'host-2' })], { 'host-2': 0, 'host-3': 0, 'host-4': 0 }))
      .then([
        {
          type: 'ClusterNodeFailed',
          data: {
            clusterId,
            hostId: 'host-1',
            reason: 'crashed',
            moves: [
              {
                vmId: 'vm-a',
                vmName: 'vm-a',
                fromHostId: 'host-1',
                toHostId: 'host-2',
                toHostName: 'hv02',
                migrationType: 'Failover',
              },
              {
                vmId: 'vm-b',
                vmName: 'vm-b',
                fromHostId: 'host-1',
                toHostId: 'host-3',
                toHostName: 'hv03',
                migrationType: 'Failover',
              },
              {
                vmId: 'vm-c',
                vmName: 'vm-c',
                fromHostId: 'host-1',
                toHostId: 'host-4',
                toHostName: 'hv04',
                migrationType: 'Failover',
              },
            ],
            unplaceable: [],
            at: now,
          },
        },
      ]);
  });

  it('records a crash of an Isolated node, and nothing for a node already Down', () => {
    spec
      .given(isolated())
      .when(crashed('host-1', plus(10), onHost1))
      .then([
        {
          type: 'ClusterNodeFailed',
          data: {
            clusterId,
            hostId: 'host-1',
            reason: 'crashed',
            moves: [
              {
                vmId: 'vm-a',
                vmName: 'vm-a',
                fromHostId: 'host-1',
                toHostId: 'host-2',
                toHostName: 'hv02',
                migrationType: 'Failover',
              },
              {
                vmId: 'vm-b',
                vmName: 'vm-b',
                fromHostId: 'host-1',
                toHostId: 'host-3',
                toHostName: 'hv03',
                migrationType: 'Failover',
              },
              {
                vmId: 'vm-c',
                vmName: 'vm-c',
                fromHostId: 'host-1',
                toHostId: 'host-4',
                toHostName: 'hv04',
                migrationType: 'Failover',
              },
            ],
            unplaceable: [],
            at: plus(10),
          },
        },
      ]);
    spec
      .given(run([crashed('host-1')], activeCluster()))
      .when(crashed('host-1', plus(10)))
      .then([]);
  });

  it('lists as unplaceable the VMs of a crashed node that fit nowhere', () => {
    spec
      .given(activeCluster(hosts(2)))
      .when(crashed('host-1', now, [vm('vm-huge', { memoryMb: 131072 })]))
      .then([
        {
          type: 'ClusterNodeFailed',
          data: {
            clusterId,
            hostId: 'host-1',
            reason: 'crashed',
            moves: [],
            unplaceable: [{ vmId: 'vm-huge', vmName: 'vm-huge', reason: 'hv02: 65536 MB free < 131072 MB' }],
            at: now,
          },
        },
      ]);
  });

  it('brings a Down node back Up when its heartbeat returns', () => {
    const events = run([crashed('host-1')], activeCluster());
    spec
      .given(events)
      .when(restored('host-1', plus(60)))
      .then([
        {
          type: 'ClusterNodeRejoined',
          data: { clusterId, hostId: 'host-1', isolationId: null, from: 'Down', vmIds: [], at: plus(60) },
        },
      ]);
    expect(nodeStateOf(run([restored('host-1', plus(60))], events), 'host-1')).toBe('Up');
  });

  it('does not take an Isolated node as a failover destination', () => {
    const events = run([heartbeatLost('host-2', [], now, 'iso-2')], activeCluster(hosts(3)));
    spec
      .given(events)
      .when(crashed('host-1', now, [vm('vm-a')], { 'host-3': 60000 }))
      .then([
        {
          type: 'ClusterNodeFailed',
          data: {
            clusterId,
            hostId: 'host-1',
            reason: 'crashed',
            moves: [
              {
                vmId: 'vm-a',
                vmName: 'vm-a',
                fromHostId: 'host-1',
                toHostId: 'host-3',
                toHostName: 'hv03',
                migrationType: 'Failover',
              },
            ],
            unplaceable: [],
            at: now,
          },
        },
      ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Quarantine
// ---------------------------------------------------------------------------------------------

describe('quarantine', () => {
  it('quarantines a node after 3 ungraceful failures within one hour, for the configured duration', () => {
    const events = run(
      [
        crashed('host-1', minutes(0)),
        restored('host-1', minutes(1)),
        crashed('host-1', minutes(10)),
        restored('host-1', minutes(11)),
      ],
      activeCluster(),
    );
    spec
      .given(events)
      .when(crashed('host-1', minutes(20)))
      .then([
        nodeFailed('host-1', minutes(20)),
        quarantinedFor('host-1', [minutes(0), minutes(10), minutes(20)], twoHoursAfter(minutes(20))),
      ]);
    expect(nodeStateOf(threeCrashes('host-1', activeCluster()), 'host-1')).toBe('Quarantined');
  });

  it('counts an expired isolation as an ungraceful failure', () => {
    const events = run(
      [
        crashed('host-1', minutes(0)),
        restored('host-1', minutes(1)),
        crashed('host-1', minutes(10)),
        restored('host-1', minutes(11)),
        heartbeatLost('host-1', [], minutes(20)),
      ],
      activeCluster(),
    );
    const expiry = new Date(Date.parse(minutes(20)) + 240_000).toISOString();
    spec
      .given(events)
      .when(expireIsolation('host-1', expiry))
      .then([
        {
          type: 'ClusterNodeFailed',
          data: { ...nodeFailed('host-1', expiry).data, reason: 'isolation-expired' },
        } as ClusterEvent,
        quarantinedFor('host-1', [minutes(0), minutes(10), expiry], twoHoursAfter(expiry)),
      ]);
  });

  it('quarantines forever when the duration is null (until null)', () => {
    const events = threeCrashes('host-1', run([setResiliency({ quarantineDurationSeconds: null })], activeCluster()));
    expect(events.at(-1)).toEqual(quarantinedFor('host-1', [minutes(0), minutes(10), minutes(20)], null));
    spec
      .given(events)
      .when(expireQuarantine('host-1', minutes(60 * 24 * 365)))
      .then([]);
  });

  it('uses the configured duration', () => {
    const events = threeCrashes('host-1', run([setResiliency({ quarantineDurationSeconds: 600 })], activeCluster()));
    expect(events.at(-1)).toEqual(quarantinedFor('host-1', [minutes(0), minutes(10), minutes(20)], minutes(30)));
  });

  it('does not quarantine a node whose 3 failures spread over more than an hour', () => {
    const events = threeCrashes('host-1', activeCluster(), [0, 30, 61]);
    expect(types(events).at(-1)).toBe('ClusterNodeFailed');
    expect(types(events)).not.toContain('ClusterNodeQuarantined');
    expect(nodeStateOf(events, 'host-1')).toBe('Down');
  });

  it('does not quarantine after 2 failures with the default threshold', () => {
    const events = run(
      [crashed('host-1', minutes(0)), restored('host-1', minutes(1)), crashed('host-1', minutes(10))],
      activeCluster(),
    );
    expect(types(events)).not.toContain('ClusterNodeQuarantined');
  });

  it('quarantines at the configured threshold', () => {
    const events = run(
      [
        setResiliency({ quarantineThreshold: 2 }),
        crashed('host-1', minutes(0)),
        restored('host-1', minutes(1)),
        crashed('host-1', minutes(10)),
      ],
      activeCluster(),
    );
    expect(types(events).at(-1)).toBe('ClusterNodeQuarantined');
    const five = run([setResiliency({ quarantineThreshold: 5 })], activeCluster());
    expect(types(threeCrashes('host-1', five))).not.toContain('ClusterNodeQuarantined');
  });

  const REASON_4 = '1 of 4 nodes are quarantined already; at most 1 may be (25%)';

  it('quarantines at most 25% of the nodes: a second node of 4 is not quarantined while one is', () => {
    const first = threeCrashes('host-1', activeCluster(hosts(4)));
    expect(nodeStateOf(first, 'host-1')).toBe('Quarantined');
    const second = run(
      [
        crashed('host-2', minutes(30)),
        restored('host-2', minutes(31)),
        crashed('host-2', minutes(35)),
        restored('host-2', minutes(36)),
      ],
      first,
    );
    spec
      .given(second)
      .when(crashed('host-2', minutes(40)))
      .then([
        nodeFailed('host-2', minutes(40)),
        {
          type: 'ClusterNodeQuarantineSkipped',
          data: {
            clusterId,
            hostId: 'host-2',
            failures: [minutes(30), minutes(35), minutes(40)],
            reason: REASON_4,
            at: minutes(40),
          },
        },
      ]);
    const after = run([crashed('host-2', minutes(40))], second);
    expect(nodeStateOf(after, 'host-2')).toBe('Down');
  });

  it('quarantines one node of a three-node cluster (the small-cluster exception), but not a second', () => {
    const first = threeCrashes('host-1', activeCluster(hosts(3)));
    expect(first.slice(-2)).toEqual([
      nodeFailed('host-1', minutes(20)),
      quarantinedFor('host-1', [minutes(0), minutes(10), minutes(20)], twoHoursAfter(minutes(20))),
    ]);
    expect(nodeStateOf(first, 'host-1')).toBe('Quarantined');
    const second = threeCrashes('host-2', first, [30, 35, 40]);
    const skipped = second.at(-1)!;
    expect(skipped).toEqual({
      type: 'ClusterNodeQuarantineSkipped',
      data: {
        clusterId,
        hostId: 'host-2',
        failures: [minutes(30), minutes(35), minutes(40)],
        reason: '1 of 3 nodes are quarantined already; at most 1 may be (one in a cluster of two or three nodes)',
        at: minutes(40),
      },
    });
  });

  it('quarantines one node of a two-node cluster', () => {
    const events = threeCrashes('host-2', activeCluster(hosts(2)));
    expect(events.slice(-2)).toEqual([
      nodeFailed('host-2', minutes(20)),
      quarantinedFor('host-2', [minutes(0), minutes(10), minutes(20)], twoHoursAfter(minutes(20))),
    ]);
    expect(nodeStateOf(events, 'host-2')).toBe('Quarantined');
  });

  it('allows 25% rounded down from four nodes on, and none in a single-node cluster', () => {
    expect([1, 2, 3, 4, 5, 7, 8, 64].map(maxQuarantinedNodes)).toEqual([0, 1, 1, 1, 1, 1, 2, 16]);
  });

  it('quarantines two nodes of 8 (25%) but not a third', () => {
    let events = threeCrashes('host-1', activeCluster(hosts(8)));
    events = threeCrashes('host-2', events);
    expect(events.at(-1)).toEqual(quarantinedFor('host-2', [minutes(0), minutes(10), minutes(20)], twoHoursAfter(minutes(20))));
    events = threeCrashes('host-3', events);
    expect(events.slice(-2)).toEqual([
      nodeFailed('host-3', minutes(20)),
      {
        type: 'ClusterNodeQuarantineSkipped',
        data: {
          clusterId,
          hostId: 'host-3',
          failures: [minutes(0), minutes(10), minutes(20)],
          reason: '2 of 8 nodes are quarantined already; at most 2 may be (25%)',
          at: minutes(20),
        },
      },
    ]);
  });

  it('keeps a quarantined node out of placement even when its heartbeat is back', () => {
    const events = run([restored('host-1', minutes(25))], threeCrashes('host-1', activeCluster()));
    expect(nodeStateOf(events, 'host-1')).toBe('Quarantined');
    spec
      .given(events)
      .when(pause('host-2', [vm('vm-a', { hostId: 'host-2' })], { 'host-3': 60000, 'host-4': 60000 }))
      .then([
        {
          type: 'ClusterNodeDrainRequested',
          data: {
            clusterId,
            job: {
              jobId: 'job-drain-host-2',
              attempt: 1,
              kind: 'drain-node',
              target: { type: 'cluster', id: clusterId },
              steps: [
                {
                  name: 'Pause node hv02 and drain its roles',
                  powershell: 'Suspend-ClusterNode -Cluster "clu01" -Name "hv02" -Drain',
                },
                {
                  name: 'Move vm-a to hv03 (live migration)',
                  powershell: 'Move-ClusterVirtualMachineRole -Cluster "clu01" -Name "vm-a" -Node "hv03" -MigrationType Live',
                },
              ],
              operation: {
                kind: 'drain-node',
                drain: true,
                host: { hostId: 'host-2', name: 'hv02', osVersion: 'WS2016', memoryMb: 65536 },
                cluster: { clusterId, name: 'clu01' },
                moves: [
                  {
                    vmId: 'vm-a',
                    vmName: 'vm-a',
                    fromHostId: 'host-2',
                    toHostId: 'host-3',
                    toHostName: 'hv03',
                    migrationType: 'Live',
                  },
                ],
              },
              requestedBy,
              tenant: null,
            },
            requestedAt: now,
            hostId: 'host-2',
            moves: [
              {
                vmId: 'vm-a',
                vmName: 'vm-a',
                fromHostId: 'host-2',
                toHostId: 'host-3',
                toHostName: 'hv03',
                migrationType: 'Live',
              },
            ],
            unplaceable: [],
          },
        },
      ]);
    spec
      .given(events)
      .when(crashed('host-2', minutes(26), [vm('vm-a', { hostId: 'host-2' })], { 'host-3': 60000, 'host-4': 60000 }))
      .then([
        {
          type: 'ClusterNodeFailed',
          data: {
            clusterId,
            hostId: 'host-2',
            reason: 'crashed',
            moves: [
              {
                vmId: 'vm-a',
                vmName: 'vm-a',
                fromHostId: 'host-2',
                toHostId: 'host-3',
                toHostName: 'hv03',
                migrationType: 'Failover',
              },
            ],
            unplaceable: [],
            at: plus(1560),
          },
        },
      ]);
  });

  describe('drains a quarantined node', () => {
    const quarantined = () => threeCrashes('host-1', activeCluster());
    const left = [
      vm('vm-run', { power: 'Running', memoryMb: 4096 }),
      vm('vm-off', { power: 'Off', memoryMb: 8192 }),
      vm('vm-big', { power: 'Running', memoryMb: 70000 }),
    ];
    const loads = { 'host-2': 10000, 'host-3': 20000, 'host-4': 30000 };
    const back = (
      vms: VmToPlace[] = left,
      drainJobId = 'job-quarantine-drain',
      at = minutes(25),
    ): Cmd<'ReportNodeHeartbeatRestored'> => ({
      ...restored('host-1', at),
      vms,
      loads,
      drainJobId,
    });
    const rejoined: ClusterEvent = {
      type: 'ClusterNodeRejoined',
      data: { clusterId, hostId: 'host-1', isolationId: null, vmIds: [], from: 'Down', at: minutes(25) },
    };
    const moves: PlannedMove[] = [
      { vmId: 'vm-off', vmName: 'vm-off', fromHostId: 'host-1', toHostId: 'host-2', toHostName: 'hv02', migrationType: 'Quick' },
      { vmId: 'vm-run', vmName: 'vm-run', fromHostId: 'host-1', toHostId: 'host-2', toHostName: 'hv02', migrationType: 'Live' },
    ];

    it('moves what the node still runs once it answers again (live for running VMs); a VM that fits nowhere stays, with the reason', () => {
      spec
        .given(quarantined())
        .when(back())
        .then([
          rejoined,
          {
            type: 'ClusterNodeDrainRequested',
            data: {
              clusterId,
              job: {
                jobId: 'job-quarantine-drain',
                attempt: 1,
                kind: 'drain-node',
                target: { type: 'cluster', id: clusterId },
                steps: [
                  {
                    name: 'Drain quarantined node hv01',
                    powershell: 'Get-ClusterNode -Cluster "clu01" -Name "hv01" | Format-List Name, State, StatusInformation',
                  },
                  {
                    name: 'Move vm-off to hv02 (quick migration)',
                    powershell:
                      'Move-ClusterVirtualMachineRole -Cluster "clu01" -Name "vm-off" -Node "hv02" -MigrationType Quick',
                  },
                  {
                    name: 'Move vm-run to hv02 (live migration)',
                    powershell: 'Move-ClusterVirtualMachineRole -Cluster "clu01" -Name "vm-run" -Node "hv02" -MigrationType Live',
                  },
                ],
                operation: {
                  kind: 'drain-node',
                  drain: true,
                  host: { hostId: 'host-1', name: 'hv01', osVersion: 'WS2016', memoryMb: 65536 },
                  cluster: { clusterId, name: 'clu01' },
                  moves,
                },
                requestedBy: { actor: 'system:quarantine', role: 'system' },
                tenant: null,
              },
              requestedAt: minutes(25),
              hostId: 'host-1',
              moves,
              unplaceable: [
                {
                  vmId: 'vm-big',
                  vmName: 'vm-big',
                  reason: 'hv02: 55536 MB free < 70000 MB; hv03: 45536 MB free < 70000 MB; hv04: 35536 MB free < 70000 MB',
                },
              ],
              cause: 'quarantine',
            },
          },
        ]);
    });

    it('keeps the node Quarantined (not Paused) through the drain, and Up once the quarantine is cleared', () => {
      const draining = run([back()], quarantined());
      expect(nodeStateOf(draining, 'host-1')).toBe('Quarantined');
      expect(nodeOf(draining, 'host-1')?.drainedTo).toEqual({});
      spec
        .given(draining)
        .when(complete('job-quarantine-drain', minutes(26)))
        .then([
          {
            type: 'ClusterNodeDrained',
            data: { clusterId, jobId: 'job-quarantine-drain', hostId: 'host-1', moved: 0, at: minutes(26) },
          },
        ]);
      const cleared = run(
        [
          complete('job-quarantine-drain', minutes(26)),
          clear('host-1', 'job-clear', minutes(30)),
          complete('job-clear', minutes(31)),
        ],
        draining,
      );
      expect(nodeStateOf(cleared, 'host-1')).toBe('Up');
    });

    it('plans no drain when nothing is left on the node, or when the node is not quarantined', () => {
      spec.given(quarantined()).when(back([])).then([rejoined]);
      spec
        .given(quarantined())
        .when(back([vm('vm-elsewhere', { hostId: 'host-2' })]))
        .then([rejoined]);
      spec
        .given(run([crashed('host-1', minutes(20))], activeCluster()))
        .when(back())
        .then([rejoined]);
    });

    it('plans no drain while an operation on the node is pending (the clear of its quarantine)', () => {
      spec
        .given(run([clear('host-1', 'job-clear', minutes(24))], quarantined()))
        .when(back())
        .then([rejoined]);
    });
  });

  it('refuses to clear the quarantine of a node that is not Quarantined (INVALID_NODE_STATE)', () => {
    spec.given(activeCluster()).when(clear('host-1')).thenThrows('INVALID_NODE_STATE');
    spec
      .given(run([crashed('host-1')], activeCluster()))
      .when(clear('host-1'))
      .thenThrows('INVALID_NODE_STATE');
  });

  it('clears a quarantine with a clear-node-quarantine job; the node is Up on completion (heartbeat back meanwhile)', () => {
    const events = run([restored('host-1', minutes(25))], threeCrashes('host-1', activeCluster()));
    spec
      .given(events)
      .when(clear('host-1', 'job-clear', minutes(30)))
      .then([
        {
          type: 'ClusterNodeQuarantineClearRequested',
          data: {
            clusterId,
            job: {
              jobId: 'job-clear',
              attempt: 1,
              kind: 'clear-node-quarantine',
              target: { type: 'cluster', id: clusterId },
              steps: [
                {
                  name: 'Clear the quarantine of node hv01 and start its cluster service',
                  powershell: 'Start-ClusterNode -Cluster "clu01" -Name "hv01" -ClearQuarantine',
                },
              ],
              operation: {
                kind: 'clear-node-quarantine',
                host: { hostId: 'host-1', name: 'hv01', osVersion: 'WS2016', memoryMb: 65536 },
                cluster: { clusterId, name: 'clu01' },
              },
              requestedBy,
              tenant: null,
            },
            requestedAt: minutes(30),
            hostId: 'host-1',
          },
        },
      ]);
    const clearing = run([clear('host-1', 'job-clear', minutes(30))], events);
    spec
      .given(clearing)
      .when(complete('job-clear', minutes(31)))
      .then([
        {
          type: 'ClusterNodeQuarantineCleared',
          data: { clusterId, jobId: 'job-clear', hostId: 'host-1', by: 'administrator', at: minutes(31) },
        },
      ]);
    expect(nodeStateOf(run([complete('job-clear', minutes(31))], clearing), 'host-1')).toBe('Up');
  });

  it('clears a quarantine: the node is Up on completion (Start-ClusterNode -ClearQuarantine started it)', () => {
    const clearing = run([clear('host-1', 'job-clear', minutes(30))], threeCrashes('host-1', activeCluster()));
    const cleared = run([complete('job-clear', minutes(31))], clearing);
    expect(types(cleared).at(-1)).toBe('ClusterNodeQuarantineCleared');
    expect(nodeStateOf(cleared, 'host-1')).toBe('Up');
  });

  it('starts counting failures afresh once the quarantine is cleared', () => {
    const cleared = run(
      [restored('host-1', minutes(25)), clear('host-1', 'job-clear', minutes(30)), complete('job-clear', minutes(31))],
      threeCrashes('host-1', activeCluster()),
    );
    spec
      .given(cleared)
      .when(crashed('host-1', minutes(40)))
      .then([nodeFailed('host-1', minutes(40))]);
  });

  it('lets the quarantine run until its time: nothing before `until`, ClusterNodeQuarantineExpired after', () => {
    const events = threeCrashes('host-1', activeCluster());
    const until = new Date(Date.parse(minutes(20)) + 7200 * 1000).toISOString();
    spec
      .given(events)
      .when(expireQuarantine('host-1', minutes(60)))
      .then([]);
    spec
      .given(events)
      .when(expireQuarantine('host-1', until))
      .then([{ type: 'ClusterNodeQuarantineExpired', data: { clusterId, hostId: 'host-1', at: until } }]);
    const expired = run([expireQuarantine('host-1', until)], events);
    expect(nodeStateOf(expired, 'host-1')).not.toBe('Quarantined');
    spec.given(expired).when(expireQuarantine('host-1', until)).then([]);
  });

  it('does nothing when the quarantine timer fires for a node that is not quarantined', () => {
    spec
      .given(activeCluster())
      .when(expireQuarantine('host-1', minutes(500)))
      .then([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Retries and pending operations
// ---------------------------------------------------------------------------------------------

describe('RetryClusterOperation', () => {
  const loads = { 'host-2': 0, 'host-3': 1000, 'host-4': 2000 };
  /** hv01's drain planned vm-a and vm-b; vm-a moved, then the job failed. */
  const failedDrain = () =>
    run([pause('host-1', [vm('vm-a', { memoryMb: 8192 }), vm('vm-b')], loads, 'job-drain'), fail('job-drain')], activeCluster());

  it('records ClusterNodeDrainFailed and leaves the node Paused', () => {
    const events = failedDrain();
    expect(events.at(-1)).toEqual({ type: 'ClusterNodeDrainFailed', data: { clusterId, jobId: 'job-drain', problem, at: now } });
    expect(nodeStateOf(events, 'host-1')).toBe('Paused');
  });

  it('re-plans a failed drain from the VMs still on the node (attempt 2)', () => {
    spec
      .given(failedDrain())
      .when(retry('job-drain', [vm('vm-b')], { 'host-2': 8192, 'host-3': 1000, 'host-4': 2000 }))
      .then([
        {
          type: 'ClusterNodeDrainRequested',
          data: {
            clusterId,
            job: {
              jobId: 'job-drain',
              attempt: 2,
              kind: 'drain-node',
              target: { type: 'cluster', id: clusterId },
              steps: [
                {
                  name: 'Pause node hv01 and drain its roles',
                  powershell: 'Suspend-ClusterNode -Cluster "clu01" -Name "hv01" -Drain',
                },
                {
                  name: 'Move vm-b to hv03 (live migration)',
                  powershell: 'Move-ClusterVirtualMachineRole -Cluster "clu01" -Name "vm-b" -Node "hv03" -MigrationType Live',
                },
              ],
              operation: {
                kind: 'drain-node',
                drain: true,
                host: { hostId: 'host-1', name: 'hv01', osVersion: 'WS2016', memoryMb: 65536 },
                cluster: { clusterId, name: 'clu01' },
                moves: [
                  {
                    vmId: 'vm-b',
                    vmName: 'vm-b',
                    fromHostId: 'host-1',
                    toHostId: 'host-3',
                    toHostName: 'hv03',
                    migrationType: 'Live',
                  },
                ],
              },
              requestedBy,
              tenant: null,
            },
            requestedAt: now,
            hostId: 'host-1',
            moves: [
              {
                vmId: 'vm-b',
                vmName: 'vm-b',
                fromHostId: 'host-1',
                toHostId: 'host-3',
                toHostName: 'hv03',
                migrationType: 'Live',
              },
            ],
            unplaceable: [],
          },
        },
      ]);
  });

  it('counts attempts: a third attempt after a second failure', () => {
    const events = run([retry('job-drain', [vm('vm-b')]), fail('job-drain')], failedDrain());
    spec
      .given(events)
      .when(retry('job-drain', [vm('vm-b')]))
      .then([
        {
          type: 'ClusterNodeDrainRequested',
          data: {
            clusterId,
            job: {
              jobId: 'job-drain',
              attempt: 3,
              kind: 'drain-node',
              target: { type: 'cluster', id: clusterId },
              steps: [
                {
                  name: 'Pause node hv01 and drain its roles',
                  powershell: 'Suspend-ClusterNode -Cluster "clu01" -Name "hv01" -Drain',
                },
                {
                  name: 'Move vm-b to hv02 (live migration)',
                  powershell: 'Move-ClusterVirtualMachineRole -Cluster "clu01" -Name "vm-b" -Node "hv02" -MigrationType Live',
                },
              ],
              operation: {
                kind: 'drain-node',
                drain: true,
                host: { hostId: 'host-1', name: 'hv01', osVersion: 'WS2016', memoryMb: 65536 },
                cluster: { clusterId, name: 'clu01' },
                moves: [
                  {
                    vmId: 'vm-b',
                    vmName: 'vm-b',
                    fromHostId: 'host-1',
                    toHostId: 'host-2',
                    toHostName: 'hv02',
                    migrationType: 'Live',
                  },
                ],
              },
              requestedBy,
              tenant: null,
            },
            requestedAt: now,
            hostId: 'host-1',
            moves: [
              {
                vmId: 'vm-b',
                vmName: 'vm-b',
                fromHostId: 'host-1',
                toHostId: 'host-2',
                toHostName: 'hv02',
                migrationType: 'Live',
              },
            ],
            unplaceable: [],
          },
        },
      ]);
  });

  it('fails back, after a retried drain, the VMs both attempts moved', () => {
    // Attempt 1 moved vm-a to hv02 and failed on vm-b; attempt 2 moved vm-b.
    const events = run(
      [retry('job-drain', [vm('vm-b')], { 'host-2': 8192, 'host-3': 1000, 'host-4': 2000 }), complete('job-drain')],
      failedDrain(),
    );
    spec
      .given(events)
      .when(resume('host-1', true, [vm('vm-a', { hostId: 'host-2', memoryMb: 8192 }), vm('vm-b', { hostId: 'host-3' })]))
      .then([
        {
          type: 'ClusterNodeResumeRequested',
          data: {
            clusterId,
            job: {
              jobId: 'job-resume-host-1',
              attempt: 1,
              kind: 'resume-node',
              target: { type: 'cluster', id: clusterId },
              steps: [
                {
                  name: 'Resume node hv01 and fail its roles back',
                  powershell: 'Resume-ClusterNode -Cluster "clu01" -Name "hv01" -Failback Immediate',
                },
                {
                  name: 'Move vm-a to hv01 (live migration)',
                  powershell: 'Move-ClusterVirtualMachineRole -Cluster "clu01" -Name "vm-a" -Node "hv01" -MigrationType Live',
                },
                {
                  name: 'Move vm-b to hv01 (live migration)',
                  powershell: 'Move-ClusterVirtualMachineRole -Cluster "clu01" -Name "vm-b" -Node "hv01" -MigrationType Live',
                },
              ],
              operation: {
                kind: 'resume-node',
                host: { hostId: 'host-1', name: 'hv01', osVersion: 'WS2016', memoryMb: 65536 },
                cluster: { clusterId, name: 'clu01' },
                moves: [
                  {
                    vmId: 'vm-a',
                    vmName: 'vm-a',
                    fromHostId: 'host-2',
                    toHostId: 'host-1',
                    toHostName: 'hv01',
                    migrationType: 'Live',
                  },
                  {
                    vmId: 'vm-b',
                    vmName: 'vm-b',
                    fromHostId: 'host-3',
                    toHostId: 'host-1',
                    toHostName: 'hv01',
                    migrationType: 'Live',
                  },
                ],
                failback: true,
              },
              requestedBy,
              tenant: null,
            },
            requestedAt: now,
            hostId: 'host-1',
            failback: true,
            moves: [
              {
                vmId: 'vm-a',
                vmName: 'vm-a',
                fromHostId: 'host-2',
                toHostId: 'host-1',
                toHostName: 'hv01',
                migrationType: 'Live',
              },
              {
                vmId: 'vm-b',
                vmName: 'vm-b',
                fromHostId: 'host-3',
                toHostId: 'host-1',
                toHostName: 'hv01',
                migrationType: 'Live',
              },
            ],
          },
        },
      ]);
  });

  it('refuses a drain retry that finds a VM it cannot place (DRAIN_NOT_POSSIBLE)', () => {
    spec
      .given(failedDrain())
      .when(retry('job-drain', [vm('vm-huge', { memoryMb: 131072 })]))
      .thenThrows('DRAIN_NOT_POSSIBLE');
  });

  it('retries a failed resume with failback: the VMs its first attempt did not bring back still come back', () => {
    // The drain sent vm-a to hv02; the failback planned vm-a back to hv01, and the job failed before it moved.
    const events = run(
      [
        pause('host-1', [vm('vm-a')], loads, 'job-drain'),
        complete('job-drain'),
        resume('host-1', true, [vm('vm-a', { hostId: 'host-2' })], {}, 'job-resume'),
        fail('job-resume'),
      ],
      activeCluster(),
    );
    expect(movesOf(events.slice(-2)).map((m) => m.vmId)).toEqual(['vm-a']);
    spec
      .given(events)
      .when(retry('job-resume', [vm('vm-a', { hostId: 'host-2' })]))
      .then([
        {
          type: 'ClusterNodeResumeRequested',
          data: {
            clusterId,
            job: {
              jobId: 'job-resume',
              attempt: 2,
              kind: 'resume-node',
              target: { type: 'cluster', id: clusterId },
              steps: [
                {
                  name: 'Resume node hv01 and fail its roles back',
                  powershell: 'Resume-ClusterNode -Cluster "clu01" -Name "hv01" -Failback Immediate',
                },
                {
                  name: 'Move vm-a to hv01 (live migration)',
                  powershell: 'Move-ClusterVirtualMachineRole -Cluster "clu01" -Name "vm-a" -Node "hv01" -MigrationType Live',
                },
              ],
              operation: {
                kind: 'resume-node',
                host: { hostId: 'host-1', name: 'hv01', osVersion: 'WS2016', memoryMb: 65536 },
                cluster: { clusterId, name: 'clu01' },
                moves: [
                  {
                    vmId: 'vm-a',
                    vmName: 'vm-a',
                    fromHostId: 'host-2',
                    toHostId: 'host-1',
                    toHostName: 'hv01',
                    migrationType: 'Live',
                  },
                ],
                failback: true,
              },
              requestedBy,
              tenant: null,
            },
            requestedAt: now,
            hostId: 'host-1',
            failback: true,
            moves: [
              {
                vmId: 'vm-a',
                vmName: 'vm-a',
                fromHostId: 'host-2',
                toHostId: 'host-1',
                toHostName: 'hv01',
                migrationType: 'Live',
              },
            ],
          },
        },
      ]);
  });

  it('refuses to retry other failed operations (JOB_NOT_RESTARTABLE)', () => {
    const failedEviction = run(
      [pause('host-1'), complete('job-drain-host-1'), evict('host-1'), fail('job-evict-host-1')],
      activeCluster(),
    );
    spec.given(failedEviction).when(retry('job-evict-host-1')).thenThrows('JOB_NOT_RESTARTABLE');
    const failedJoin = run([add(candidate(5), 'job-add-5'), fail('job-add-5')], activeCluster());
    spec.given(failedJoin).when(retry('job-add-5')).thenThrows('JOB_NOT_RESTARTABLE');
    const failedRaise = run([raise(), fail('job-raise')], upgradedCluster());
    spec.given(failedRaise).when(retry('job-raise')).thenThrows('JOB_NOT_RESTARTABLE');
  });

  it('refuses to retry an unknown, running or succeeded job (JOB_NOT_RESTARTABLE)', () => {
    spec.given(failedDrain()).when(retry('job-unknown')).thenThrows('JOB_NOT_RESTARTABLE');
    const running = run([pause('host-1', [], {}, 'job-drain')], activeCluster());
    spec.given(running).when(retry('job-drain')).thenThrows('JOB_NOT_RESTARTABLE');
    const succeeded = run([complete('job-drain')], running);
    spec.given(succeeded).when(retry('job-drain')).thenThrows('JOB_NOT_RESTARTABLE');
  });

  it('refuses a retry while another operation runs on the node (OPERATION_PENDING)', () => {
    const events = run([resume('host-1', false, [], {}, 'job-resume')], failedDrain());
    spec
      .given(events)
      .when(retry('job-drain', [vm('vm-b')]))
      .thenThrows('OPERATION_PENDING');
  });
});
