import { describe, it } from 'node:test';
import { expect } from 'expect';
import { OS_VERSIONS, OsVersion, release } from '../../hosts/domain/windows-server';
import type { HostRef, HypervisorOperation, MoveRef, OrchestratedOperation, VmRef } from './hypervisor-driver.port';
import type { JobStepPlan } from './job.events';
import { crossClusterMigrationSteps, quarantinedNodeStep, stepsFor } from './powershell';

/*
 * The PowerShell of every job is what an administrator would paste into a console on the host it
 * names, so it may use only the parameters the host's OS has. The table below lists, per cmdlet,
 * the parameters the fabric may emit that Microsoft's cmdlet reference documents, with the OS
 * they appeared in (the reference pages per Windows Server version):
 *   Hyper-V module:  https://learn.microsoft.com/powershell/module/hyper-v/?view=windowsserver2012r2-ps
 *                    https://learn.microsoft.com/powershell/module/hyper-v/?view=windowsserver2016-ps
 *   (New-VM -Version, Set-VM -CheckpointType, Set-VMFirmware -SecureBootTemplate,
 *    Add-VMNetworkAdapter -DeviceNaming, Set-VMProcessor -ExposeVirtualizationExtensions and
 *    Update-VMVersion are documented from windowsserver2016-ps on.)
 *   New-VM:             https://learn.microsoft.com/powershell/module/hyper-v/new-vm
 *   Set-VM:             https://learn.microsoft.com/powershell/module/hyper-v/set-vm
 *   Set-VMFirmware:     https://learn.microsoft.com/powershell/module/hyper-v/set-vmfirmware
 *   Add-VMNetworkAdapter: https://learn.microsoft.com/powershell/module/hyper-v/add-vmnetworkadapter
 *   Set-VMProcessor:    https://learn.microsoft.com/powershell/module/hyper-v/set-vmprocessor
 *   Update-VMVersion:   https://learn.microsoft.com/powershell/module/hyper-v/update-vmversion
 *   Resize-VHD:         https://learn.microsoft.com/powershell/module/hyper-v/resize-vhd
 *   FailoverClusters:   https://learn.microsoft.com/powershell/module/failoverclusters/?view=windowsserver2016-ps
 *   (Update-ClusterFunctionalLevel and Start-ClusterNode -ClearQuarantine from windowsserver2016-ps on.)
 *   Add-ClusterVirtualMachineRole: https://learn.microsoft.com/powershell/module/failoverclusters/add-clustervirtualmachinerole
 *   Remove-ClusterGroup: https://learn.microsoft.com/powershell/module/failoverclusters/remove-clustergroup
 *   Get-ClusterNode:    https://learn.microsoft.com/powershell/module/failoverclusters/get-clusternode
 *   Install-WindowsFeature: https://learn.microsoft.com/powershell/module/servermanager/install-windowsfeature
 *   Hyper-V Replica:    https://learn.microsoft.com/powershell/module/hyper-v/enable-vmreplication
 *                       https://learn.microsoft.com/powershell/module/hyper-v/set-vmreplication
 *                       https://learn.microsoft.com/powershell/module/hyper-v/start-vmfailover
 *                       https://learn.microsoft.com/powershell/module/hyper-v/get-vmsnapshot
 *                       https://learn.microsoft.com/powershell/module/hyper-v/get-vmharddiskdrive
 */

type Since = Partial<Record<string, OsVersion>>;

/** Parameter → the first OS that has it (WS2012R2 when it always had). */
const CMDLETS: Record<string, { since: OsVersion; parameters: Since }> = {
  'New-VM': {
    since: 'WS2012R2',
    parameters: {
      Name: 'WS2012R2',
      Generation: 'WS2012R2',
      MemoryStartupBytes: 'WS2012R2',
      NoVHD: 'WS2012R2',
      ComputerName: 'WS2012R2',
      Version: 'WS2016',
    },
  },
  'Set-VM': { since: 'WS2012R2', parameters: { Name: 'WS2012R2', ComputerName: 'WS2012R2', CheckpointType: 'WS2016' } },
  'Set-VMFirmware': {
    since: 'WS2012R2',
    parameters: { VMName: 'WS2012R2', EnableSecureBoot: 'WS2012R2', ComputerName: 'WS2012R2', SecureBootTemplate: 'WS2016' },
  },
  'Set-VMProcessor': {
    since: 'WS2012R2',
    parameters: {
      VMName: 'WS2012R2',
      Count: 'WS2012R2',
      CompatibilityForMigrationEnabled: 'WS2012R2',
      ComputerName: 'WS2012R2',
      ExposeVirtualizationExtensions: 'WS2016',
    },
  },
  'Set-VMMemory': {
    since: 'WS2012R2',
    parameters: {
      VMName: 'WS2012R2',
      DynamicMemoryEnabled: 'WS2012R2',
      StartupBytes: 'WS2012R2',
      MinimumBytes: 'WS2012R2',
      MaximumBytes: 'WS2012R2',
      Buffer: 'WS2012R2',
      ComputerName: 'WS2012R2',
    },
  },
  'Add-VMNetworkAdapter': {
    since: 'WS2012R2',
    parameters: {
      VMName: 'WS2012R2',
      Name: 'WS2012R2',
      SwitchName: 'WS2012R2',
      ComputerName: 'WS2012R2',
      DeviceNaming: 'WS2016',
    },
  },
  'Get-VMNetworkAdapter': { since: 'WS2012R2', parameters: { VMName: 'WS2012R2', ComputerName: 'WS2012R2' } },
  'Remove-VMNetworkAdapter': { since: 'WS2012R2', parameters: {} },
  'Start-VM': { since: 'WS2012R2', parameters: { Name: 'WS2012R2', ComputerName: 'WS2012R2' } },
  'Stop-VM': {
    since: 'WS2012R2',
    parameters: { Name: 'WS2012R2', ComputerName: 'WS2012R2', TurnOff: 'WS2012R2', Force: 'WS2012R2' },
  },
  'Save-VM': { since: 'WS2012R2', parameters: { Name: 'WS2012R2', ComputerName: 'WS2012R2' } },
  'Suspend-VM': { since: 'WS2012R2', parameters: { Name: 'WS2012R2', ComputerName: 'WS2012R2' } },
  'Resume-VM': { since: 'WS2012R2', parameters: { Name: 'WS2012R2', ComputerName: 'WS2012R2' } },
  'Remove-VM': { since: 'WS2012R2', parameters: { Name: 'WS2012R2', ComputerName: 'WS2012R2', Force: 'WS2012R2' } },
  'Update-VMVersion': { since: 'WS2016', parameters: { Name: 'WS2016', ComputerName: 'WS2016', Force: 'WS2016' } },
  'Enable-VMIntegrationService': {
    since: 'WS2012R2',
    parameters: { VMName: 'WS2012R2', Name: 'WS2012R2', ComputerName: 'WS2012R2' },
  },
  'Disable-VMIntegrationService': {
    since: 'WS2012R2',
    parameters: { VMName: 'WS2012R2', Name: 'WS2012R2', ComputerName: 'WS2012R2' },
  },
  'Get-VMIntegrationService': { since: 'WS2012R2', parameters: { VMName: 'WS2012R2', ComputerName: 'WS2012R2' } },
  'Get-VM': { since: 'WS2012R2', parameters: { Id: 'WS2012R2', ComputerName: 'WS2012R2' } },
  'Get-VMHost': { since: 'WS2012R2', parameters: { ComputerName: 'WS2012R2' } },
  'New-VHD': {
    since: 'WS2012R2',
    parameters: { Path: 'WS2012R2', SizeBytes: 'WS2012R2', Dynamic: 'WS2012R2', ComputerName: 'WS2012R2' },
  },
  'Resize-VHD': { since: 'WS2012R2', parameters: { Path: 'WS2012R2', SizeBytes: 'WS2012R2', ComputerName: 'WS2012R2' } },
  'Add-VMHardDiskDrive': { since: 'WS2012R2', parameters: { VMName: 'WS2012R2', Path: 'WS2012R2', ComputerName: 'WS2012R2' } },
  // Get-VMCheckpoint, Restore-VMCheckpoint and Remove-VMCheckpoint are the checkpoint names of the *-VMSnapshot cmdlets.
  'Checkpoint-VM': { since: 'WS2012R2', parameters: { Name: 'WS2012R2', SnapshotName: 'WS2012R2', ComputerName: 'WS2012R2' } },
  'Get-VMCheckpoint': { since: 'WS2012R2', parameters: { VMName: 'WS2012R2', ComputerName: 'WS2012R2' } },
  'Restore-VMCheckpoint': { since: 'WS2012R2', parameters: { Confirm: 'WS2012R2' } },
  'Remove-VMCheckpoint': { since: 'WS2012R2', parameters: { IncludeAllChildCheckpoints: 'WS2012R2', Confirm: 'WS2012R2' } },
  'Move-VM': {
    since: 'WS2012R2',
    parameters: {
      Name: 'WS2012R2',
      DestinationHost: 'WS2012R2',
      IncludeStorage: 'WS2012R2',
      DestinationStoragePath: 'WS2012R2',
      ComputerName: 'WS2012R2',
    },
  },
  'Move-ClusterVirtualMachineRole': {
    since: 'WS2012R2',
    parameters: { Name: 'WS2012R2', Node: 'WS2012R2', Cluster: 'WS2012R2', MigrationType: 'WS2012R2' },
  },
  'Move-ClusterGroup': { since: 'WS2012R2', parameters: { Name: 'WS2012R2', Node: 'WS2012R2', Cluster: 'WS2012R2' } },
  'Start-ClusterGroup': { since: 'WS2012R2', parameters: { Name: 'WS2012R2', Cluster: 'WS2012R2' } },
  'Add-ClusterVirtualMachineRole': {
    since: 'WS2012R2',
    parameters: { VMName: 'WS2012R2', Name: 'WS2012R2', Cluster: 'WS2012R2' },
  },
  'Remove-ClusterGroup': {
    since: 'WS2012R2',
    parameters: { Name: 'WS2012R2', Cluster: 'WS2012R2', RemoveResources: 'WS2012R2', Force: 'WS2012R2' },
  },
  'Get-ClusterNode': { since: 'WS2012R2', parameters: { Name: 'WS2012R2', Cluster: 'WS2012R2' } },
  'Format-List': { since: 'WS2012R2', parameters: {} },
  'New-Cluster': { since: 'WS2012R2', parameters: { Name: 'WS2012R2', Node: 'WS2012R2', NoStorage: 'WS2012R2' } },
  'Add-ClusterNode': { since: 'WS2012R2', parameters: { Name: 'WS2012R2', Cluster: 'WS2012R2' } },
  'Remove-ClusterNode': { since: 'WS2012R2', parameters: { Name: 'WS2012R2', Cluster: 'WS2012R2', Force: 'WS2012R2' } },
  'Suspend-ClusterNode': { since: 'WS2012R2', parameters: { Name: 'WS2012R2', Cluster: 'WS2012R2', Drain: 'WS2012R2' } },
  'Resume-ClusterNode': { since: 'WS2012R2', parameters: { Name: 'WS2012R2', Cluster: 'WS2012R2', Failback: 'WS2012R2' } },
  'Start-ClusterNode': { since: 'WS2012R2', parameters: { Name: 'WS2012R2', Cluster: 'WS2012R2', ClearQuarantine: 'WS2016' } },
  'Update-ClusterFunctionalLevel': { since: 'WS2016', parameters: { Cluster: 'WS2016', Force: 'WS2016' } },
  'Install-WindowsFeature': {
    since: 'WS2012R2',
    parameters: { Name: 'WS2012R2', IncludeManagementTools: 'WS2012R2', Restart: 'WS2012R2', ComputerName: 'WS2012R2' },
  },
  'Join-Path': { since: 'WS2012R2', parameters: {} },
  'Split-Path': { since: 'WS2012R2', parameters: { Leaf: 'WS2012R2' } },
  // The simplified syntax: Where-Object <property> -EQ|-LE <value> (or a script block, which has no parameters).
  'Where-Object': { since: 'WS2012R2', parameters: { EQ: 'WS2012R2', LE: 'WS2012R2' } },
  'Sort-Object': { since: 'WS2012R2', parameters: {} },
  'Select-Object': { since: 'WS2012R2', parameters: { Last: 'WS2012R2' } },
  'Rename-VM': { since: 'WS2012R2', parameters: { NewName: 'WS2012R2' } },
  // Hyper-V Replica (every one of these is in the WS2012R2 Hyper-V module).
  'Enable-VMReplication': {
    since: 'WS2012R2',
    parameters: {
      VMName: 'WS2012R2',
      ReplicaServerName: 'WS2012R2',
      ReplicaServerPort: 'WS2012R2',
      AuthenticationType: 'WS2012R2',
      ReplicationFrequencySec: 'WS2012R2',
      RecoveryHistory: 'WS2012R2',
      VSSSnapshotFrequencyHour: 'WS2012R2',
      ReplicatedDisks: 'WS2012R2',
      ComputerName: 'WS2012R2',
    },
  },
  'Start-VMInitialReplication': { since: 'WS2012R2', parameters: { VMName: 'WS2012R2', ComputerName: 'WS2012R2' } },
  'Suspend-VMReplication': { since: 'WS2012R2', parameters: { VMName: 'WS2012R2', ComputerName: 'WS2012R2' } },
  'Resume-VMReplication': {
    since: 'WS2012R2',
    parameters: { VMName: 'WS2012R2', Resynchronize: 'WS2012R2', ComputerName: 'WS2012R2' },
  },
  'Set-VMReplication': {
    since: 'WS2012R2',
    parameters: {
      VMName: 'WS2012R2',
      ReplicatedDisks: 'WS2012R2',
      Reverse: 'WS2012R2',
      ReplicaServerName: 'WS2012R2',
      ComputerName: 'WS2012R2',
    },
  },
  'Remove-VMReplication': {
    since: 'WS2012R2',
    parameters: { VMName: 'WS2012R2', ComputerName: 'WS2012R2', Confirm: 'WS2012R2' },
  },
  'Get-VMHardDiskDrive': { since: 'WS2012R2', parameters: { VMName: 'WS2012R2', ComputerName: 'WS2012R2' } },
  'Get-VMSnapshot': {
    since: 'WS2012R2',
    parameters: { VMName: 'WS2012R2', SnapshotType: 'WS2012R2', ComputerName: 'WS2012R2' },
  },
  'Start-VMFailover': {
    since: 'WS2012R2',
    parameters: {
      VMName: 'WS2012R2',
      Prepare: 'WS2012R2',
      VMRecoverySnapshot: 'WS2012R2',
      AsTest: 'WS2012R2',
      Confirm: 'WS2012R2',
      ComputerName: 'WS2012R2',
    },
  },
  'Complete-VMFailover': { since: 'WS2012R2', parameters: { VMName: 'WS2012R2', ComputerName: 'WS2012R2', Confirm: 'WS2012R2' } },
  'Stop-VMFailover': { since: 'WS2012R2', parameters: { VMName: 'WS2012R2', ComputerName: 'WS2012R2' } },
};

const rank = (os: OsVersion) => OS_VERSIONS.indexOf(os);

/** Each cmdlet call in a script with the parameters given to it (quoted text and comments left out). */
export function cmdletCalls(script: string): Array<{ cmdlet: string; parameters: string[] }> {
  const code = script
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/"(?:[^"`]|`.)*"/g, '""');
  const calls: Array<{ cmdlet: string; parameters: string[] }> = [];
  // A call runs from its cmdlet to the end of its pipeline element, statement or sub-expression.
  for (const segment of code.split(/[|;()\n]/)) {
    const match = /\b([A-Z][a-z]+-[A-Z][A-Za-z]+)\b(.*)$/.exec(segment);
    if (!match) continue;
    calls.push({ cmdlet: match[1], parameters: [...match[2].matchAll(/(?:^|\s)-([A-Za-z]+)/g)].map((m) => m[1]) });
  }
  return calls;
}

const hostOn = (os: OsVersion, name = 'hv01'): HostRef => ({ hostId: `${name}-id`, name, osVersion: os, memoryMb: 65536 });
const vmOn = (os: OsVersion, generation: 1 | 2 = 2): VmRef => ({
  vmId: 'vm-1',
  name: 'web01',
  generation,
  configVersion: release(os).defaultConfigVersion,
  memoryMb: 2048,
  processorCount: 2,
});
const cluster = { clusterId: 'c-1', name: 'CLU01' };
const checkpoint = { checkpointId: 'cp-1', name: 'before patch', kind: 'Standard' as const, includesState: false };
const move: MoveRef = {
  vmId: 'vm-1',
  vmName: 'web01',
  fromHostId: 'hv01-id',
  toHostId: 'hv02-id',
  toHostName: 'hv02',
  migrationType: 'Live',
} as MoveRef;

/**
 * Every job the fabric can ask of a host of this OS, Hyper-V Replica's included. A job a rule
 * never sends to such a host is left out: a version update or checkpoint-type change on
 * WS2012R2, a functional-level raise or quarantine clear below WS2016.
 */
function jobsOn(os: OsVersion): Array<HypervisorOperation | OrchestratedOperation> {
  const host = hostOn(os);
  const vm = vmOn(os);
  const other = hostOn(os, 'hv02');
  const modern = rank(os) >= rank('WS2016');
  const jobs: Array<HypervisorOperation | OrchestratedOperation> = [
    {
      kind: 'create-vm',
      host,
      vm,
      configuration: {
        memory: { startupMb: 2048, dynamic: { minimumMb: 512, maximumMb: 4096, bufferPercent: 20 } },
        firmware: { secureBoot: true, secureBootTemplate: 'MicrosoftWindows' },
        adapters: [{ id: 'nic-1', name: 'Frontend', switchName: 'External' }],
        disks: [{ id: 'disk-1', name: 'os', sizeGb: 60 }],
        checkpointType: 'Production',
      },
    },
    {
      kind: 'create-vm',
      host,
      vm,
      configuration: {
        memory: { startupMb: 2048, dynamic: null },
        firmware: null,
        adapters: [],
        disks: [],
        checkpointType: 'Production',
      },
      cluster,
    },
    { kind: 'create-vm', host, vm: vmOn(os, 1) },
    { kind: 'start-vm', host, vm },
    { kind: 'stop-vm', host, vm, mode: 'shutdown' },
    { kind: 'stop-vm', host, vm, mode: 'turn-off' },
    { kind: 'save-vm', host, vm },
    { kind: 'pause-vm', host, vm },
    { kind: 'resume-vm', host, vm },
    { kind: 'delete-vm', host, vm },
    { kind: 'delete-vm', host, vm, cluster },
    { kind: 'set-vm-firmware', host, vm, secureBoot: true, secureBootTemplate: 'MicrosoftUEFICertificateAuthority' },
    { kind: 'add-network-adapter', host, vm, adapter: { id: 'nic-2', name: 'Backend', switchName: 'Internal' } },
    { kind: 'remove-network-adapter', host, vm, adapter: { id: 'nic-2', name: 'Backend', switchName: 'Internal' } },
    { kind: 'set-vm-memory', host, vm, memory: { startupMb: 4096, dynamic: null } },
    {
      kind: 'set-vm-memory',
      host,
      vm,
      memory: { startupMb: 4096, dynamic: { minimumMb: 512, maximumMb: 8192, bufferPercent: 20 } },
    },
    {
      kind: 'set-vm-processor',
      host,
      vm,
      processorCount: 4,
      compatibilityForMigration: true,
      exposeVirtualizationExtensions: modern,
    },
    { kind: 'set-integration-service', host, vm, service: 'VSS', enabled: false },
    { kind: 'set-integration-service', host, vm, service: 'GuestServiceInterface', enabled: true },
    { kind: 'update-integration-services', host, vm, version: '10.0.14393' },
    { kind: 'add-vm-disk', host, vm, disk: { id: 'disk-2', name: 'data', sizeGb: 100 } },
    { kind: 'resize-vm-disk', host, vm, disk: { id: 'disk-2', name: 'data', sizeGb: 200 } },
    { kind: 'create-checkpoint', host, vm, checkpoint },
    { kind: 'apply-checkpoint', host, vm, checkpoint, resultingState: 'Off' },
    { kind: 'delete-checkpoint', host, vm, checkpoint, subtree: true },
    { kind: 'delete-checkpoint', host, vm, checkpoint, subtree: false },
    { kind: 'migrate-vm', host, vm, destination: other, migrationType: 'Live', cluster, limits: { source: 2, destination: 2 } },
    { kind: 'migrate-vm', host, vm, destination: other, migrationType: 'Quick', cluster, limits: { source: 2, destination: 2 } },
    {
      kind: 'migrate-vm',
      host,
      vm,
      destination: other,
      migrationType: 'Live',
      cluster: null,
      limits: { source: 2, destination: 2 },
    },
    { kind: 'failover-vm', host, vm, destination: other, restart: true, cluster },
    { kind: 'create-cluster', host, cluster, nodes: [host, other] },
    { kind: 'add-cluster-node', host, cluster },
    { kind: 'evict-node', host, cluster },
    { kind: 'evict-node', host, cluster, via: other },
    { kind: 'drain-node', host, cluster, moves: [move], drain: true },
    { kind: 'resume-node', host, cluster, moves: [move], failback: true },
  ];
  jobs.push(...replicationJobsOn(os));
  if (os !== 'WS2025') {
    const next = OS_VERSIONS[rank(os) + 1];
    jobs.push(
      { kind: 'reinstall-host', host, targetOsVersion: next },
      { kind: 'reinstall-host', host, targetOsVersion: next, installFailoverClustering: true },
    );
  }
  if (modern) {
    jobs.push(
      { kind: 'upgrade-vm-version', host, vm: { ...vm, configVersion: '5.0' }, targetVersion: release(os).defaultConfigVersion },
      { kind: 'set-checkpoint-type', host, vm, checkpointType: 'ProductionOnly' },
      { kind: 'raise-functional-level', host, cluster, toLevel: release(os).functionalLevel },
      { kind: 'clear-node-quarantine', host, cluster },
    );
  }
  return jobs;
}

/** Hyper-V Replica's jobs between two hosts of this OS (the replica host `hv02`). */
function replicationJobsOn(os: OsVersion): HypervisorOperation[] {
  const host = hostOn(os);
  const vm = vmOn(os);
  const replica = hostOn(os, 'hv02');
  const disks = [{ id: 'disk-1', name: 'os' }];
  const point = { recoveryPointId: 'rp-1', hypervisorRecoveryPointId: '5b1e8c1a-0d7f-4c3e-9a51-2f6d8e4b7c90' };
  const olderPoint = { recoveryPointId: 'rp-0', recoveryPointAt: '2026-01-05T10:00:00.000Z' };
  return [
    {
      kind: 'enable-replication',
      host,
      vm,
      replica,
      frequencySeconds: 30,
      diskGb: 60,
      recoveryPoints: 4,
      applicationConsistent: true,
      disks,
    },
    {
      kind: 'enable-replication',
      host,
      vm,
      replica,
      frequencySeconds: 300,
      diskGb: 60,
      replicaBroker: { clusterId: 'c-2', name: 'CLU02-HVR' },
    },
    { kind: 'suspend-replication', host, vm, replica },
    { kind: 'resume-replication', host, vm, replica },
    { kind: 'remove-replication', host, vm, replica },
    { kind: 'resynchronize-replication', host, vm, replica, diskGb: 60 },
    { kind: 'set-replicated-disks', host, vm, replica, disks, addedDiskGb: 0 },
    { kind: 'planned-failover', host, vm, replica },
    { kind: 'unplanned-failover', host: replica, vm, primary: host, ...point },
    { kind: 'unplanned-failover', host: replica, vm, primary: host, ...olderPoint },
    { kind: 'commit-failover', host: replica, vm, recoveryPointId: 'rp-1' },
    { kind: 'start-test-failover', host: replica, vm, testVm: { vmId: 'vm-t', name: 'web01 test' }, ...point },
    { kind: 'stop-test-failover', host: replica, vm, testVmId: 'vm-t' },
    { kind: 'reverse-replication', host: replica, vm, replica: host, diskGb: 60 },
  ];
}

/** The steps of every job on this OS, with the plans the deciders compose (a move between clusters, a quarantine drain). */
function plansOn(os: OsVersion): Array<{ kind: string; steps: JobStepPlan[] }> {
  const planned = jobsOn(os).map((job) => ({ kind: job.kind, steps: stepsFor(job) }));
  const migration = { kind: 'migrate-vm' as const, host: hostOn(os), vm: vmOn('WS2012R2'), destination: hostOn(os, 'hv02') };
  const operation = { ...migration, migrationType: 'Live' as const, cluster: null, limits: { source: 2, destination: 2 } };
  // Once the host reported its ids, the VM and its checkpoints are addressed by them.
  const known = { ...vmOn(os), hypervisorId: '6f9619ff-8b86-d011-b42d-00c04fc964ff' };
  const knownCheckpoint = { ...checkpoint, hypervisorId: '0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5' };
  const byId: HypervisorOperation[] = [
    { kind: 'start-vm', host: hostOn(os), vm: known },
    { kind: 'stop-vm', host: hostOn(os), vm: known, mode: 'turn-off' },
    { kind: 'delete-vm', host: hostOn(os), vm: known },
    { kind: 'create-checkpoint', host: hostOn(os), vm: known, checkpoint: knownCheckpoint },
    { kind: 'apply-checkpoint', host: hostOn(os), vm: known, checkpoint: knownCheckpoint, resultingState: 'Off' },
    { kind: 'delete-checkpoint', host: hostOn(os), vm: known, checkpoint: knownCheckpoint, subtree: true },
  ];
  return [
    ...planned,
    ...byId.map((job) => ({ kind: `${job.kind} by Hyper-V id`, steps: stepsFor(job) })),
    {
      kind: 'migrate-vm between clusters',
      steps: crossClusterMigrationSteps(operation, cluster, { clusterId: 'c-2', name: 'CLU02' }),
    },
    { kind: 'quarantine drain', steps: [quarantinedNodeStep(cluster, hostOn(os))] },
  ];
}

describe('PowerShell parameters per host OS (every job kind × every OS)', () => {
  for (const os of OS_VERSIONS) {
    it(`uses only cmdlets and parameters that ${os} has`, () => {
      const problems: string[] = [];
      for (const job of plansOn(os)) {
        for (const step of job.steps) {
          for (const call of cmdletCalls(step.powershell)) {
            const known = CMDLETS[call.cmdlet];
            if (!known) {
              problems.push(`${job.kind}: ${call.cmdlet} is not in the table`);
              continue;
            }
            if (rank(os) < rank(known.since)) problems.push(`${job.kind}: ${call.cmdlet} does not exist on ${os}`);
            for (const parameter of call.parameters) {
              // PowerShell parameter names are case-insensitive.
              const name = Object.keys(known.parameters).find((p) => p.toLowerCase() === parameter.toLowerCase());
              const since = name ? known.parameters[name] : undefined;
              if (!since) problems.push(`${job.kind}: ${call.cmdlet} -${parameter} is not in the table`);
              else if (rank(os) < rank(since)) problems.push(`${job.kind}: ${call.cmdlet} -${parameter} does not exist on ${os}`);
            }
          }
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it('finds the cmdlets and parameters of a script, leaving out quoted text and comments', () => {
    expect(
      cmdletCalls(
        '# Set-VM -Fake\nGet-VMNetworkAdapter -VMName "a -Name b" -ComputerName "h" | Where-Object Name -eq "x" | Remove-VMNetworkAdapter',
      ),
    ).toEqual([
      { cmdlet: 'Get-VMNetworkAdapter', parameters: ['VMName', 'ComputerName'] },
      { cmdlet: 'Where-Object', parameters: ['eq'] },
      { cmdlet: 'Remove-VMNetworkAdapter', parameters: [] },
    ]);
  });

  it('catches what WS2012R2 lacks: New-VM -Version would be reported', () => {
    const problems = cmdletCalls('New-VM -Name "a" -Version 8.0').flatMap((call) =>
      call.parameters.filter((p) => rank('WS2012R2') < rank(CMDLETS[call.cmdlet].parameters[p] ?? 'WS2025')),
    );
    expect(problems).toEqual(['Version']);
  });
});
