import { CommandOperation, EXAMPLE_ID, QueryOperation } from '../../platform/http/api-docs';
import { ProblemCode } from '../../platform/http/problem-catalogue';
import { JobOperation } from '../../jobs/api/job-operation';
import {
  AddNodeDto,
  ClusterDto,
  ClusterPageDto,
  CreateClusterDto,
  FunctionalLevelDto,
  FunctionalLevelVerdictDto,
  PauseNodeDto,
  ResiliencyDto,
  ResiliencyWrittenDto,
  ResumeNodeDto,
  VmResiliencyDto,
  VmResiliencyWrittenDto,
} from './cluster.dto';

const NODE_2 = '8c7b6a59-4837-4261-9504-f3e2d1c0b9a8';
const RESILIENCY = {
  resiliencyLevel: 'AlwaysIsolate',
  resiliencyPeriodSeconds: 240,
  quarantineThreshold: 3,
  quarantineDurationSeconds: 7200,
};

export const CLUSTER_EXAMPLE: ClusterDto = {
  id: EXAMPLE_ID.cluster,
  name: 'hv-cluster',
  status: 'Active',
  functionalLevel: 9,
  mixedMode: false,
  mixedModeSince: null,
  warnings: [],
  nodes: [
    {
      hostId: EXAMPLE_ID.host,
      name: 'hv-node-01',
      osVersion: 'WS2016',
      state: 'Up',
      cpuVendor: 'Intel',
      memoryMb: 262144,
      memoryUsedMb: 49152,
      logicalProcessors: 32,
      vmCount: 12,
      maximumLiveMigrations: 2,
      runningLiveMigrations: 0,
      recentFailures: [],
      quarantinedUntil: null,
      isolatedSince: null,
    },
  ],
  resiliency: RESILIENCY,
  vmResiliencyPeriods: {},
  capacity: {
    memoryMb: 262144,
    memoryFreeMb: 212992,
    memoryUsedMb: 49152,
    logicalProcessors: 32,
    availableLogicalProcessors: 32,
    vmCount: 12,
    vmsByState: { Running: 10, Off: 2 },
    nodesUp: 1,
  },
  pendingJobIds: [],
  createdAt: '2026-03-01T08:30:00.000Z',
  version: 5,
};

const CLUSTER = '-Cluster "hv-cluster"';
const NODE = `${CLUSTER} -Name "hv-node-02"`;
const clusterJob = (kind: string, steps: Array<{ name: string; powershell: string }>) => ({
  kind,
  resource: 'cluster' as const,
  steps,
});
const ON_A_CLUSTER: ProblemCode[] = ['NOT_FOUND', 'OPERATION_PENDING', 'INVALID_CLUSTER_STATE'];

export const ClusterDocs = {
  create: JobOperation({
    summary: 'Create a failover cluster',
    description:
      "Creates a cluster from 1 to 64 Up hosts of one OS that are in no cluster; its functional level is that OS's " +
      '(WS2012R2 → 8, WS2016 → 9). Hosts of a newer OS join later, one version up, which puts the cluster in mixed mode.',
    request: { type: CreateClusterDto, example: { name: 'hv-cluster', nodeIds: [EXAMPLE_ID.host, NODE_2] } },
    job: clusterJob('create-cluster', [
      {
        name: 'Create cluster hv-cluster from hv-node-01, hv-node-02',
        powershell: 'New-Cluster -Name "hv-cluster" -Node "hv-node-01","hv-node-02" -NoStorage',
      },
    ]),
    errors: [
      'NOT_FOUND',
      'CLUSTER_ALREADY_EXISTS',
      'CLUSTER_OS_MISMATCH',
      'CLUSTER_NODE_LIMIT',
      'HOST_ALREADY_CLUSTERED',
      'HOST_NOT_AVAILABLE',
      'SLAT_REQUIRED',
    ],
  }),
  list: QueryOperation({
    summary: 'List clusters',
    description: 'Pages through the clusters, optionally by name. PowerShell: `Get-Cluster`.',
    response: { type: ClusterPageDto, example: { items: [CLUSTER_EXAMPLE], nextCursor: null } },
  }),
  get: QueryOperation({
    summary: 'Get a cluster',
    description:
      'The cluster as one big host: its nodes with state, memory in use, VM count and running live migrations; the ' +
      'functional level and mixed mode; resiliency; `capacity` (memory, processors, VM counts by state, nodes Up). With ' +
      '`asOf` or `atPosition`, the cluster as it was then (without capacity). PowerShell: `Get-ClusterNode -Cluster "hv-cluster"`.',
    response: { type: ClusterDto, example: CLUSTER_EXAMPLE },
    etag: true,
    errors: ['NOT_FOUND', 'TOO_MANY_CONCURRENT_QUERIES'],
  }),
  addNode: JobOperation({
    summary: 'Add a node to a cluster',
    description:
      "Adds an Up host that is in no cluster. It must run the functional level's OS or one version newer; a newer node " +
      "puts the cluster in mixed mode (new VMs get the level's default version, version updates are refused, disks need `force`).",
    request: { type: AddNodeDto, example: { hostId: NODE_2 } },
    job: clusterJob('add-cluster-node', [
      { name: 'Add node hv-node-02 to cluster hv-cluster', powershell: `Add-ClusterNode ${NODE}` },
    ]),
    errors: [
      ...ON_A_CLUSTER,
      'HOST_ALREADY_CLUSTERED',
      'HOST_NOT_AVAILABLE',
      'SLAT_REQUIRED',
      'NODE_OS_TOO_OLD',
      'NODE_OS_TOO_NEW',
      'CLUSTER_NODE_LIMIT',
      'ROLLING_UPGRADE_RUNNING',
    ],
  }),
  pause: JobOperation({
    summary: 'Pause a node, draining its VMs',
    description:
      'Pauses an Up node so that it takes no VMs. With `drain` (the default) every VM moves off first: the moves are ' +
      'planned up front (biggest VM first, memory counted as it goes; `DRAIN_NOT_POSSIBLE` if a VM fits nowhere) and the ' +
      'job has one step per VM, live for running VMs, quick for the others. The node is Paused from the start.',
    request: { type: PauseNodeDto, example: { drain: true } },
    job: clusterJob('drain-node', [
      { name: 'Pause node hv-node-02 and drain its roles', powershell: `Suspend-ClusterNode ${NODE} -Drain` },
      {
        name: 'Move web01 to hv-node-01 (live migration)',
        powershell: `Move-ClusterVirtualMachineRole ${CLUSTER} -Name "web01" -Node "hv-node-01" -MigrationType Live`,
      },
    ]),
    errors: [...ON_A_CLUSTER, 'INVALID_NODE_STATE', 'DRAIN_NOT_POSSIBLE', 'ROLLING_UPGRADE_RUNNING'],
  }),
  resume: JobOperation({
    summary: 'Resume a paused node',
    description: 'Resumes a Paused node; with `failback` the VMs its drain moved off move back to it.',
    request: { type: ResumeNodeDto, example: { failback: true } },
    job: clusterJob('resume-node', [
      { name: 'Resume node hv-node-02 and fail its roles back', powershell: `Resume-ClusterNode ${NODE} -Failback Immediate` },
    ]),
    errors: [...ON_A_CLUSTER, 'INVALID_NODE_STATE', 'ROLLING_UPGRADE_RUNNING'],
  }),
  evict: JobOperation({
    summary: 'Evict a node from a cluster',
    description:
      'Removes a Paused node that hosts no VMs; `force=true` evicts a Down node whose VMs have failed over (run through ' +
      "an Up node), so that a rolling upgrade's skipped dead node can leave.",
    job: clusterJob('evict-node', [
      { name: 'Evict node hv-node-02 from cluster hv-cluster', powershell: `Remove-ClusterNode ${NODE} -Force` },
    ]),
    errors: [...ON_A_CLUSTER, 'INVALID_NODE_STATE', 'NODE_NOT_DRAINED', 'ROLLING_UPGRADE_RUNNING'],
  }),
  clearQuarantine: JobOperation({
    summary: 'Clear the quarantine of a node',
    description:
      'A node that failed ungracefully too often within an hour is Quarantined (its VMs moved off); clearing it lets it rejoin the cluster before its quarantine ends.',
    job: clusterJob('clear-node-quarantine', [
      {
        name: 'Clear the quarantine of node hv-node-02 and start its cluster service',
        powershell: `Start-ClusterNode ${NODE} -ClearQuarantine`,
      },
    ]),
    errors: [...ON_A_CLUSTER, 'INVALID_NODE_STATE'],
  }),
  raiseFunctionalLevel: JobOperation({
    summary: 'Raise the functional level (or ask whether it can be raised)',
    description:
      "Raises the cluster's functional level to its nodes' OS: every node must run the newest OS, be Up and not paused. " +
      'Irreversible: nodes of the older OS can no longer join, and VMs can then be upgraded to the new configuration ' +
      'version. `whatIf: true` only answers whether it can be raised and what blocks it (`200`), changing nothing.',
    request: { type: FunctionalLevelDto, example: { whatIf: false } },
    job: clusterJob('raise-functional-level', [
      {
        name: 'Raise the functional level of cluster hv-cluster to 9',
        powershell: `Update-ClusterFunctionalLevel ${CLUSTER} -Force`,
      },
    ]),
    alternatives: [
      {
        status: 200,
        type: FunctionalLevelVerdictDto,
        description: '`whatIf`: whether the level can be raised and what blocks it (or, under `Prefer: wait`, the finished job)',
        example: { fromLevel: 8, toLevel: 9, canRaise: false, blockers: ['node hv-node-01 runs WS2012R2'] },
      },
    ],
    errors: [...ON_A_CLUSTER, 'FUNCTIONAL_LEVEL_BLOCKED', 'ROLLING_UPGRADE_RUNNING'],
  }),
  setResiliency: CommandOperation({
    summary: 'Set compute resiliency and quarantine',
    description:
      'How long an isolated node keeps its VMs (Unmonitored) before they fail over (`resiliencyPeriodSeconds`, default ' +
      '240), and after how many ungraceful failures within an hour a node is quarantined, for how long. Fields left out ' +
      'keep their value. A change of the fabric model only: no job.',
    powershell:
      '(Get-Cluster "hv-cluster").ResiliencyPeriod = 240\n(Get-Cluster "hv-cluster").QuarantineThreshold = 3\n(Get-Cluster "hv-cluster").QuarantineDuration = 7200',
    request: { type: ResiliencyDto, example: { resiliencyPeriodSeconds: 120, quarantineThreshold: 3 } },
    responses: [
      {
        type: ResiliencyWrittenDto,
        description: 'The settings now in force',
        example: { resiliency: { ...RESILIENCY, resiliencyPeriodSeconds: 120 }, version: 6, position: 1060 },
      },
    ],
    errors: ['NOT_FOUND'],
  }),
  setVmResiliency: CommandOperation({
    summary: "Set one VM's resiliency period",
    description: "Overrides the cluster's resiliency period for one clustered VM; `null` returns it to the cluster's. No job.",
    powershell: '(Get-ClusterGroup -Cluster "hv-cluster" -Name "web01").ResiliencyPeriod = 60',
    request: { type: VmResiliencyDto, example: { resiliencyPeriodSeconds: 60 } },
    responses: [
      {
        type: VmResiliencyWrittenDto,
        description: 'The period now in force for the VM',
        example: { vmId: EXAMPLE_ID.vm, resiliencyPeriodSeconds: 60, version: 7, position: 1061 },
      },
    ],
    errors: ['NOT_FOUND'],
  }),
};
