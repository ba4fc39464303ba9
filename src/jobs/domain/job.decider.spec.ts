import { describe, it } from 'node:test';
import { expect } from 'expect';
import { deciderSpec } from '../../../test/support/decider-spec';
import { fold } from '../../platform/domain/decider';
import type { HypervisorOperation } from './hypervisor-driver.port';
import { jobDecider, JobState } from './job.decider';
import { JobCommand } from './job.commands';
import { JobEvent, JobRequest, JobStepPlan } from './job.events';

const spec = deciderSpec(jobDecider);
const jobId = '3c2b1a09-8f7e-4d6c-b5a4-9382716a5b4c';
const vmId = '5f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const t0 = '2026-11-26T12:00:00.000Z';
const t1 = '2026-11-26T12:00:01.000Z';
const t2 = '2026-11-26T12:00:02.000Z';
const problem = { code: 'HOST_UNRESPONSIVE', detail: 'hv01 did not answer' };

const operation: HypervisorOperation = {
  kind: 'start-vm',
  host: { hostId: 'h1', name: 'hv01', osVersion: 'WS2016', memoryMb: 65536 },
  vm: { vmId, name: 'web01', generation: 2, configVersion: '8.0', memoryMb: 2048, processorCount: 2 },
};

/** Two steps, so that step bookkeeping and progress can be seen; real VM jobs have one. */
const steps: JobStepPlan[] = [
  { name: 'Start the virtual machine', powershell: 'Start-VM -Name "web01" -ComputerName "hv01"' },
  { name: 'Wait for the heartbeat', powershell: 'Wait-VM -Name "web01" -For Heartbeat -ComputerName "hv01"' },
];

const jobRequest: JobRequest = {
  jobId,
  attempt: 1,
  kind: 'start-vm',
  target: { type: 'vm', id: vmId },
  steps,
  operation,
  requestedBy: { actor: 'alice', role: 'tenant-admin' },
};

const createJob: JobCommand = { type: 'CreateJob', request: jobRequest, now: t0 };
const restart = (attempt = 2): JobCommand => ({ type: 'RestartJob', jobId, attempt, operation, steps, now: t2 });
const startJob = (attempt = 1): JobCommand => ({ type: 'StartJob', attempt, now: t1 });
const startStep = (index: number, attempt = 1): JobCommand => ({ type: 'StartJobStep', attempt, index, now: t1 });
const completeStep = (index: number, attempt = 1): JobCommand => ({ type: 'CompleteJobStep', attempt, index, now: t2 });
const completeSteps = (indices: number[], attempt = 1): JobCommand => ({ type: 'CompleteJobSteps', attempt, indices, now: t2 });
const startJobWithStep = (attempt = 1): JobCommand => ({ type: 'StartJob', attempt, steps: [0], now: t1 });
const completeStepsAndSucceed = (indices: number[], attempt = 1): JobCommand => ({
  type: 'CompleteJobSteps',
  attempt,
  indices,
  result: { memoryDemandMb: 1536 },
  now: t2,
});
const succeed = (attempt = 1): JobCommand => ({ type: 'SucceedJob', attempt, result: { memoryDemandMb: 1536 }, now: t2 });
const fail = (attempt = 1): JobCommand => ({ type: 'FailJob', attempt, problem, now: t2 });
const cancel: JobCommand = { type: 'CancelJob', now: t1, by: 'alice' };
const confirmCancelled = (attempt = 1): JobCommand => ({ type: 'ConfirmJobCancelled', attempt, now: t2 });

/** Runs commands one after another over the events they produce, like the command handler does. */
function history(commands: readonly JobCommand[], start: readonly JobEvent[] = []): JobEvent[] {
  const events = [...start];
  for (const command of commands) events.push(...jobDecider.decide(command, fold(jobDecider, events)));
  return events;
}

const stateOf = (events: readonly JobEvent[]) => {
  const state = fold(jobDecider, events);
  if (state.status === 'None') throw new Error('no job');
  return state;
};
const stepStatuses = (state: Exclude<JobState, { status: 'None' }>) => state.steps.map((s) => s.status);

const queued = () => history([createJob]);
const running = () => history([createJob, startJob()]);
const runningStep = () => history([createJob, startJob(), startStep(0)]);
const succeeded = () => history([createJob, startJob(), startStep(0), completeStep(0), startStep(1), completeStep(1), succeed()]);
const failed = () => history([createJob, startJob(), startStep(0), fail()]);
const cancelled = () => history([createJob, cancel]);
const outcome = (at: string, attempt = 1) => ({
  jobId,
  kind: 'start-vm',
  target: { type: 'vm' as const, id: vmId },
  attempt,
  at,
});

/** Every report a worker sends, for one attempt. */
const workerReports = (attempt: number): Array<[string, JobCommand]> => [
  ['StartJob', startJob(attempt)],
  ['StartJob with its first step', startJobWithStep(attempt)],
  ['StartJobStep', startStep(0, attempt)],
  ['CompleteJobStep', completeStep(0, attempt)],
  ['CompleteJobSteps', completeSteps([0, 1], attempt)],
  ['CompleteJobSteps with the result', completeStepsAndSucceed([0, 1], attempt)],
  ['SucceedJob', succeed(attempt)],
  ['FailJob', fail(attempt)],
  ['ConfirmJobCancelled', confirmCancelled(attempt)],
];

describe('job decider: creation', () => {
  it('creates a queued job from the request of an intent', () => {
    spec
      .given([])
      .when(createJob)
      .then([{ type: 'JobCreated', data: { ...jobRequest, createdAt: t0 } }]);
    const state = stateOf(queued());
    expect(state).toMatchObject({ status: 'Queued', attempt: 1, progress: 0, cancelRequested: false, problem: null });
    expect(stepStatuses(state)).toEqual(['Pending', 'Pending']);
  });

  it('creates the job only once when the intent is dispatched twice', () => {
    spec.given(queued()).when(createJob).then([]);
    spec.given(running()).when(createJob).then([]);
  });
});

describe('job decider: running', () => {
  it('starts a queued job', () => {
    spec
      .given(queued())
      .when(startJob())
      .then([{ type: 'JobStarted', data: { jobId, attempt: 1, at: t1 } }]);
    expect(stateOf(running()).status).toBe('Running');
  });

  it('starts a step', () => {
    spec
      .given(running())
      .when(startStep(0))
      .then([{ type: 'JobStepStarted', data: { jobId, attempt: 1, index: 0, at: t1 } }]);
    const state = stateOf(runningStep());
    expect(stepStatuses(state)).toEqual(['Running', 'Pending']);
    expect(state.steps[0].startedAt).toBe(t1);
  });

  it('ignores a step that does not exist', () => {
    spec.given(running()).when(startStep(2)).then([]);
    spec.given(running()).when(completeStep(7)).then([]);
  });

  it('completes a step and moves the progress on to the share of steps done', () => {
    spec
      .given(runningStep())
      .when(completeStep(0))
      .then([{ type: 'JobStepSucceeded', data: { jobId, attempt: 1, index: 0, at: t2 } }]);
    const state = stateOf(history([completeStep(0)], runningStep()));
    expect(stepStatuses(state)).toEqual(['Succeeded', 'Pending']);
    expect(state.steps[0].finishedAt).toBe(t2);
    expect(state.progress).toBe(50);
  });

  it('records the success of the job with its result', () => {
    spec
      .given(history([completeStep(0), startStep(1), completeStep(1)], runningStep()))
      .when(succeed())
      .then([{ type: 'JobSucceeded', data: { ...outcome(t2), result: { memoryDemandMb: 1536 } } }]);
    expect(stateOf(succeeded())).toMatchObject({ status: 'Succeeded', progress: 100 });
  });

  it('records the failure of the job with its problem and fails the running step', () => {
    spec
      .given(runningStep())
      .when(fail())
      .then([{ type: 'JobFailed', data: { ...outcome(t2), problem } }]);
    const state = stateOf(failed());
    expect(state).toMatchObject({ status: 'Failed', problem });
    expect(stepStatuses(state)).toEqual(['Failed', 'Pending']);
    expect(state.steps[0].finishedAt).toBe(t2);
  });

  it('can fail a job that never started', () => {
    spec
      .given(queued())
      .when(fail())
      .then([{ type: 'JobFailed', data: { ...outcome(t2), problem } }]);
  });
});

describe('job decider: progress', () => {
  it('records progress only at step boundaries: each finished step is its share of the job', () => {
    expect(stateOf(runningStep()).progress).toBe(0);
    expect(stateOf(history([completeStep(0)], runningStep())).progress).toBe(50);
    expect(stateOf(succeeded()).progress).toBe(100);
  });

  it('has no command for progress between boundaries: a running step records nothing until it ends', () => {
    const types = succeeded().map((e) => e.type);
    expect(types).toEqual([
      'JobCreated',
      'JobStarted',
      'JobStepStarted',
      'JobStepSucceeded',
      'JobStepStarted',
      'JobStepSucceeded',
      'JobSucceeded',
    ]);
  });
});

describe('job decider: steps finished together', () => {
  it('completes the running step and every later one in one decision, the later ones started when they finished', () => {
    spec
      .given(runningStep())
      .when(completeSteps([0, 1]))
      .then([
        { type: 'JobStepSucceeded', data: { jobId, attempt: 1, index: 0, at: t2 } },
        { type: 'JobStepSucceeded', data: { jobId, attempt: 1, index: 1, at: t2 } },
      ]);
    const state = stateOf(history([completeSteps([0, 1])], runningStep()));
    expect(state.progress).toBe(100);
    expect(state.steps.map(({ status, startedAt, finishedAt }) => ({ status, startedAt, finishedAt }))).toEqual([
      { status: 'Succeeded', startedAt: t1, finishedAt: t2 },
      { status: 'Succeeded', startedAt: t2, finishedAt: t2 },
    ]);
  });

  it('skips steps already done and steps that do not exist, so a redelivery records nothing', () => {
    spec
      .given(history([completeStep(0)], runningStep()))
      .when(completeSteps([0, 1, 7]))
      .then([{ type: 'JobStepSucceeded', data: { jobId, attempt: 1, index: 1, at: t2 } }]);
    spec
      .given(history([completeSteps([0, 1])], runningStep()))
      .when(completeSteps([0, 1]))
      .then([]);
  });
});

describe('job decider: a worker run in two commands (start with the first step; last steps with the result)', () => {
  const startedWithStep = () => history([createJob, startJobWithStep()]);
  const stepBoundaries = (state: Exclude<JobState, { status: 'None' }>) =>
    state.steps.map(({ status, startedAt, finishedAt }) => ({ status, startedAt, finishedAt }));

  it('starts the job and its first step in one decision', () => {
    spec
      .given(queued())
      .when(startJobWithStep())
      .then([
        { type: 'JobStarted', data: { jobId, attempt: 1, at: t1 } },
        { type: 'JobStepStarted', data: { jobId, attempt: 1, index: 0, at: t1 } },
      ]);
    const state = stateOf(startedWithStep());
    expect(state.status).toBe('Running');
    expect(stepBoundaries(state)).toEqual([
      { status: 'Running', startedAt: t1, finishedAt: null },
      { status: 'Pending', startedAt: null, finishedAt: null },
    ]);
  });

  it('records the same events as the separate start of the job and of its step', () => {
    expect(startedWithStep()).toEqual(runningStep());
  });

  it('starts only the step of a job already started (by a start without steps)', () => {
    spec
      .given(running())
      .when(startJobWithStep())
      .then([{ type: 'JobStepStarted', data: { jobId, attempt: 1, index: 0, at: t1 } }]);
  });

  it('starts no step twice and none that does not exist', () => {
    spec.given(startedWithStep()).when(startJobWithStep()).then([]);
    spec
      .given(queued())
      .when({ type: 'StartJob', attempt: 1, steps: [0, 0, 9], now: t1 })
      .then([
        { type: 'JobStarted', data: { jobId, attempt: 1, at: t1 } },
        { type: 'JobStepStarted', data: { jobId, attempt: 1, index: 0, at: t1 } },
      ]);
  });

  it('completes the last steps and succeeds the job with its result in one decision', () => {
    spec
      .given(startedWithStep())
      .when(completeStepsAndSucceed([0, 1]))
      .then([
        { type: 'JobStepSucceeded', data: { jobId, attempt: 1, index: 0, at: t2 } },
        { type: 'JobStepSucceeded', data: { jobId, attempt: 1, index: 1, at: t2 } },
        { type: 'JobSucceeded', data: { ...outcome(t2), result: { memoryDemandMb: 1536 } } },
      ]);
    const state = stateOf(history([completeStepsAndSucceed([0, 1])], startedWithStep()));
    expect(state).toMatchObject({ status: 'Succeeded', progress: 100 });
    expect(stepBoundaries(state)).toEqual([
      { status: 'Succeeded', startedAt: t1, finishedAt: t2 },
      { status: 'Succeeded', startedAt: t2, finishedAt: t2 },
    ]);
  });

  it('records the same events as the separate completion of the steps and success of the job', () => {
    expect(history([completeStepsAndSucceed([0, 1])], startedWithStep())).toEqual(
      history([completeSteps([0, 1]), succeed()], runningStep()),
    );
  });

  it('succeeds a job whose steps were all recorded done without its success', () => {
    spec
      .given(history([completeSteps([0, 1])], startedWithStep()))
      .when(completeStepsAndSucceed([0, 1]))
      .then([{ type: 'JobSucceeded', data: { ...outcome(t2), result: { memoryDemandMb: 1536 } } }]);
  });

  it('does not succeed a job while a step outside the command is not done', () => {
    spec
      .given(startedWithStep())
      .when(completeStepsAndSucceed([0]))
      .then([{ type: 'JobStepSucceeded', data: { jobId, attempt: 1, index: 0, at: t2 } }]);
  });

  it('ignores the last report delivered twice', () => {
    spec
      .given(history([completeStepsAndSucceed([0, 1])], startedWithStep()))
      .when(completeStepsAndSucceed([0, 1]))
      .then([]);
  });
});

describe('job decider: idempotent worker reports', () => {
  it('ignores a job start delivered twice', () => {
    spec.given(running()).when(startJob()).then([]);
  });

  it('ignores a step start delivered twice', () => {
    spec.given(runningStep()).when(startStep(0)).then([]);
  });

  it('ignores a step completion delivered twice', () => {
    spec
      .given(history([completeStep(0)], runningStep()))
      .when(completeStep(0))
      .then([]);
  });

  it('ignores a step start for a step that already succeeded', () => {
    spec
      .given(history([completeStep(0)], runningStep()))
      .when(startStep(0))
      .then([]);
  });

  for (const [ended, given] of [
    ['succeeded', succeeded],
    ['failed', failed],
    ['cancelled', cancelled],
  ] as const) {
    it(`ignores every worker report once the job has ${ended}`, () => {
      const events = given();
      for (const [, command] of workerReports(1)) spec.given(events).when(command).then([]);
    });
  }

  it('ignores every worker report for an attempt the job is not at', () => {
    for (const [, command] of workerReports(2)) spec.given(runningStep()).when(command).then([]);
  });

  it('ignores every worker report about a job that does not exist', () => {
    for (const [, command] of workerReports(1)) spec.given([]).when(command).then([]);
  });
});

describe('job decider: cancellation', () => {
  it('cancels a queued job at once and cancels all its steps', () => {
    spec
      .given(queued())
      .when(cancel)
      .then([{ type: 'JobCancelled', data: outcome(t1) }]);
    const state = stateOf(cancelled());
    expect(state.status).toBe('Cancelled');
    expect(stepStatuses(state)).toEqual(['Cancelled', 'Cancelled']);
  });

  it('asks the worker to cancel a running job', () => {
    spec
      .given(runningStep())
      .when(cancel)
      .then([{ type: 'JobCancelRequested', data: { jobId, attempt: 1, at: t1, by: 'alice' } }]);
    expect(stateOf(history([cancel], runningStep()))).toMatchObject({ status: 'Running', cancelRequested: true });
  });

  it('asks only once when cancel is requested twice', () => {
    spec
      .given(history([cancel], runningStep()))
      .when(cancel)
      .then([]);
  });

  it('cancels a running job when the worker confirms, keeping the steps already done', () => {
    const requested = history([completeStep(0), startStep(1), cancel], runningStep());
    spec
      .given(requested)
      .when(confirmCancelled())
      .then([{ type: 'JobCancelled', data: outcome(t2) }]);
    const state = stateOf(history([confirmCancelled()], requested));
    expect(state.status).toBe('Cancelled');
    expect(stepStatuses(state)).toEqual(['Succeeded', 'Cancelled']);
  });

  it('ignores a cancellation confirmed twice', () => {
    spec
      .given(history([cancel, confirmCancelled()], runningStep()))
      .when(confirmCancelled())
      .then([]);
  });

  it('lets a job asked to cancel still succeed when its step could not stop', () => {
    spec
      .given(history([cancel, completeStep(0), startStep(1), completeStep(1)], runningStep()))
      .when(succeed())
      .then([{ type: 'JobSucceeded', data: { ...outcome(t2), result: { memoryDemandMb: 1536 } } }]);
  });

  for (const [ended, given] of [
    ['succeeded', succeeded],
    ['failed', failed],
    ['cancelled', cancelled],
  ] as const) {
    it(`refuses to cancel a job that has ${ended}`, () => {
      spec.given(given()).when(cancel).thenThrows('JOB_NOT_CANCELLABLE');
    });
  }

  it('answers NOT_FOUND when cancelling a job that does not exist', () => {
    spec.given([]).when(cancel).thenThrows('NOT_FOUND');
  });
});

describe('job decider: restart', () => {
  const restarted = { type: 'JobRestarted', data: { jobId, attempt: 2, operation, steps, at: t2 } } as const;

  it('restarts a failed job as the next attempt with fresh steps', () => {
    spec.given(failed()).when(restart()).then([restarted]);
    const state = stateOf(history([restart()], failed()));
    expect(state).toMatchObject({ status: 'Queued', attempt: 2, progress: 0, problem: null, cancelRequested: false });
    expect(stepStatuses(state)).toEqual(['Pending', 'Pending']);
  });

  it('restarts a cancelled job', () => {
    spec.given(cancelled()).when(restart()).then([restarted]);
  });

  it('restarts a job that was cancelled while running, clearing the cancel request', () => {
    const events = history([cancel, confirmCancelled(), restart()], runningStep());
    expect(stateOf(events)).toMatchObject({ status: 'Queued', attempt: 2, cancelRequested: false });
  });

  it('takes the operation and steps of the restart', () => {
    const moved: HypervisorOperation = { ...operation, host: { ...operation.host, name: 'hv02' } };
    const newSteps = [{ name: 'Start the virtual machine', powershell: 'Start-VM -Name "web01" -ComputerName "hv02"' }];
    const events = history([{ type: 'RestartJob', jobId, attempt: 2, operation: moved, steps: newSteps, now: t2 }], failed());
    expect(stateOf(events)).toMatchObject({ operation: moved, steps: [{ ...newSteps[0], status: 'Pending' }] });
  });

  it('ignores a restart delivered twice', () => {
    spec
      .given(history([restart()], failed()))
      .when(restart())
      .then([]);
  });

  it('ignores a restart for an attempt the job is already past', () => {
    spec
      .given(history([restart(2), fail(2), restart(3)], failed()))
      .when(restart(2))
      .then([]);
  });

  for (const [status, given] of [
    ['queued', queued],
    ['running', runningStep],
    ['succeeded', succeeded],
  ] as const) {
    it(`refuses to restart a ${status} job`, () => {
      spec.given(given()).when(restart()).thenThrows('JOB_NOT_RESTARTABLE');
    });
  }

  it('answers NOT_FOUND when restarting a job that does not exist', () => {
    spec.given([]).when(restart()).thenThrows('NOT_FOUND');
  });

  it('ignores every worker report of the earlier attempt after a restart', () => {
    const events = history([restart()], failed());
    for (const [, command] of workerReports(1)) spec.given(events).when(command).then([]);
    const runningAgain = history([startJob(2), startStep(0, 2)], events);
    for (const [, command] of workerReports(1)) spec.given(runningAgain).when(command).then([]);
  });

  it('runs the new attempt to the end', () => {
    const events = history(
      [restart(), startJob(2), startStep(0, 2), completeStep(0, 2), startStep(1, 2), completeStep(1, 2), succeed(2)],
      failed(),
    );
    expect(events.slice(-7).map((e) => e.type)).toEqual([
      'JobRestarted',
      'JobStarted',
      'JobStepStarted',
      'JobStepSucceeded',
      'JobStepStarted',
      'JobStepSucceeded',
      'JobSucceeded',
    ]);
    expect(events.at(-1)).toEqual({ type: 'JobSucceeded', data: { ...outcome(t2, 2), result: { memoryDemandMb: 1536 } } });
    expect(stateOf(events)).toMatchObject({ status: 'Succeeded', attempt: 2, progress: 100 });
  });

  it('cancels a restarted job that is queued again', () => {
    spec
      .given(history([restart()], failed()))
      .when(cancel)
      .then([{ type: 'JobCancelled', data: outcome(t1, 2) }]);
  });
});

describe('job decider: orchestrated jobs (a drain carried out by the fabric)', () => {
  const drain: JobRequest = {
    ...jobRequest,
    kind: 'drain-node',
    target: { type: 'cluster', id: vmId },
    operation: {
      kind: 'drain-node',
      host: operation.host,
      cluster: { clusterId: vmId, name: 'CLU01' },
      moves: [],
    },
    steps: [
      { name: 'Pause node hv01 and drain its roles', powershell: 'Suspend-ClusterNode -Cluster "CLU01" -Name "hv01" -Drain' },
      { name: 'Move web01 to hv02 (live migration)', powershell: 'Move-ClusterVirtualMachineRole …' },
      { name: 'Move web02 to hv03 (live migration)', powershell: 'Move-ClusterVirtualMachineRole …' },
    ],
  };
  const started = () => history([{ type: 'CreateJob', request: drain, now: t0 }, startJob(), startStep(0), completeStep(0)]);

  it('starts several steps with one command, and only the pending ones', () => {
    spec
      .given(started())
      .when({ type: 'StartJobSteps', attempt: 1, indices: [0, 1, 2], now: t1 })
      .then([
        { type: 'JobStepStarted', data: { jobId, attempt: 1, index: 1, at: t1 } },
        { type: 'JobStepStarted', data: { jobId, attempt: 1, index: 2, at: t1 } },
      ]);
  });

  it('ignores StartJobSteps of an earlier attempt', () => {
    spec
      .given(started())
      .when({ type: 'StartJobSteps', attempt: 0, indices: [1, 2], now: t1 })
      .then([]);
  });

  it('succeeds when its last step completes, whatever order the steps finish in', () => {
    const running = history([{ type: 'StartJobSteps', attempt: 1, indices: [1, 2], now: t1 }], started());
    spec
      .given(history([completeStep(2)], running))
      .when(completeStep(1))
      .thenMatches((events) => {
        expect(events.map((e) => e.type)).toEqual(['JobStepSucceeded', 'JobSucceeded']);
        expect((events[1].data as { result: unknown }).result).toEqual({ moved: 2 });
      });
    spec
      .given(running)
      .when(completeStep(1))
      .thenMatches((events) => expect(events.map((e) => e.type)).toEqual(['JobStepSucceeded']));
  });

  it('does not end a job that only has one step left to a driver job (those end with SucceedJob)', () => {
    const ordinary = history([createJob, startJob(), startStep(0), completeStep(0), startStep(1)]);
    spec
      .given(ordinary)
      .when(completeStep(1))
      .thenMatches((events) => expect(events.map((e) => e.type)).toEqual(['JobStepSucceeded']));
  });
});
