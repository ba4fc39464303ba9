import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { startTestApp, TestApp, eventually } from './support/test-app';

const host = {
  name: 'hv-e2e',
  address: '10.0.0.21',
  osVersion: 'WS2016',
  slat: true,
  cpuVendor: 'Intel',
  logicalProcessors: 16,
  memoryMb: 65536,
};

const vm = (hostId: string) => ({
  name: 'web01',
  tenant: 'contoso',
  hostId,
  generation: 2,
  guestOs: { family: 'windows', version: '2016' },
  memory: { startupMb: 4096 },
  processorCount: 2,
  networkAdapters: [{ name: 'Frontend', switchName: 'External' }],
  disks: [{ name: 'os', sizeGb: 60 }],
});

describe('VM lifecycle over HTTP, through jobs, BullMQ and the simulated fleet', () => {
  let t: TestApp;
  let hostId: string;

  before(async () => {
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0.001' });
    const created = await t.request('POST', '/v1/hosts', { body: host });
    hostId = created.body.id;
  });
  after(async () => {
    await t?.close();
  });

  const waitJob = async (jobId: string) =>
    eventually(
      async () => {
        const r = await t.request('GET', `/v1/jobs/${jobId}`);
        return ['Succeeded', 'Failed', 'Cancelled'].includes(r.body?.status) ? r.body : undefined;
      },
      15000,
      `job ${jobId} to end`,
    );

  const vmState = async (vmId: string, state: string) =>
    eventually(
      async () => {
        const r = await t.request('GET', `/v1/vms/${vmId}`);
        return r.body?.state === state ? r.body : undefined;
      },
      15000,
      `VM ${vmId} to be ${state}`,
    );

  it('creates, starts, saves, starts, stops and deletes a VM', async () => {
    const created = await t.request('POST', '/v1/vms', { body: vm(hostId) });
    expect(created.status).toBe(202);
    expect(created.headers.get('location')).toBe(`/v1/jobs/${created.body.jobId}`);
    expect(created.body).toMatchObject({ status: 'Queued', resource: { type: 'vm' } });
    const vmId = created.body.resource.id;
    const createJob = await waitJob(created.body.jobId);
    expect(createJob).toMatchObject({ kind: 'create-vm', status: 'Succeeded', progress: 100, target: { type: 'vm', id: vmId } });
    expect(createJob.steps[0]).toMatchObject({ status: 'Succeeded' });
    expect(createJob.steps[0].powershell).toContain('New-VM -Name "web01" -Generation 2 -Version 8.0');
    const off = await vmState(vmId, 'Off');
    expect(off).toMatchObject({ configVersion: '8.0', generation: 2, tenant: 'contoso', checkpointType: 'Production' });

    for (const [action, body, expected] of [
      ['start', undefined, 'Running'],
      ['save', undefined, 'Saved'],
      ['start', undefined, 'Running'],
      ['stop', { mode: 'shutdown' }, 'Off'],
    ] as const) {
      const r = await t.request('POST', `/v1/vms/${vmId}/${action}`, { body: body ?? {} });
      expect(r.status).toBe(202);
      const job = await waitJob(r.body.jobId);
      expect(job.status).toBe('Succeeded');
      await vmState(vmId, expected);
      if (expected === 'Running') {
        const hostNow = await eventually(async () => {
          const h = await t.request('GET', `/v1/hosts/${hostId}`);
          return h.body.memoryUsedMb === 4096 ? h.body : undefined;
        });
        expect(hostNow.memoryUsedMb).toBe(4096);
      }
    }
    const removed = await t.request('DELETE', `/v1/vms/${vmId}`);
    expect(removed.status).toBe(202);
    expect((await waitJob(removed.body.jobId)).status).toBe('Succeeded');
    await eventually(async () => ((await t.request('GET', `/v1/vms/${vmId}`)).status === 404 ? true : undefined));
  });

  it('rejects a conflicting command at once with its code', async () => {
    const created = await t.request('POST', '/v1/vms', { body: { ...vm(hostId), name: 'busy01' } });
    const vmId = created.body.resource.id;
    await waitJob(created.body.jobId);
    const paused = await t.request('POST', `/v1/vms/${vmId}/pause`, { body: {} });
    expect(paused.status).toBe(409);
    expect(paused.body.code).toBe('INVALID_VM_STATE');
    const started = await t.request('POST', `/v1/vms/${vmId}/start`, { body: {}, headers: { prefer: 'wait=10' } });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ kind: 'start-vm', status: 'Succeeded' });
    const deleted = await t.request('DELETE', `/v1/vms/${vmId}`);
    expect(deleted.status).toBe(409);
    expect(deleted.body.code).toBe('INVALID_VM_STATE');
  });

  it('turns a driver fault into a failed job, keeps the VM consistent, and restarts once the fault is cleared', async () => {
    const created = await t.request('POST', '/v1/vms', {
      body: { ...vm(hostId), name: 'faulty01' },
      headers: { prefer: 'wait=10' },
    });
    expect(created.status).toBe(200);
    const vmId = created.body.target.id;
    const fault = await t.request('PUT', '/v1/simulator/faults', { body: { hostId, failOperations: ['start-vm'] } });
    expect(fault.status).toBe(200);
    const start = await t.request('POST', `/v1/vms/${vmId}/start`, { body: {}, headers: { prefer: 'wait=10' } });
    expect(start.status).toBe(200);
    expect(start.body.status).toBe('Failed');
    expect(start.body.error.code).toBe('OPERATION_FAILED');
    await vmState(vmId, 'Off');
    const stillBlocked = await t.request('POST', `/v1/jobs/${start.body.id}/restart`, {
      body: {},
      headers: { prefer: 'wait=10' },
    });
    expect(stillBlocked.body.status).toBe('Failed');
    expect(stillBlocked.body.attempt).toBe(2);
    expect((await t.request('DELETE', `/v1/simulator/faults?hostId=${hostId}`)).status).toBe(200);
    const restarted = await t.request('POST', `/v1/jobs/${start.body.id}/restart`, { body: {}, headers: { prefer: 'wait=10' } });
    expect(restarted.status).toBe(200);
    expect(restarted.body).toMatchObject({ id: start.body.id, status: 'Succeeded', attempt: 3 });
    await vmState(vmId, 'Running');
    const succeededAgain = await t.request('POST', `/v1/jobs/${start.body.id}/restart`, { body: {} });
    expect(succeededAgain.status).toBe(409);
    expect(succeededAgain.body.code).toBe('JOB_NOT_RESTARTABLE');
  });
});
