import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'expect';
import type { HypervisorOperation } from './hypervisor-driver.port';
import { intentAsRecorded, jobCommandOfIntent } from './job-intent';
import type { JobRequest } from './job.events';

const now = '2026-11-26T12:00:01.000Z';
const operation: HypervisorOperation = {
  kind: 'start-vm',
  host: { hostId: '0b8f2c1e-7d4a-4e59-9a63-2f1c5d8e7b40', name: 'hv01', osVersion: 'WS2016', memoryMb: 65536 },
  vm: {
    vmId: '5f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
    name: 'web01',
    generation: 2,
    configVersion: '8.0',
    memoryMb: 2048,
    processorCount: 2,
  },
};
/** A plan whose PowerShell no operation alone would give (a cross-cluster move adds steps of its own). */
const job: JobRequest = {
  jobId: '3c2b1a09-8f7e-4d6c-b5a4-9382716a5b4c',
  attempt: 1,
  kind: 'start-vm',
  target: { type: 'vm', id: operation.vm.vmId },
  steps: [
    { name: 'Start the virtual machine', powershell: 'Start-VM -Name "web01" -ComputerName "hv01"' },
    { name: 'Make web01 a role of cluster CLU02', powershell: 'Add-ClusterVirtualMachineRole -Cluster "CLU02" -VMName "web01"' },
  ],
  operation,
  requestedBy: { actor: 'alice', role: 'vm-operator' },
  tenant: 'contoso',
};
const decided = { vmId: operation.vm.vmId, job, requestedAt: now };

describe('job intents: the PowerShell recorded once, with the job', () => {
  it('records the intent with its job request and step names, without the PowerShell', () => {
    expect(intentAsRecorded(decided)).toEqual({
      vmId: operation.vm.vmId,
      job: {
        jobId: job.jobId,
        attempt: 1,
        kind: 'start-vm',
        target: job.target,
        steps: [{ name: 'Start the virtual machine' }, { name: 'Make web01 a role of cluster CLU02' }],
        operation,
        requestedBy: job.requestedBy,
        tenant: 'contoso',
      },
      requestedAt: now,
    });
    expect(decided.job.steps[0].powershell).toBe('Start-VM -Name "web01" -ComputerName "hv01"');
  });

  it('leaves data without a job request as it is, and an intent recorded already', () => {
    const other = { vmId: operation.vm.vmId, at: now };
    expect(intentAsRecorded(other)).toBe(other);
    const recorded = intentAsRecorded(decided);
    expect(intentAsRecorded(recorded)).toBe(recorded);
  });

  it('creates the job from the intent as decided with the whole plan: the job holds the PowerShell', () => {
    expect(jobCommandOfIntent({ data: decided }, now)).toEqual({
      streamId: `job-${job.jobId}`,
      command: { type: 'CreateJob', request: job, now },
    });
  });

  it('restarts the job of a later attempt with the whole plan', () => {
    expect(jobCommandOfIntent({ data: { ...decided, job: { ...job, attempt: 2 } } }, now)).toEqual({
      streamId: `job-${job.jobId}`,
      command: { type: 'RestartJob', jobId: job.jobId, attempt: 2, operation, steps: job.steps, now },
    });
  });

  it("writes the PowerShell of a stored intent's steps again from its operation (the job creator's safety net)", () => {
    const command = jobCommandOfIntent({ data: intentAsRecorded(decided) }, now)?.command;
    expect(command).toEqual({
      type: 'CreateJob',
      request: {
        ...job,
        steps: [
          { name: 'Start the virtual machine', powershell: 'Start-VM -Name "web01" -ComputerName "hv01"' },
          // Not in the operation's own plan: the step keeps its name.
          { name: 'Make web01 a role of cluster CLU02', powershell: '' },
        ],
      },
      now,
    });
  });

  it('creates the job of an intent stored with a copy of the PowerShell from that copy', () => {
    const stored = JSON.parse(
      readFileSync(
        join(__dirname, '..', '..', '..', '..', 'src', 'jobs', 'fixtures', 'vm-start-requested-with-powershell.v1.json'),
        'utf8',
      ),
    ) as { data: { job: JobRequest } };
    const command = jobCommandOfIntent(stored, now)?.command;
    expect(command).toEqual({ type: 'CreateJob', request: stored.data.job, now });
    expect(stored.data.job.steps[0].powershell).toBe('Start-VM -Name "web01" -ComputerName "hv01" # as planned when stored');
  });
});
