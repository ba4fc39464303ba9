import { EXAMPLE_ID, QueryOperation } from '../../platform/http/api-docs';
import { ProblemCode } from '../../platform/http/problem-catalogue';
import { JobOperation } from '../../jobs/api/job-operation';
import { EnableReplicationDto, RecoveryPointChoiceDto, ReplicatedDisksDto, ReplicationDto } from './replication.dto';

const PRIMARY = '-ComputerName "hv-node-01"';
const REPLICA = '-ComputerName "hv-dr-01"';
const REPLICA_HOST = 'e1d2c3b4-a596-4877-8695-a4b3c2d1e0f9';
const DISK = 'b7c6d5e4-f3a2-4b1c-9d8e-7f6a5b4c3d2e';
const POINT = 'f0e1d2c3-b4a5-4697-8879-6a5b4c3d2e1f';

export const REPLICATION_EXAMPLE: ReplicationDto = {
  vmId: EXAMPLE_ID.vm,
  state: 'Replicating',
  health: 'Normal',
  healthReason: null,
  primaryHostId: EXAMPLE_ID.host,
  replicaHostId: REPLICA_HOST,
  frequencySeconds: 300,
  additionalRecoveryPoints: 4,
  applicationConsistent: true,
  lastReplicatedAt: '2026-03-02T12:05:00.000Z',
  lastReplicationSizeMb: 42,
  replicaBroker: null,
  statistics: {
    observedAt: '2026-03-02T12:05:30.000Z',
    averageSizeMb: 40,
    maximumSizeMb: 61,
    successfulCycles: 24,
    failedCycles: 0,
    missedCycles: 0,
    consecutiveFailedCycles: 0,
    failureReason: null,
  },
  recoveryPoints: [{ id: POINT, seq: 24, at: '2026-03-02T12:05:00.000Z', kind: 'ApplicationConsistent' }],
  replicatedDiskIds: [DISK],
  nonReplicatedDiskIds: [],
  testFailover: null,
  pendingJobId: null,
  version: 30,
};

const ON_REPLICATION: ProblemCode[] = ['NOT_FOUND', 'OPERATION_PENDING', 'INVALID_REPLICATION_STATE'];
const job = (kind: string, steps: Array<{ name: string; powershell: string }>) => ({ kind, resource: 'vm' as const, steps });

export const ReplicationDocs = {
  enable: JobOperation({
    summary: 'Enable Hyper-V Replica for a virtual machine',
    description:
      'Replicates the VM to another host (`replicaHostId`) or to a replica cluster (`replicaClusterId`: its Replica ' +
      'Broker places the replica) every 30, 300 or 900 seconds, keeping up to 24 additional hourly recovery points ' +
      '(application-consistent with VSS if asked), for all disks or the ones listed. The replica host must be another ' +
      "host and run the VM's configuration version. The job sends the initial copy.",
    request: {
      type: EnableReplicationDto,
      example: { replicaHostId: REPLICA_HOST, frequencySeconds: 300, recoveryPoints: 4, applicationConsistent: true },
    },
    job: job('enable-replication', [
      {
        name: 'Enable replication of web01 to hv-dr-01 every 300 s',
        powershell:
          'Enable-VMReplication -VMName "web01" -ReplicaServerName "hv-dr-01" -ReplicaServerPort 80 -AuthenticationType Kerberos ' +
          `-ReplicationFrequencySec 300 -RecoveryHistory 4 -VSSSnapshotFrequencyHour 1 ${PRIMARY}`,
      },
      { name: 'Send the initial copy (60 GB) to hv-dr-01', powershell: `Start-VMInitialReplication -VMName "web01" ${PRIMARY}` },
    ]),
    errors: [
      'NOT_FOUND',
      'OPERATION_PENDING',
      'REPLICATION_ALREADY_ENABLED',
      'REPLICA_SAME_HOST',
      'CONFIG_VERSION_UNSUPPORTED',
      'HOST_NOT_AVAILABLE',
      'NO_SUITABLE_NODE',
    ],
  }),
  get: QueryOperation({
    summary: 'Get the replication of a virtual machine',
    description:
      'State and health (Normal, Warning, Critical, with the reason), the ends, frequency, the recovery points (oldest ' +
      'first), the replicated disks, a running test failover, and the live figures of the last poll. PowerShell: ' +
      '`Get-VMReplication -VMName "web01"; Measure-VMReplication -VMName "web01"`.',
    response: { type: ReplicationDto, example: REPLICATION_EXAMPLE },
    etag: true,
    errors: ['NOT_FOUND'],
  }),
  remove: JobOperation({
    summary: 'Remove replication',
    description: 'Stops replicating the VM; the replica VM is left where it is.',
    job: job('remove-replication', [
      {
        name: 'Remove replication of web01 to hv-dr-01',
        powershell: `Remove-VMReplication -VMName "web01" ${PRIMARY} -Confirm:$false`,
      },
    ]),
    errors: ON_REPLICATION,
  }),
  disks: JobOperation({
    summary: 'Choose the replicated disks',
    description: 'Sets which disks of the VM replicate; an added disk is copied in full.',
    request: { type: ReplicatedDisksDto, example: { includeDiskIds: [DISK] } },
    job: job('set-replicated-disks', [
      {
        name: 'Replicate 1 disk(s) of web01 to hv-dr-01',
        powershell: `Set-VMReplication -VMName "web01" -ReplicatedDisks (Get-VMHardDiskDrive -VMName "web01" ${PRIMARY} | Where-Object Id -in @("${DISK}")) ${PRIMARY}`,
      },
    ]),
    errors: [...ON_REPLICATION, 'TEST_FAILOVER_RUNNING'],
  }),
  suspend: JobOperation({
    summary: 'Suspend replication',
    description: 'Stops sending changes; they are tracked and sent when replication resumes.',
    job: job('suspend-replication', [
      { name: 'Suspend replication of web01 to hv-dr-01', powershell: `Suspend-VMReplication -VMName "web01" ${PRIMARY}` },
    ]),
    errors: ON_REPLICATION,
  }),
  resume: JobOperation({
    summary: 'Resume replication',
    description: 'Sends the changes tracked while suspended and goes on replicating.',
    job: job('resume-replication', [
      { name: 'Resume replication of web01 to hv-dr-01', powershell: `Resume-VMReplication -VMName "web01" ${PRIMARY}` },
    ]),
    errors: ON_REPLICATION,
  }),
  resynchronize: JobOperation({
    summary: 'Resynchronize replication',
    description: 'Compares primary and replica and copies what differs; clears Critical health after a broken change tracking.',
    job: job('resynchronize-replication', [
      {
        name: 'Resynchronize web01 with hv-dr-01 (60 GB compared)',
        powershell: `Resume-VMReplication -VMName "web01" -Resynchronize ${PRIMARY}`,
      },
    ]),
    errors: ON_REPLICATION,
  }),
  planned: JobOperation({
    summary: 'Planned failover to the replica',
    description:
      'With the primary VM Off: sends its last changes, fails over to the replica, reverses the direction of replication and starts the VM on the replica host. No data is lost.',
    job: job('planned-failover', [
      {
        name: 'Prepare the planned failover on hv-node-01: send the last changes of web01',
        powershell: `Start-VMFailover -VMName "web01" -Prepare ${PRIMARY}`,
      },
      { name: 'Fail web01 over to hv-dr-01', powershell: `Start-VMFailover -VMName "web01" ${REPLICA}` },
      {
        name: 'Reverse replication: hv-dr-01 replicates web01 to hv-node-01',
        powershell: `Set-VMReplication -VMName "web01" -Reverse ${REPLICA}`,
      },
      { name: 'Start web01 on hv-dr-01', powershell: `Start-VM -Name "web01" ${REPLICA}` },
    ]),
    errors: [...ON_REPLICATION, 'INVALID_VM_STATE', 'TEST_FAILOVER_RUNNING'],
  }),
  failover: JobOperation({
    summary: 'Unplanned failover to a recovery point',
    description:
      'The primary is lost: starts the replica VM from a recovery point (default the latest) without asking the primary. ' +
      'Commit the failover to keep that point, or fail over again to another one first.',
    request: { type: RecoveryPointChoiceDto, example: { recoveryPointId: POINT } },
    job: job('unplanned-failover', [
      {
        name: `Fail web01 over on hv-dr-01 to recovery point ${POINT} (hv-node-01 is not asked)`,
        powershell: `Start-VMFailover -VMRecoverySnapshot (Get-VMSnapshot -VMName "web01" -SnapshotType Replica ${REPLICA} | Where-Object Id -eq "${POINT}") -Confirm:$false`,
      },
      { name: 'Start web01 on hv-dr-01', powershell: `Start-VM -Name "web01" ${REPLICA}` },
    ]),
    errors: [...ON_REPLICATION, 'NO_RECOVERY_POINT', 'TEST_FAILOVER_RUNNING'],
  }),
  commit: JobOperation({
    summary: 'Commit a failover',
    description:
      'Keeps the recovery point the replica failed over to and removes the others; reverse replication afterwards to protect the VM again.',
    job: job('commit-failover', [
      {
        name: `Commit the failover of web01 to recovery point ${POINT}`,
        powershell: `Complete-VMFailover -VMName "web01" ${REPLICA} -Confirm:$false`,
      },
    ]),
    errors: ON_REPLICATION,
  }),
  testFailover: JobOperation({
    summary: 'Start a test failover',
    description:
      'Creates and starts a separate test VM on the replica host from a recovery point (default the latest), on no ' +
      'production network; replication goes on. One test failover at a time.',
    request: { type: RecoveryPointChoiceDto, example: {} },
    job: job('start-test-failover', [
      {
        name: `Create test VM web01 - Test on hv-dr-01 from recovery point ${POINT}`,
        powershell: `Start-VMFailover -AsTest -VMRecoverySnapshot (Get-VMSnapshot -VMName "web01" -SnapshotType Replica ${REPLICA} | Where-Object Id -eq "${POINT}") -Confirm:$false`,
      },
      { name: 'Start test VM web01 - Test', powershell: `Start-VM -Name "web01 - Test" ${REPLICA}` },
    ]),
    errors: [...ON_REPLICATION, 'TEST_FAILOVER_RUNNING', 'NO_RECOVERY_POINT'],
  }),
  stopTestFailover: JobOperation({
    summary: 'Stop the test failover',
    description: 'Stops and removes the test VM.',
    job: job('stop-test-failover', [
      {
        name: 'Stop the test failover of web01 on hv-dr-01 and remove its test VM',
        powershell: `Stop-VMFailover -VMName "web01" ${REPLICA}`,
      },
    ]),
    errors: [...ON_REPLICATION, 'NO_TEST_FAILOVER'],
  }),
  reverse: JobOperation({
    summary: 'Reverse replication after a failover',
    description: 'The VM now runs on the former replica host: replicate it back to the former primary, sending an initial copy.',
    job: job('reverse-replication', [
      {
        name: 'Reverse replication: hv-dr-01 replicates web01 to hv-node-01',
        powershell: `Set-VMReplication -VMName "web01" -Reverse -ReplicaServerName "hv-node-01" ${REPLICA}`,
      },
      {
        name: 'Send the initial copy (60 GB) to hv-node-01',
        powershell: `Start-VMInitialReplication -VMName "web01" ${REPLICA}`,
      },
    ]),
    errors: [...ON_REPLICATION, 'CONFIG_VERSION_UNSUPPORTED', 'HOST_NOT_AVAILABLE'],
  }),
};
