import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { FabricClient, type Accepted, type Vm } from '../src/client';
import { fabricClient, hostBody, notFound, vmBody } from './support/fabric';
import { startTestApp, TestApp, eventually } from './support/test-app';

describe('VM lifecycle over HTTP, through jobs, BullMQ and the simulated fleet', () => {
  let t: TestApp;
  let fabric: FabricClient;
  let hostId: string;

  before(async () => {
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0.001' });
    fabric = fabricClient(t);
    hostId = (await fabric.post('/v1/hosts', { body: hostBody({ name: 'hv-e2e', address: '10.0.0.21' }) })).id;
  });
  after(async () => {
    await t?.close();
  });

  const byId = (id: string) => ({ params: { path: { id } } });

  const vmState = async (vmId: string, state: Vm['state']) =>
    eventually(
      async () => {
        const vm = await fabric.get('/v1/vms/{id}', byId(vmId)).catch(() => undefined);
        return vm?.state === state ? vm : undefined;
      },
      15000,
      `VM ${vmId} to be ${state}`,
    );

  it('creates, starts, saves, starts, stops and deletes a VM', async () => {
    const { data, response } = await fabric.raw.POST('/v1/vms', { body: vmBody({ hostId }) });
    expect(response.status).toBe(202);
    const created = data as Accepted | undefined;
    expect(response.headers.get('location')).toBe(`/v1/jobs/${created!.jobId}`);
    expect(created).toMatchObject({ status: 'Queued', resource: { type: 'vm' } });
    const vmId = created!.resource.id;
    const createJob = await fabric.followJob(created!.jobId, { allowFailure: true });
    expect(createJob).toMatchObject({ kind: 'create-vm', status: 'Succeeded', progress: 100, target: { type: 'vm', id: vmId } });
    expect(createJob.steps[0]).toMatchObject({ status: 'Succeeded' });
    expect(createJob.steps[0].powershell).toContain('New-VM -Name "web01" -Generation 2 -Version 8.0');
    const off = await vmState(vmId, 'Off');
    expect(off).toMatchObject({ configVersion: '8.0', generation: 2, tenant: 'contoso', checkpointType: 'Production' });

    const steps: Array<[() => Promise<{ jobId: string }>, Vm['state']]> = [
      [() => fabric.post('/v1/vms/{id}/start', byId(vmId)), 'Running'],
      [() => fabric.post('/v1/vms/{id}/save', byId(vmId)), 'Saved'],
      [() => fabric.post('/v1/vms/{id}/start', byId(vmId)), 'Running'],
      [() => fabric.post('/v1/vms/{id}/stop', { ...byId(vmId), body: { mode: 'shutdown' } }), 'Off'],
    ];
    for (const [send, expected] of steps) {
      const accepted = await send();
      const job = await fabric.followJob(accepted.jobId, { allowFailure: true });
      expect(job.status).toBe('Succeeded');
      await vmState(vmId, expected);
      if (expected === 'Running') {
        const hostNow = await eventually(async () => {
          const h = await fabric.get('/v1/hosts/{id}', byId(hostId));
          return h.memoryUsedMb === 4096 ? h : undefined;
        });
        expect(hostNow.memoryUsedMb).toBe(4096);
      }
    }
    const removed = await fabric.delete('/v1/vms/{id}', byId(vmId));
    expect((await fabric.followJob(removed.jobId, { allowFailure: true })).status).toBe('Succeeded');
    await eventually(() => notFound(fabric.get('/v1/vms/{id}', byId(vmId))));
  });

  it('rejects a conflicting command at once with its code', async () => {
    const created = await fabric.command('post', '/v1/vms', { body: vmBody({ hostId }, { name: 'busy01' }) });
    const vmId = created.job!.target.id;
    await expect(fabric.post('/v1/vms/{id}/pause', byId(vmId))).rejects.toMatchObject({
      status: 409,
      code: 'INVALID_VM_STATE',
    });
    const started = await fabric.command('post', '/v1/vms/{id}/start', byId(vmId), { waitSeconds: 10 });
    expect(started.reply).toMatchObject({ kind: 'start-vm', status: 'Succeeded' });
    await expect(fabric.delete('/v1/vms/{id}', byId(vmId))).rejects.toMatchObject({ status: 409, code: 'INVALID_VM_STATE' });
  });

  it('turns a driver fault into a failed job, keeps the VM consistent, and restarts once the fault is cleared', async () => {
    const created = await fabric.command('post', '/v1/vms', { body: vmBody({ hostId }, { name: 'faulty01' }) }, { waitSeconds: 10 });
    expect(created.reply).toMatchObject({ kind: 'create-vm', status: 'Succeeded' });
    const vmId = created.job!.target.id;
    await fabric.put('/v1/simulator/faults', { body: { hostId, failOperations: ['start-vm'] } });
    const { job: start } = await fabric.command('post', '/v1/vms/{id}/start', byId(vmId), { waitSeconds: 10, allowFailure: true });
    expect(start!.status).toBe('Failed');
    expect(start!.error!.code).toBe('OPERATION_FAILED');
    await vmState(vmId, 'Off');
    const { job: stillBlocked } = await fabric.command('post', '/v1/jobs/{id}/restart', byId(start!.id), {
      waitSeconds: 10,
      allowFailure: true,
    });
    expect(stillBlocked).toMatchObject({ status: 'Failed', attempt: 2 });
    await fabric.delete('/v1/simulator/faults', { params: { query: { hostId } } });
    const { job: restarted } = await fabric.command('post', '/v1/jobs/{id}/restart', byId(start!.id), { waitSeconds: 10 });
    expect(restarted).toMatchObject({ id: start!.id, status: 'Succeeded', attempt: 3 });
    await vmState(vmId, 'Running');
    await expect(fabric.post('/v1/jobs/{id}/restart', byId(start!.id))).rejects.toMatchObject({
      status: 409,
      code: 'JOB_NOT_RESTARTABLE',
    });
  });
});
