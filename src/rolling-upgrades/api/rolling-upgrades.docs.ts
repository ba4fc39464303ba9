import { CommandOperation, EXAMPLE_ID, QueryOperation, ResponseDoc } from '../../platform/http/api-docs';
import { ProblemCode } from '../../platform/http/problem-catalogue';
import {
  RollingUpgradeDto,
  RollingUpgradePageDto,
  StartRollingUpgradeDto,
  UpgradeAcceptedDto,
  UpgradePlanDto,
  UpgradeSteeredDto,
} from './rolling-upgrade.dto';

const UPGRADE = EXAMPLE_ID.upgrade;
const RESOURCE = { type: 'rolling-upgrade', id: UPGRADE, href: `/v1/rolling-upgrades/${UPGRADE}` };

export const UPGRADE_EXAMPLE: RollingUpgradeDto = {
  id: UPGRADE,
  clusterId: EXAMPLE_ID.cluster,
  state: 'Running',
  targetOsVersion: 'WS2016',
  currentNodeId: EXAMPLE_ID.host,
  currentStep: 'drain',
  nodes: [
    {
      hostId: EXAMPLE_ID.host,
      name: 'hv-node-01',
      fromOsVersion: 'WS2012R2',
      state: 'InProgress',
      startedAt: '2026-03-02T11:00:00.000Z',
      finishedAt: null,
      durationMs: null,
      vmsMoved: [],
      steps: [
        {
          step: 'drain',
          jobId: EXAMPLE_ID.job,
          attempt: 1,
          status: 'Running',
          startedAt: '2026-03-02T11:00:00.100Z',
          finishedAt: null,
          detail: null,
        },
      ],
    },
  ],
  clusterSteps: [],
  vmsMoved: 0,
  raiseFunctionalLevel: true,
  functionalLevelRaised: false,
  pauseRequested: false,
  cancelRequested: false,
  failure: null,
  estimatedDurationMs: 5400000,
  startedAt: '2026-03-02T11:00:00.000Z',
  finishedAt: null,
  version: 4,
};

const PLAN_EXAMPLE: UpgradePlanDto = {
  clusterId: EXAMPLE_ID.cluster,
  clusterName: 'hv-cluster',
  targetOsVersion: 'WS2016',
  functionalLevel: { current: 8, afterUpgrade: 9, raise: true },
  nodes: [
    {
      hostId: EXAMPLE_ID.host,
      name: 'hv-node-01',
      fromOsVersion: 'WS2012R2',
      state: 'Up',
      runningVms: 1,
      action: 'upgrade',
      moves: [
        {
          vmId: EXAMPLE_ID.vm,
          vmName: 'web01',
          fromHostId: EXAMPLE_ID.host,
          toHostId: '8c7b6a59-4837-4261-9504-f3e2d1c0b9a8',
          toHostName: 'hv-node-02',
          migrationType: 'Live',
        },
      ],
      unplaceable: [],
      estimatedDurationMs: 2700000,
    },
  ],
  capacity: {
    ok: true,
    runningVmMemoryMb: 2048,
    capacityWithoutLargestNodeMb: 262144,
    detail: 'the running VMs fit on the cluster without its largest node',
  },
  blockers: [],
  estimatedRealWorldMs: 5400000,
  estimatedDurationMs: 54000,
};

const STEERING: ProblemCode[] = ['NOT_FOUND', 'UPGRADE_FINISHED'];

function steered(event: string): ResponseDoc[] {
  return [
    {
      status: 202,
      type: UpgradeSteeredDto,
      description: 'Recorded; the upgrade acts on it after the step in progress',
      example: { id: UPGRADE, events: [event], position: 1071, resource: RESOURCE },
    },
  ];
}

export const RollingUpgradeDocs = {
  start: CommandOperation({
    summary: 'Plan or start a rolling cluster OS upgrade',
    description:
      'Upgrades every node of a cluster to the next Windows Server version, one node at a time, while the VMs keep ' +
      'running: drain the node (live migration), evict it, clean-install the new OS, add it back, resume it; then, with ' +
      '`raiseFunctionalLevel`, raise the functional level (irreversible). Every node must be Up, one version below the ' +
      'target and have SLAT where the target needs it, and the running VMs must fit on the cluster without its largest ' +
      'node. `dryRun: true` answers the plan (node order, the VM moves of each drain, capacity, blockers, an estimate) and ' +
      'changes nothing; a start with blockers is `ROLLING_UPGRADE_BLOCKED`. A failed step pauses the upgrade for the ' +
      'operator (retry the step, skip the node or cancel); a step that outlasts `stepTimeoutSeconds` fails.',
    powershell:
      'Suspend-ClusterNode -Cluster "hv-cluster" -Name "hv-node-01" -Drain\n' +
      'Remove-ClusterNode -Cluster "hv-cluster" -Name "hv-node-01" -Force\n' +
      '# Clean install of Windows Server 2016 on hv-node-01, then:\n' +
      'Install-WindowsFeature -Name Hyper-V, Failover-Clustering -IncludeManagementTools -Restart -ComputerName "hv-node-01"\n' +
      'Add-ClusterNode -Cluster "hv-cluster" -Name "hv-node-01"\n' +
      'Resume-ClusterNode -Cluster "hv-cluster" -Name "hv-node-01"\n' +
      '# … every node in turn, then:\n' +
      'Update-ClusterFunctionalLevel -Cluster "hv-cluster" -Force',
    request: {
      type: StartRollingUpgradeDto,
      example: { targetOsVersion: 'WS2016', dryRun: false, raiseFunctionalLevel: true, stepTimeoutSeconds: 3600 },
    },
    responses: [
      {
        status: 202,
        type: UpgradeAcceptedDto,
        description: 'The upgrade started; `Location` is the rolling upgrade to follow',
        example: { id: UPGRADE, state: 'Running', position: 1070, resource: RESOURCE },
      },
      { status: 200, type: UpgradePlanDto, description: '`dryRun`: the plan; nothing changed', example: PLAN_EXAMPLE },
    ],
    errors: ['NOT_FOUND', 'ROLLING_UPGRADE_BLOCKED', 'ROLLING_UPGRADE_RUNNING', 'OPERATION_PENDING', 'INVALID_CLUSTER_STATE'],
  }),
  list: QueryOperation({
    summary: 'List rolling upgrades',
    description: 'Pages through the rolling upgrades, optionally of one cluster or in one state.',
    response: { type: RollingUpgradePageDto, example: { items: [UPGRADE_EXAMPLE], nextCursor: null } },
  }),
  get: QueryOperation({
    summary: 'Get a rolling upgrade',
    description:
      'Its state, the node and step in progress, each node with its steps (each step a job) and the VMs its drain moved, ' +
      'the failure it waits on, and the estimate.',
    response: { type: RollingUpgradeDto, example: UPGRADE_EXAMPLE },
    etag: true,
    errors: ['NOT_FOUND'],
  }),
  pause: CommandOperation({
    summary: 'Pause a rolling upgrade',
    description: 'The upgrade pauses once the step in progress has ended; nothing is undone.',
    responses: steered('RollingUpgradePauseRequested'),
    errors: STEERING,
  }),
  resume: CommandOperation({
    summary: 'Resume a paused rolling upgrade',
    description: 'Continues an upgrade the operator paused. One paused on a failed step needs retry-step or skip-node instead.',
    responses: steered('RollingUpgradeResumed'),
    errors: [...STEERING, 'UPGRADE_STEP_FAILED'],
  }),
  cancel: CommandOperation({
    summary: 'Cancel a rolling upgrade',
    description:
      'Stops after the step in progress. The cluster stays valid: upgraded nodes keep the new OS (the cluster may stay in mixed mode) and the functional level is not raised.',
    responses: steered('RollingUpgradeCancelRequested'),
    errors: STEERING,
  }),
  retryStep: CommandOperation({
    summary: 'Retry the failed step',
    description: 'Runs the step that failed again, as the next attempt of its job, and resumes the upgrade.',
    responses: steered('RollingUpgradeStepRetried'),
    errors: [...STEERING, 'NO_FAILED_STEP'],
  }),
  skipNode: CommandOperation({
    summary: 'Skip the current node',
    description:
      'Leaves the current node as it is (for example a dead node whose VMs failed over: evict it later with `force`) and ' +
      'goes on with the next. Pause first if a step is running.',
    responses: steered('RollingUpgradeNodeSkipped'),
    errors: [...STEERING, 'STEP_IN_PROGRESS', 'NOTHING_TO_SKIP'],
  }),
};
