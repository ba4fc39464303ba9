import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { Job as BullJob, Queue, Worker } from 'bullmq';
import { FabricClient } from '../src/client';
import { JobQueue, QueuedJob, queueJobId } from '../src/jobs/job-queue';
import { DRIVER_FAULT_TRIES, JobWorker } from '../src/jobs/job-worker';
import { byId, eventsOf, fabricClient, hostBody, simulatedVm, vmBody, vmWhere } from './support/fabric';
import { startTestApp, TestApp } from './support/test-app';

/**
 * A PowerShell remoting session that drops while an operation runs is a fault of the driver, not an
 * answer of the host: the worker tries the job again with BullMQ's back-off and, after its last try,
 * fails it with DRIVER_FAULT. The tries are counted three ways: the worker's `failed` events (one
 * per try that is tried again), BullMQ's own count of the queued job's starts, and the problem's
 * detail.
 */
describe('a dropped remoting session: the job is tried again, then fails with DRIVER_FAULT', () => {
  let t: TestApp;
  let fabric: FabricClient;
  let hostId: string;
  let queue: Queue<QueuedJob>;
  let worker: Worker<QueuedJob>;
  /** Every try of a job the worker gave back to BullMQ to try again: the job's attemptsMade then, and the error. */
  const triedAgain: Array<{ jobId: string; attemptsMade: number; message: string }> = [];
  const onFailed = (job: BullJob<QueuedJob> | undefined, error: Error) => {
    if (job) triedAgain.push({ jobId: job.data.jobId, attemptsMade: job.attemptsMade, message: error.message });
  };

  before(async () => {
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0.001' });
    fabric = fabricClient(t);
    queue = t.app.get(JobQueue, { strict: false }).queue;
    worker = t.app.get(JobWorker, { strict: false }).worker as Worker<QueuedJob>;
    worker.on('failed', onFailed);
    hostId = (await fabric.post('/v1/hosts', { body: hostBody({ name: 'hv-winrm', address: '10.0.9.1' }) })).id;
  });
  after(async () => {
    worker?.off('failed', onFailed);
    await t?.close();
  });

  const createdVm = async (name: string) => {
    const created = await fabric.command('post', '/v1/vms', { body: vmBody({ hostId }, { name }) }, { waitSeconds: 10 });
    expect(created.job).toMatchObject({ kind: 'create-vm', status: 'Succeeded' });
    return created.job!.target.id;
  };
  const bullJob = async (jobId: string) => (await queue.getJob(queueJobId(jobId, 1)))!;
  const resetMessage = () => `The WinRM session to host hv-winrm (${hostId}) was reset while running start-vm`;

  it('fails a start whose session drops on every try with DRIVER_FAULT after exactly three tries, the VM left Off', async () => {
    const vmId = await createdVm('dropped01');
    const faults = await fabric.put('/v1/simulator/faults', { body: { hostId, dropSessions: ['start-vm'] } });
    expect(faults).toMatchObject({ hostId, dropSessions: ['start-vm'], failOperations: [] });

    const { job } = await fabric.command('post', '/v1/vms/{id}/start', byId(vmId), { waitSeconds: 30, allowFailure: true });
    expect(job).toMatchObject({ kind: 'start-vm', status: 'Failed', attempt: 1, error: { code: 'DRIVER_FAULT' } });
    expect(job!.error!.detail).toBe(
      `the hypervisor driver failed ${DRIVER_FAULT_TRIES} times: ${resetMessage()} ` +
        '(injected fault: the simulator is set to drop the remoting session of start-vm on this host)',
    );
    expect(DRIVER_FAULT_TRIES).toBe(3);

    // The first two tries went back to BullMQ, each with the transport error; the third ended the job.
    const tries = triedAgain.filter((failure) => failure.jobId === job!.id);
    expect(tries.map((failure) => failure.attemptsMade)).toEqual([1, 2]);
    for (const failure of tries) expect(failure.message).toContain(resetMessage());
    const queued = await bullJob(job!.id);
    expect(queued.attemptsStarted).toBe(3);
    expect(await queued.getState()).toBe('completed');
    expect(queued.stacktrace).toHaveLength(2);

    // Nothing started: the fabric and the host both have the VM Off, and no VmStarted was recorded.
    await vmWhere(fabric, vmId, (vm) => vm.state === 'Off' && vm.pendingJobId == null, 'to be Off with no job pending');
    expect((await simulatedVm(fabric, vmId))?.state).toBe('Off');
    expect((await eventsOf(fabric, 'VmStarted')).filter((e) => e.streamId === `vm-${vmId}`)).toEqual([]);

    // A failed job like any other: once the session holds, a restart starts the VM.
    await fabric.delete('/v1/simulator/faults', { params: { query: { hostId } } });
    const { job: restarted } = await fabric.command('post', '/v1/jobs/{id}/restart', byId(job!.id), { waitSeconds: 30 });
    expect(restarted).toMatchObject({ id: job!.id, status: 'Succeeded', attempt: 2 });
    await vmWhere(fabric, vmId, (vm) => vm.state === 'Running', 'to be Running');
  });

  it('succeeds on the second try when the session holds again after the first one dropped', async () => {
    const vmId = await createdVm('dropped02');
    await fabric.put('/v1/simulator/faults', { body: { hostId, dropSessions: ['start-vm'] } });
    // The worker (at once, in this process) and the queue (in Redis) pause as soon as the first try
    // is given back, so the second cannot start before the fault is cleared, however long the back-off.
    let firstTryFailed!: (jobId: string) => void;
    const firstFailure = new Promise<string>((resolve) => (firstTryFailed = resolve));
    const pauseOnFirst = (job: BullJob<QueuedJob> | undefined) => {
      void worker.pause(true);
      void queue.pause();
      if (job) firstTryFailed(job.data.jobId);
    };
    worker.once('failed', pauseOnFirst);
    try {
      const accepted = await fabric.post('/v1/vms/{id}/start', byId(vmId));
      // A job that ends without being given back to BullMQ fails the test here rather than leaving it waiting.
      const endedInstead = fabric.followJob(accepted.jobId, { allowFailure: true }).then((job) => {
        throw new Error(`the job ended ${job.status} (${job.error?.code ?? 'no error'}) without being tried again`);
      });
      expect(await Promise.race([firstFailure, endedInstead])).toBe(accepted.jobId);
      const waiting = await bullJob(accepted.jobId);
      expect(waiting).toMatchObject({ attemptsMade: 1, attemptsStarted: 1, failedReason: expect.stringContaining(resetMessage()) });
      // Between tries the job is still Running: a dropped session is not the job's outcome.
      expect(await fabric.get('/v1/jobs/{id}', byId(accepted.jobId))).toMatchObject({ status: 'Running', error: null });

      await fabric.delete('/v1/simulator/faults', { params: { query: { hostId } } });
      await queue.resume();
      worker.resume();
      const finished = await fabric.followJob(accepted.jobId, { timeoutMs: 30_000 });
      expect(finished).toMatchObject({ status: 'Succeeded', attempt: 1, error: null });
      expect((await bullJob(accepted.jobId)).attemptsStarted).toBe(2);
      expect(triedAgain.filter((failure) => failure.jobId === accepted.jobId)).toHaveLength(1);
      await vmWhere(fabric, vmId, (vm) => vm.state === 'Running', 'to be Running');
      expect((await simulatedVm(fabric, vmId))?.state).toBe('Running');
    } finally {
      worker.off('failed', pauseOnFirst);
      await queue.resume();
      worker.resume();
    }
  });
});
