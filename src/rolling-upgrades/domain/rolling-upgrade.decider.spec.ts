import { describe, it } from 'node:test';
import { expect } from 'expect';
import { deciderSpec } from '../../../test/support/decider-spec';
import { fold } from '../../platform/domain/decider';
import { DomainError } from '../../platform/domain/domain-error';
import {
  ExistingUpgrade,
  nextStep,
  RollingUpgradeCommand,
  rollingUpgradeDecider,
  RollingUpgradeState,
} from './rolling-upgrade.decider';
import { NODE_STEPS, RollingUpgradeEvent, UpgradeNodePlan, UpgradeStep } from './rolling-upgrade.events';

/*
 * The rolling cluster OS upgrade as a process (DOMAIN.md, "Rolling cluster OS upgrade"; DESIGN.md,
 * "Long-running processes"; issue 7): given the events so far, which step comes next (the pure
 * step function `nextStep`), how the outcome of a step is recorded, and every steering command —
 * pause, resume, retry-step, skip-node, cancel — with each failure branch.
 */

const spec = deciderSpec(rollingUpgradeDecider);
const upgradeId = 'e7d6c5b4-a392-4817-8695-a4b3c2d1e0f9';
const clusterId = 'c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8';
const now = '2026-11-26T12:00:00.000Z';
const requestedBy = { actor: 'alice', role: 'fabric-admin' };
const STEP_TIMEOUT_SECONDS = 3600;

/** `now` plus some seconds, as an ISO timestamp. */
const plus = (seconds: number) => new Date(Date.parse(now) + seconds * 1000).toISOString();

type Cmd<T extends RollingUpgradeCommand['type']> = Extract<RollingUpgradeCommand, { type: T }>;

// ---------------------------------------------------------------------------------------------
// Facts and commands
// ---------------------------------------------------------------------------------------------

const planOf = (count: number): UpgradeNodePlan[] =>
  Array.from({ length: count }, (_, i) => ({ hostId: `host-${i + 1}`, name: `hv0${i + 1}`, fromOsVersion: 'WS2012R2' }));

const start = (overrides: Partial<Cmd<'StartRollingUpgrade'>> = {}): Cmd<'StartRollingUpgrade'> => ({
  type: 'StartRollingUpgrade',
  upgradeId,
  clusterId,
  clusterName: 'clu01',
  targetOsVersion: 'WS2016',
  raiseFunctionalLevel: false,
  nodes: planOf(3),
  stepTimeoutSeconds: STEP_TIMEOUT_SECONDS,
  estimatedDurationMs: 120_000,
  requestedBy,
  now,
  ...overrides,
});

/** The job id the process would derive for one attempt of one step. */
const jobOf = (hostId: string | null, step: UpgradeStep, attempt = 1) => `job-${hostId ?? 'cluster'}-${step}-${attempt}`;

/** Time goes on by a minute per recorded event, so every history has distinct, increasing timestamps. */
const clock = (events: readonly RollingUpgradeEvent[]) => plus(events.length * 60);

const stateOf = (events: readonly RollingUpgradeEvent[]): RollingUpgradeState => fold(rollingUpgradeDecider, events);
const upgradeOf = (events: readonly RollingUpgradeEvent[]) => stateOf(events) as ExistingUpgrade;
const next = (events: readonly RollingUpgradeEvent[]) => nextStep(stateOf(events));

const decide = (events: readonly RollingUpgradeEvent[], command: RollingUpgradeCommand) =>
  rollingUpgradeDecider.decide(command, stateOf(events));

/** The history after one more command, like the command handler appends it. */
const apply = (events: readonly RollingUpgradeEvent[], command: RollingUpgradeCommand) => [...events, ...decide(events, command)];

const beginCommand = (
  ref: { hostId: string | null; step: UpgradeStep; attempt: number },
  at: string,
  jobId = jobOf(ref.hostId, ref.step, ref.attempt),
): Cmd<'BeginStep'> => ({ type: 'BeginStep', hostId: ref.hostId, step: ref.step, attempt: ref.attempt, jobId, now: at });

const inFlightJob = (events: readonly RollingUpgradeEvent[]) => {
  const step = upgradeOf(events).inFlight;
  if (!step) throw new Error('test set-up: no step in flight');
  return step.jobId;
};

const completeCommand = (
  jobId: string,
  at: string,
  vmsMoved: string[] = [],
  note: string | null = null,
): Cmd<'CompleteStep'> => ({
  type: 'CompleteStep',
  jobId,
  vmsMoved,
  note,
  now: at,
});
const failCommand = (jobId: string, at: string, code = 'OPERATION_FAILED', reason = 'the host refused'): Cmd<'FailStep'> => ({
  type: 'FailStep',
  jobId,
  code,
  reason,
  now: at,
});
const timeOut = (jobId: string, at: string): Cmd<'TimeOutStep'> => ({ type: 'TimeOutStep', jobId, now: at });
const steer = <T extends 'PauseUpgrade' | 'ResumeUpgrade' | 'CancelUpgrade' | 'RetryStep' | 'SkipNode'>(
  type: T,
  at = now,
  by = 'bob',
) => ({ type, by, now: at }) as Cmd<T>;

/** Begins the step the step function asks for (as the process manager does). */
function begin(events: readonly RollingUpgradeEvent[]): RollingUpgradeEvent[] {
  const ref = next(events);
  if (!ref) throw new Error('test set-up: the upgrade expects no step');
  return apply(events, beginCommand(ref, clock(events)));
}

/** Completes the step in flight. */
const complete = (events: readonly RollingUpgradeEvent[], vmsMoved: string[] = []) =>
  apply(events, completeCommand(inFlightJob(events), clock(events), vmsMoved));

/** Fails the step in flight. */
const fail = (events: readonly RollingUpgradeEvent[], code = 'OPERATION_FAILED', reason = 'the host refused') =>
  apply(events, failCommand(inFlightJob(events), clock(events), code, reason));

/** Takes `count` steps, each begun and completed. */
function steps(events: readonly RollingUpgradeEvent[], count: number): RollingUpgradeEvent[] {
  let history = [...events];
  for (let i = 0; i < count; i++) history = complete(begin(history));
  return history;
}

const started = (overrides: Partial<Cmd<'StartRollingUpgrade'>> = {}) => apply([], start(overrides));
/** Every node done (5 steps each): with a raise asked for, only the raise is left. */
const allNodesDone = (overrides: Partial<Cmd<'StartRollingUpgrade'>> = {}) => {
  const events = started(overrides);
  return steps(events, upgradeOf(events).nodes.length * NODE_STEPS.length);
};
/** The first node's drain in flight. */
const draining = (overrides: Partial<Cmd<'StartRollingUpgrade'>> = {}) => begin(started(overrides));
/** The first node's drain failed; the upgrade is Paused with the reason. */
const drainFailed = () => fail(draining(), 'DRAIN_NOT_POSSIBLE', 'vm-7 fits on no other node');
/** Paused by the operator between two steps. */
const operatorPaused = () => apply(steps(started(), 1), steer('PauseUpgrade'));
const completed = () => allNodesDone();
const cancelled = () => apply(steps(started(), 2), steer('CancelUpgrade'));

const base = (at: string) => ({ upgradeId, at });

function thrown(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

// ---------------------------------------------------------------------------------------------
// Start
// ---------------------------------------------------------------------------------------------

describe('StartRollingUpgrade', () => {
  it('records the start with the cluster, the target, the node plan, the step timeout and who asked', () => {
    const { type: _type, now: at, ...data } = start({ raiseFunctionalLevel: true });
    spec
      .given([])
      .when(start({ raiseFunctionalLevel: true }))
      .then([{ type: 'RollingUpgradeStarted', data: { ...data, at } }]);
  });

  it('starts Running with every node Pending and nothing in flight', () => {
    const upgrade = upgradeOf(started());
    expect(upgrade).toMatchObject({
      status: 'Running',
      upgradeId,
      clusterId,
      targetOsVersion: 'WS2016',
      inFlight: null,
      failure: null,
      pauseRequested: false,
      cancelRequested: false,
      levelRaised: false,
      startedAt: now,
      finishedAt: null,
    });
    expect(upgrade.nodes.map((n) => [n.hostId, n.status, n.completedSteps])).toEqual([
      ['host-1', 'Pending', []],
      ['host-2', 'Pending', []],
      ['host-3', 'Pending', []],
    ]);
  });

  it('records nothing the second time (a re-sent start is a no-op)', () => {
    spec.given(started()).when(start()).then([]);
    spec
      .given(steps(started(), 3))
      .when(start({ now: plus(3600) }))
      .then([]);
  });
});

// ---------------------------------------------------------------------------------------------
// The step function
// ---------------------------------------------------------------------------------------------

describe('nextStep', () => {
  it('asks for nothing before the upgrade exists', () => {
    expect(nextStep({ status: 'None' })).toBeNull();
  });

  it("asks first for the first node's drain, attempt 1", () => {
    expect(next(started())).toEqual({ hostId: 'host-1', step: 'drain', attempt: 1 });
  });

  it("walks every node's five steps in order (drain, evict, reinstall, add, resume), node after node, then nothing", () => {
    let events = started();
    const seen: string[] = [];
    for (const hostId of ['host-1', 'host-2', 'host-3']) {
      for (const step of NODE_STEPS) {
        expect(next(events)).toEqual({ hostId, step, attempt: 1 });
        events = begin(events);
        // While the step runs, nothing else may start.
        expect(next(events)).toBeNull();
        seen.push(`${hostId}/${step}`);
        events = complete(events);
      }
    }
    expect(seen).toEqual(
      ['host-1', 'host-2', 'host-3'].flatMap((h) => ['drain', 'evict', 'reinstall', 'add', 'resume'].map((s) => `${h}/${s}`)),
    );
    expect(next(events)).toBeNull();
    expect(upgradeOf(events).status).toBe('Completed');
  });

  it('asks for the functional level raise after the last node only when it was asked for, then nothing', () => {
    const withRaise = allNodesDone({ raiseFunctionalLevel: true });
    expect(next(withRaise)).toEqual({ hostId: null, step: 'raise-functional-level', attempt: 1 });
    const raised = complete(begin(withRaise));
    expect(next(raised)).toBeNull();
    expect(upgradeOf(raised).status).toBe('Completed');

    const withoutRaise = allNodesDone({ raiseFunctionalLevel: false });
    expect(next(withoutRaise)).toBeNull();
    expect(upgradeOf(withoutRaise).status).toBe('Completed');
  });

  it('asks for nothing while paused, while a pause or a cancel is pending, or once cancelled', () => {
    expect(next(operatorPaused())).toBeNull();
    expect(next(drainFailed())).toBeNull();
    expect(next(apply(draining(), steer('PauseUpgrade')))).toBeNull();
    expect(next(apply(draining(), steer('CancelUpgrade')))).toBeNull();
    expect(next(cancelled())).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Recording steps
// ---------------------------------------------------------------------------------------------

describe('BeginStep', () => {
  it('records the expected step with its job id, attempt and a timeout of stepTimeoutSeconds', () => {
    spec
      .given(started())
      .when(beginCommand({ hostId: 'host-1', step: 'drain', attempt: 1 }, plus(60)))
      .then([
        {
          type: 'RollingUpgradeStepStarted',
          data: {
            ...base(plus(60)),
            hostId: 'host-1',
            step: 'drain',
            attempt: 1,
            jobId: jobOf('host-1', 'drain'),
            timeoutAt: plus(60 + STEP_TIMEOUT_SECONDS),
          },
        },
      ]);
  });

  it('marks the node InProgress and keeps the step in flight', () => {
    const upgrade = upgradeOf(draining());
    expect(upgrade.inFlight).toMatchObject({ hostId: 'host-1', step: 'drain', attempt: 1, jobId: jobOf('host-1', 'drain') });
    expect(upgrade.nodes[0]).toMatchObject({ status: 'InProgress', startedAt: plus(60) });
    expect(upgrade.nodes[0].steps).toEqual([
      {
        step: 'drain',
        jobId: jobOf('host-1', 'drain'),
        attempt: 1,
        status: 'Running',
        startedAt: plus(60),
        finishedAt: null,
        detail: null,
      },
    ]);
  });

  it('takes the timeout from the upgrade (a shorter stepTimeoutSeconds)', () => {
    spec
      .given(started({ stepTimeoutSeconds: 90 }))
      .when(beginCommand({ hostId: 'host-1', step: 'drain', attempt: 1 }, now))
      .then([
        {
          type: 'RollingUpgradeStepStarted',
          data: {
            upgradeId,
            hostId: 'host-1',
            step: 'drain',
            attempt: 1,
            jobId: jobOf('host-1', 'drain'),
            timeoutAt: plus(90),
            at: now,
          },
        },
      ]);
  });

  it('refuses another node than the expected one (UNEXPECTED_STEP)', () => {
    spec
      .given(started())
      .when(beginCommand({ hostId: 'host-2', step: 'drain', attempt: 1 }, now))
      .thenThrows('UNEXPECTED_STEP');
  });

  it('refuses a step out of order (UNEXPECTED_STEP)', () => {
    for (const step of ['evict', 'reinstall', 'add', 'resume', 'raise-functional-level'] as const) {
      spec
        .given(started())
        .when(beginCommand({ hostId: step === 'raise-functional-level' ? null : 'host-1', step, attempt: 1 }, now))
        .thenThrows('UNEXPECTED_STEP');
    }
  });

  it('refuses another attempt than the expected one (UNEXPECTED_STEP)', () => {
    spec
      .given(started())
      .when(beginCommand({ hostId: 'host-1', step: 'drain', attempt: 2 }, now))
      .thenThrows('UNEXPECTED_STEP');
    // After a retry, attempt 1 is the stale one.
    spec
      .given(apply(drainFailed(), steer('RetryStep')))
      .when(beginCommand({ hostId: 'host-1', step: 'drain', attempt: 1 }, plus(3600)))
      .thenThrows('UNEXPECTED_STEP');
  });

  it('records nothing for the same job id twice (a replayed begin)', () => {
    spec
      .given(draining())
      .when(beginCommand({ hostId: 'host-1', step: 'drain', attempt: 1 }, plus(120)))
      .then([]);
  });

  it('refuses a second step while one is in flight (UNEXPECTED_STEP)', () => {
    spec
      .given(draining())
      .when(beginCommand({ hostId: 'host-1', step: 'drain', attempt: 1 }, plus(120), 'job-other'))
      .thenThrows('UNEXPECTED_STEP');
    spec
      .given(draining())
      .when(beginCommand({ hostId: 'host-1', step: 'evict', attempt: 1 }, plus(120)))
      .thenThrows('UNEXPECTED_STEP');
  });

  it('refuses any step while the upgrade is paused, after a failure, or finished (UNEXPECTED_STEP)', () => {
    spec
      .given(operatorPaused())
      .when(beginCommand({ hostId: 'host-1', step: 'evict', attempt: 1 }, plus(3600)))
      .thenThrows('UNEXPECTED_STEP');
    spec
      .given(drainFailed())
      .when(beginCommand({ hostId: 'host-1', step: 'drain', attempt: 1 }, plus(3600), 'job-new'))
      .thenThrows('UNEXPECTED_STEP');
    spec
      .given(cancelled())
      .when(beginCommand({ hostId: 'host-1', step: 'reinstall', attempt: 1 }, plus(3600)))
      .thenThrows('UNEXPECTED_STEP');
    spec
      .given(completed())
      .when(beginCommand({ hostId: null, step: 'raise-functional-level', attempt: 1 }, plus(7200)))
      .thenThrows('UNEXPECTED_STEP');
  });

  it('refuses an unknown upgrade (NOT_FOUND)', () => {
    spec
      .given([])
      .when(beginCommand({ hostId: 'host-1', step: 'drain', attempt: 1 }, now))
      .thenThrows('NOT_FOUND');
  });
});

describe('CompleteStep', () => {
  it('records the step in flight as completed, with the VMs it moved and its note', () => {
    const events = draining();
    spec
      .given(events)
      .when(completeCommand(jobOf('host-1', 'drain'), plus(300), ['vm-1', 'vm-2'], 'moved 2 VMs'))
      .then([
        {
          type: 'RollingUpgradeStepCompleted',
          data: {
            ...base(plus(300)),
            hostId: 'host-1',
            step: 'drain',
            jobId: jobOf('host-1', 'drain'),
            attempt: 1,
            vmsMoved: ['vm-1', 'vm-2'],
            note: 'moved 2 VMs',
          },
        },
      ]);
  });

  it('records no VMs moved and no note when the command says nothing', () => {
    spec
      .given(draining())
      .when({ type: 'CompleteStep', jobId: jobOf('host-1', 'drain'), now: plus(300) })
      .then([
        {
          type: 'RollingUpgradeStepCompleted',
          data: {
            upgradeId,
            hostId: 'host-1',
            step: 'drain',
            jobId: jobOf('host-1', 'drain'),
            attempt: 1,
            vmsMoved: [],
            note: null,
            at: plus(300),
          },
        },
      ]);
  });

  it("keeps the VMs moved on the node and settles the step's record with its timings", () => {
    const events = apply(draining(), completeCommand(jobOf('host-1', 'drain'), plus(300), ['vm-1', 'vm-2'], 'ok'));
    const node = upgradeOf(events).nodes[0];
    expect(node.vmsMoved).toEqual(['vm-1', 'vm-2']);
    expect(node.completedSteps).toEqual(['drain']);
    expect(node.steps).toEqual([
      {
        step: 'drain',
        jobId: jobOf('host-1', 'drain'),
        attempt: 1,
        status: 'Succeeded',
        startedAt: plus(60),
        finishedAt: plus(300),
        detail: 'ok',
      },
    ]);
    expect(upgradeOf(events).inFlight).toBeNull();
  });

  it('adds up the VMs moved by a retried drain', () => {
    let events = apply(draining(), failCommand(jobOf('host-1', 'drain'), plus(120)));
    events = begin(apply(events, steer('RetryStep', plus(180))));
    events = complete(events, ['vm-3']);
    expect(upgradeOf(events).nodes[0].vmsMoved).toEqual(['vm-3']);
    expect(upgradeOf(events).nodes[0].steps.map((s) => [s.attempt, s.status])).toEqual([
      [1, 'Failed'],
      [2, 'Succeeded'],
    ]);
  });

  it('records nothing for a job that is not in flight (a stale or repeated completion)', () => {
    spec
      .given(draining())
      .when(completeCommand('job-stale', plus(300)))
      .then([]);
    const drained = complete(draining());
    spec
      .given(drained)
      .when(completeCommand(jobOf('host-1', 'drain'), plus(600)))
      .then([]);
    spec
      .given(begin(drained))
      .when(completeCommand(jobOf('host-1', 'drain'), plus(600)))
      .then([]);
  });

  it('records nothing on an unknown upgrade', () => {
    spec.given([]).when(completeCommand('job-x', now)).then([]);
  });

  it("completes the node after its resume step, and goes on to the next node's drain", () => {
    const resuming = begin(steps(started(), 4));
    const at = clock(resuming);
    spec
      .given(resuming)
      .when(completeCommand(jobOf('host-1', 'resume'), at))
      .then([
        {
          type: 'RollingUpgradeStepCompleted',
          data: {
            ...base(at),
            hostId: 'host-1',
            step: 'resume',
            jobId: jobOf('host-1', 'resume'),
            attempt: 1,
            vmsMoved: [],
            note: null,
          },
        },
        { type: 'RollingUpgradeNodeCompleted', data: { ...base(at), hostId: 'host-1' } },
      ]);
    const after = complete(resuming);
    expect(upgradeOf(after).nodes[0]).toMatchObject({
      status: 'Completed',
      completedSteps: ['drain', 'evict', 'reinstall', 'add', 'resume'],
      finishedAt: at,
    });
    expect(next(after)).toEqual({ hostId: 'host-2', step: 'drain', attempt: 1 });
  });

  it('completes the upgrade after the last node when no raise was asked for', () => {
    const resumingLast = begin(steps(started(), 14));
    const at = clock(resumingLast);
    spec
      .given(resumingLast)
      .when(completeCommand(jobOf('host-3', 'resume'), at))
      .then([
        {
          type: 'RollingUpgradeStepCompleted',
          data: {
            ...base(at),
            hostId: 'host-3',
            step: 'resume',
            jobId: jobOf('host-3', 'resume'),
            attempt: 1,
            vmsMoved: [],
            note: null,
          },
        },
        { type: 'RollingUpgradeNodeCompleted', data: { ...base(at), hostId: 'host-3' } },
        {
          type: 'RollingUpgradeCompleted',
          data: { ...base(at), nodesUpgraded: 3, nodesSkipped: 0, functionalLevelRaised: false },
        },
      ]);
    expect(upgradeOf(complete(resumingLast))).toMatchObject({ status: 'Completed', finishedAt: at, levelRaised: false });
  });

  it('waits for the raise after the last node when it was asked for, and completes once the level is raised', () => {
    const resumingLast = begin(steps(started({ raiseFunctionalLevel: true }), 14));
    spec
      .given(resumingLast)
      .when(completeCommand(jobOf('host-3', 'resume'), clock(resumingLast)))
      .then([
        {
          type: 'RollingUpgradeStepCompleted',
          data: {
            upgradeId,
            hostId: 'host-3',
            step: 'resume',
            jobId: jobOf('host-3', 'resume'),
            attempt: 1,
            vmsMoved: [],
            note: null,
            at: plus(1920),
          },
        },
        {
          type: 'RollingUpgradeNodeCompleted',
          data: { upgradeId, hostId: 'host-3', at: plus(1920) },
        },
      ]);
    const raising = begin(complete(resumingLast));
    const at = clock(raising);
    spec
      .given(raising)
      .when(completeCommand(jobOf(null, 'raise-functional-level'), at, [], 'level 9'))
      .then([
        {
          type: 'RollingUpgradeStepCompleted',
          data: {
            ...base(at),
            hostId: null,
            step: 'raise-functional-level',
            jobId: jobOf(null, 'raise-functional-level'),
            attempt: 1,
            vmsMoved: [],
            note: 'level 9',
          },
        },
        {
          type: 'RollingUpgradeCompleted',
          data: { ...base(at), nodesUpgraded: 3, nodesSkipped: 0, functionalLevelRaised: true },
        },
      ]);
    const done = apply(raising, completeCommand(jobOf(null, 'raise-functional-level'), at, [], 'level 9'));
    expect(upgradeOf(done)).toMatchObject({ status: 'Completed', levelRaised: true });
    expect(upgradeOf(done).clusterSteps).toEqual([
      {
        step: 'raise-functional-level',
        jobId: jobOf(null, 'raise-functional-level'),
        attempt: 1,
        status: 'Succeeded',
        startedAt: clock(complete(resumingLast)),
        finishedAt: at,
        detail: 'level 9',
      },
    ]);
  });

  it('records the VMs moved per node over a whole upgrade', () => {
    let events = started({ nodes: planOf(2) });
    events = complete(begin(events), ['vm-a', 'vm-b']);
    events = steps(events, 4);
    events = complete(begin(events), ['vm-c']);
    events = steps(events, 4);
    const upgrade = upgradeOf(events);
    expect(upgrade.status).toBe('Completed');
    expect(upgrade.nodes.map((n) => [n.hostId, n.vmsMoved])).toEqual([
      ['host-1', ['vm-a', 'vm-b']],
      ['host-2', ['vm-c']],
    ]);
  });
});

describe('FailStep', () => {
  it('records the failure and pauses the upgrade with the reason', () => {
    const at = plus(300);
    spec
      .given(draining())
      .when(failCommand(jobOf('host-1', 'drain'), at, 'DRAIN_NOT_POSSIBLE', 'vm-7 fits on no other node'))
      .then([
        {
          type: 'RollingUpgradeStepFailed',
          data: {
            ...base(at),
            hostId: 'host-1',
            step: 'drain',
            jobId: jobOf('host-1', 'drain'),
            attempt: 1,
            code: 'DRAIN_NOT_POSSIBLE',
            reason: 'vm-7 fits on no other node',
          },
        },
        { type: 'RollingUpgradePaused', data: { ...base(at), reason: 'drain failed: vm-7 fits on no other node' } },
      ]);
  });

  it('keeps the failure in the state, settles the step as Failed and takes no next step', () => {
    const events = drainFailed();
    const upgrade = upgradeOf(events);
    expect(upgrade.status).toBe('Paused');
    expect(upgrade.inFlight).toBeNull();
    expect(upgrade.failure).toMatchObject({
      hostId: 'host-1',
      step: 'drain',
      attempt: 1,
      code: 'DRAIN_NOT_POSSIBLE',
      reason: 'vm-7 fits on no other node',
    });
    expect(upgrade.nodes[0].steps[0]).toMatchObject({ status: 'Failed', detail: 'vm-7 fits on no other node' });
    expect(upgrade.nodes[0].completedSteps).toEqual([]);
    expect(next(events)).toBeNull();
  });

  it('records nothing for a job that is not in flight', () => {
    spec
      .given(draining())
      .when(failCommand('job-stale', plus(300)))
      .then([]);
    spec
      .given(complete(draining()))
      .when(failCommand(jobOf('host-1', 'drain'), plus(600)))
      .then([]);
    spec
      .given(drainFailed())
      .when(failCommand(jobOf('host-1', 'drain'), plus(600)))
      .then([]);
    spec.given([]).when(failCommand('job-x', now)).then([]);
  });
});

describe('TimeOutStep', () => {
  const timeoutAt = plus(60 + STEP_TIMEOUT_SECONDS);

  it('records nothing before the step is due', () => {
    spec
      .given(draining())
      .when(timeOut(jobOf('host-1', 'drain'), plus(60 + STEP_TIMEOUT_SECONDS - 1)))
      .then([]);
  });

  it('fails the step with STEP_TIMED_OUT once it is due, and pauses the upgrade', () => {
    spec
      .given(draining())
      .when(timeOut(jobOf('host-1', 'drain'), timeoutAt))
      .then([
        {
          type: 'RollingUpgradeStepFailed',
          data: {
            ...base(timeoutAt),
            hostId: 'host-1',
            step: 'drain',
            jobId: jobOf('host-1', 'drain'),
            attempt: 1,
            code: 'STEP_TIMED_OUT',
            reason: `drain did not finish within ${STEP_TIMEOUT_SECONDS} s`,
          },
        },
        {
          type: 'RollingUpgradePaused',
          data: { ...base(timeoutAt), reason: `drain failed: drain did not finish within ${STEP_TIMEOUT_SECONDS} s` },
        },
      ]);
  });

  it('fails a reinstall that is long overdue (a host that never came back)', () => {
    const reinstalling = begin(steps(started(), 2));
    const due = upgradeOf(reinstalling).inFlight!.timeoutAt;
    spec
      .given(reinstalling)
      .when(timeOut(jobOf('host-1', 'reinstall'), new Date(Date.parse(due) + 86_400_000).toISOString()))
      .then([
        {
          type: 'RollingUpgradeStepFailed',
          data: {
            upgradeId,
            hostId: 'host-1',
            step: 'reinstall',
            jobId: jobOf('host-1', 'reinstall'),
            attempt: 1,
            code: 'STEP_TIMED_OUT',
            reason: 'reinstall did not finish within 3600 s',
            at: plus(90300),
          },
        },
        {
          type: 'RollingUpgradePaused',
          data: {
            upgradeId,
            at: plus(90300),
            reason: 'reinstall failed: reinstall did not finish within 3600 s',
          },
        },
      ]);
  });

  it('records nothing for a step that already ended or is unknown (a late timer)', () => {
    spec
      .given(complete(draining()))
      .when(timeOut(jobOf('host-1', 'drain'), plus(86_400)))
      .then([]);
    spec
      .given(drainFailed())
      .when(timeOut(jobOf('host-1', 'drain'), plus(86_400)))
      .then([]);
    spec
      .given(draining())
      .when(timeOut('job-stale', plus(86_400)))
      .then([]);
    spec
      .given([])
      .when(timeOut('job-x', plus(86_400)))
      .then([]);
  });

  it('gives a retried step its own timeout, counted from its new start', () => {
    const timedOut = apply(draining(), timeOut(jobOf('host-1', 'drain'), timeoutAt));
    const retried = apply(timedOut, steer('RetryStep', plus(7200)));
    const again = apply(retried, beginCommand({ hostId: 'host-1', step: 'drain', attempt: 2 }, plus(7300)));
    expect(upgradeOf(again).inFlight).toMatchObject({ attempt: 2, timeoutAt: plus(7300 + STEP_TIMEOUT_SECONDS) });
    spec
      .given(again)
      .when(timeOut(jobOf('host-1', 'drain', 2), plus(7300 + STEP_TIMEOUT_SECONDS - 1)))
      .then([]);
    // The first attempt's timer is stale now.
    spec
      .given(again)
      .when(timeOut(jobOf('host-1', 'drain', 1), plus(86_400)))
      .then([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Failure branches at each step kind
// ---------------------------------------------------------------------------------------------

describe('a failing step of each kind', () => {
  const reasons: Record<UpgradeStep, [code: string, reason: string]> = {
    drain: ['DRAIN_NOT_POSSIBLE', 'the drain cannot finish: vm-9 fits on no other node'],
    evict: ['NODE_NOT_DRAINED', 'the node still hosts 1 virtual machine(s)'],
    reinstall: ['OPERATION_FAILED', 'the reinstall failed: setup returned 0x80070570'],
    add: ['HOST_NOT_AVAILABLE', 'the node does not rejoin the cluster'],
    resume: ['OPERATION_FAILED', 'Resume-ClusterNode failed'],
    'raise-functional-level': ['FUNCTIONAL_LEVEL_BLOCKED', 'node hv02 is Paused, not Up'],
  };

  const kinds: Array<[UpgradeStep, number, string | null]> = [
    ['drain', 0, 'host-1'],
    ['evict', 1, 'host-1'],
    ['reinstall', 2, 'host-1'],
    ['add', 3, 'host-1'],
    ['resume', 4, 'host-1'],
    ['raise-functional-level', 15, null],
  ];

  for (const [step, before, hostId] of kinds) {
    const running = () => begin(steps(started({ raiseFunctionalLevel: true }), before));

    it(`${step}: records the failure and pauses with "${step} failed: <reason>"`, () => {
      const events = running();
      expect(upgradeOf(events).inFlight).toMatchObject({ hostId, step });
      const [code, reason] = reasons[step];
      const at = clock(events);
      spec
        .given(events)
        .when(failCommand(jobOf(hostId, step), at, code, reason))
        .then([
          {
            type: 'RollingUpgradeStepFailed',
            data: { ...base(at), hostId, step, jobId: jobOf(hostId, step), attempt: 1, code, reason },
          },
          { type: 'RollingUpgradePaused', data: { ...base(at), reason: `${step} failed: ${reason}` } },
        ]);
    });

    it(`${step}: the failed step is not counted as done; no node is completed by it; nothing runs next`, () => {
      const [code, reason] = reasons[step];
      const events = fail(running(), code, reason);
      const upgrade = upgradeOf(events);
      expect(upgrade.status).toBe('Paused');
      expect(next(events)).toBeNull();
      if (hostId) {
        expect(upgrade.nodes[0].completedSteps).toEqual(NODE_STEPS.slice(0, before));
        expect(upgrade.nodes[0].status).toBe('InProgress');
      } else {
        expect(upgrade.levelRaised).toBe(false);
        expect(upgrade.clusterSteps.map((s) => s.status)).toEqual(['Failed']);
      }
    });

    it(`${step}: a retry runs the same step again as attempt 2, and the upgrade goes on from there`, () => {
      const [code, reason] = reasons[step];
      const retried = apply(fail(running(), code, reason), steer('RetryStep', plus(86_400)));
      expect(next(retried)).toEqual({ hostId, step, attempt: 2 });
      const done = complete(begin(retried));
      if (step === 'raise-functional-level') {
        expect(upgradeOf(done)).toMatchObject({ status: 'Completed', levelRaised: true });
      } else if (step === 'resume') {
        expect(upgradeOf(done).nodes[0].status).toBe('Completed');
        expect(next(done)).toEqual({ hostId: 'host-2', step: 'drain', attempt: 1 });
      } else {
        expect(next(done)).toEqual({ hostId: 'host-1', step: NODE_STEPS[before + 1], attempt: 1 });
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Steering
// ---------------------------------------------------------------------------------------------

describe('PauseUpgrade', () => {
  it('with a step in flight: asks for a pause and lets the step finish', () => {
    spec
      .given(draining())
      .when(steer('PauseUpgrade', plus(90)))
      .then([{ type: 'RollingUpgradePauseRequested', data: { ...base(plus(90)), by: 'bob' } }]);
    const events = apply(draining(), steer('PauseUpgrade', plus(90)));
    expect(upgradeOf(events)).toMatchObject({ status: 'Running', pauseRequested: true });
    expect(next(events)).toBeNull();
  });

  it('pauses once the step in flight completes, and never starts the next one', () => {
    const requested = apply(draining(), steer('PauseUpgrade', plus(90)));
    const at = plus(300);
    spec
      .given(requested)
      .when(completeCommand(jobOf('host-1', 'drain'), at))
      .then([
        {
          type: 'RollingUpgradeStepCompleted',
          data: {
            ...base(at),
            hostId: 'host-1',
            step: 'drain',
            jobId: jobOf('host-1', 'drain'),
            attempt: 1,
            vmsMoved: [],
            note: null,
          },
        },
        { type: 'RollingUpgradePaused', data: { ...base(at), reason: 'paused by the operator' } },
      ]);
    const paused = apply(requested, completeCommand(jobOf('host-1', 'drain'), at));
    expect(upgradeOf(paused)).toMatchObject({ status: 'Paused', pauseRequested: false });
    expect(next(paused)).toBeNull();
    spec
      .given(paused)
      .when(beginCommand({ hostId: 'host-1', step: 'evict', attempt: 1 }, plus(400)))
      .thenThrows('UNEXPECTED_STEP');
  });

  it("pauses after a node's resume step too, with the node completed", () => {
    const requested = apply(begin(steps(started(), 4)), steer('PauseUpgrade', plus(3600)));
    spec
      .given(requested)
      .when(completeCommand(jobOf('host-1', 'resume'), plus(3700)))
      .then([
        {
          type: 'RollingUpgradeStepCompleted',
          data: {
            upgradeId,
            hostId: 'host-1',
            step: 'resume',
            jobId: jobOf('host-1', 'resume'),
            attempt: 1,
            vmsMoved: [],
            note: null,
            at: plus(3700),
          },
        },
        {
          type: 'RollingUpgradeNodeCompleted',
          data: { upgradeId, hostId: 'host-1', at: plus(3700) },
        },
        {
          type: 'RollingUpgradePaused',
          data: { upgradeId, at: plus(3700), reason: 'paused by the operator' },
        },
      ]);
  });

  it('pauses (once) with the failure reason when the step in flight fails', () => {
    const requested = apply(draining(), steer('PauseUpgrade', plus(90)));
    spec
      .given(requested)
      .when(failCommand(jobOf('host-1', 'drain'), plus(300), 'OPERATION_FAILED', 'host unreachable'))
      .then([
        {
          type: 'RollingUpgradeStepFailed',
          data: {
            upgradeId,
            hostId: 'host-1',
            step: 'drain',
            jobId: jobOf('host-1', 'drain'),
            attempt: 1,
            code: 'OPERATION_FAILED',
            reason: 'host unreachable',
            at: plus(300),
          },
        },
        {
          type: 'RollingUpgradePaused',
          data: { upgradeId, at: plus(300), reason: 'drain failed: host unreachable' },
        },
      ]);
  });

  it('lets the upgrade complete when the step in flight is its last one', () => {
    const requested = apply(begin(steps(started(), 14)), steer('PauseUpgrade', plus(86_400)));
    spec
      .given(requested)
      .when(completeCommand(jobOf('host-3', 'resume'), plus(86_500)))
      .then([
        {
          type: 'RollingUpgradeStepCompleted',
          data: {
            upgradeId,
            hostId: 'host-3',
            step: 'resume',
            jobId: jobOf('host-3', 'resume'),
            attempt: 1,
            vmsMoved: [],
            note: null,
            at: plus(86500),
          },
        },
        {
          type: 'RollingUpgradeNodeCompleted',
          data: { upgradeId, hostId: 'host-3', at: plus(86500) },
        },
        {
          type: 'RollingUpgradeCompleted',
          data: {
            upgradeId,
            at: plus(86500),
            nodesUpgraded: 3,
            nodesSkipped: 0,
            functionalLevelRaised: false,
          },
        },
      ]);
  });

  it('without a step in flight: pauses at once', () => {
    const between = steps(started(), 1);
    spec
      .given(between)
      .when(steer('PauseUpgrade', plus(3600), 'carol'))
      .then([{ type: 'RollingUpgradePaused', data: { ...base(plus(3600)), reason: 'paused by carol' } }]);
    expect(upgradeOf(operatorPaused()).status).toBe('Paused');
  });

  it('is idempotent: a second pause records nothing, pending or done', () => {
    spec
      .given(apply(draining(), steer('PauseUpgrade', plus(90))))
      .when(steer('PauseUpgrade', plus(100)))
      .then([]);
    spec
      .given(operatorPaused())
      .when(steer('PauseUpgrade', plus(7200)))
      .then([]);
    spec
      .given(drainFailed())
      .when(steer('PauseUpgrade', plus(7200)))
      .then([]);
  });
});

describe('ResumeUpgrade', () => {
  it('after an operator pause: resumes, and the step function goes on with the next step', () => {
    const paused = operatorPaused();
    spec
      .given(paused)
      .when(steer('ResumeUpgrade', plus(7200), 'carol'))
      .then([{ type: 'RollingUpgradeResumed', data: { ...base(plus(7200)), by: 'carol' } }]);
    const resumed = apply(paused, steer('ResumeUpgrade', plus(7200)));
    expect(upgradeOf(resumed)).toMatchObject({ status: 'Running', pauseRequested: false });
    expect(next(resumed)).toEqual({ hostId: 'host-1', step: 'evict', attempt: 1 });
    expect(upgradeOf(steps(resumed, 14)).status).toBe('Completed');
  });

  it('after a pause that waited for a step: resumes where the upgrade stopped', () => {
    let events = apply(draining(), steer('PauseUpgrade', plus(90)));
    events = complete(events);
    events = apply(events, steer('ResumeUpgrade', plus(7200)));
    expect(next(events)).toEqual({ hostId: 'host-1', step: 'evict', attempt: 1 });
  });

  it('withdraws a pause that is only requested: the step completes and the upgrade goes on', () => {
    const requested = apply(draining(), steer('PauseUpgrade', plus(90)));
    spec
      .given(requested)
      .when(steer('ResumeUpgrade', plus(100)))
      .then([{ type: 'RollingUpgradeResumed', data: { ...base(plus(100)), by: 'bob' } }]);
    const withdrawn = apply(requested, steer('ResumeUpgrade', plus(100)));
    spec
      .given(withdrawn)
      .when(completeCommand(jobOf('host-1', 'drain'), plus(300)))
      .then([
        {
          type: 'RollingUpgradeStepCompleted',
          data: {
            upgradeId,
            hostId: 'host-1',
            step: 'drain',
            jobId: jobOf('host-1', 'drain'),
            attempt: 1,
            vmsMoved: [],
            note: null,
            at: plus(300),
          },
        },
      ]);
    expect(next(complete(withdrawn))).toEqual({ hostId: 'host-1', step: 'evict', attempt: 1 });
  });

  it('records nothing when the upgrade is running', () => {
    spec.given(started()).when(steer('ResumeUpgrade')).then([]);
    spec
      .given(draining())
      .when(steer('ResumeUpgrade', plus(90)))
      .then([]);
  });

  it('refuses after a failure: retry the step, skip the node or cancel (UPGRADE_STEP_FAILED)', () => {
    spec
      .given(drainFailed())
      .when(steer('ResumeUpgrade', plus(7200)))
      .thenThrows('UPGRADE_STEP_FAILED');
    const error = thrown(() => decide(drainFailed(), steer('ResumeUpgrade', plus(7200))));
    expect(error.message).toContain('vm-7 fits on no other node');
  });

  it('refuses after a failed step even when the operator had asked for a pause before it failed', () => {
    const events = fail(apply(draining(), steer('PauseUpgrade', plus(90))));
    spec
      .given(events)
      .when(steer('ResumeUpgrade', plus(7200)))
      .thenThrows('UPGRADE_STEP_FAILED');
  });
});

describe('RetryStep', () => {
  it('after a failure: records the retry as attempt 2 and runs again', () => {
    spec
      .given(drainFailed())
      .when(steer('RetryStep', plus(7200), 'carol'))
      .then([
        {
          type: 'RollingUpgradeStepRetried',
          data: { ...base(plus(7200)), hostId: 'host-1', step: 'drain', attempt: 2, by: 'carol' },
        },
      ]);
    const retried = apply(drainFailed(), steer('RetryStep', plus(7200)));
    expect(upgradeOf(retried)).toMatchObject({ status: 'Running', failure: null });
  });

  it('makes the step function return the same step with attempt 2, with its own job id', () => {
    const retried = apply(drainFailed(), steer('RetryStep', plus(7200)));
    expect(next(retried)).toEqual({ hostId: 'host-1', step: 'drain', attempt: 2 });
    spec
      .given(retried)
      .when(beginCommand({ hostId: 'host-1', step: 'drain', attempt: 2 }, plus(7260)))
      .then([
        {
          type: 'RollingUpgradeStepStarted',
          data: {
            upgradeId,
            hostId: 'host-1',
            step: 'drain',
            attempt: 2,
            jobId: jobOf('host-1', 'drain', 2),
            timeoutAt: plus(10860),
            at: plus(7260),
          },
        },
      ]);
  });

  it('continues with attempt 1 of the following step once the retry succeeds', () => {
    const done = complete(begin(apply(drainFailed(), steer('RetryStep', plus(7200)))));
    expect(next(done)).toEqual({ hostId: 'host-1', step: 'evict', attempt: 1 });
  });

  it('counts attempts up across repeated failures (attempt 3 after two)', () => {
    let events = apply(drainFailed(), steer('RetryStep', plus(7200)));
    events = fail(begin(events));
    spec
      .given(events)
      .when(steer('RetryStep', plus(14_400)))
      .then([
        {
          type: 'RollingUpgradeStepRetried',
          data: { upgradeId, hostId: 'host-1', step: 'drain', attempt: 3, by: 'bob', at: plus(14400) },
        },
      ]);
    expect(next(apply(events, steer('RetryStep', plus(14_400))))).toEqual({ hostId: 'host-1', step: 'drain', attempt: 3 });
  });

  it('refuses when nothing failed (NO_FAILED_STEP)', () => {
    spec.given(started()).when(steer('RetryStep')).thenThrows('NO_FAILED_STEP');
    spec
      .given(draining())
      .when(steer('RetryStep', plus(90)))
      .thenThrows('NO_FAILED_STEP');
    spec
      .given(operatorPaused())
      .when(steer('RetryStep', plus(7200)))
      .thenThrows('NO_FAILED_STEP');
    // The failure is dealt with once retried.
    spec
      .given(apply(drainFailed(), steer('RetryStep', plus(7200))))
      .when(steer('RetryStep', plus(7300)))
      .thenThrows('NO_FAILED_STEP');
  });
});

describe('SkipNode', () => {
  it('after a failure: skips the node, says where it was left, and resumes', () => {
    const reinstallFailed = fail(begin(steps(started(), 2)), 'OPERATION_FAILED', 'setup failed');
    const at = plus(86_400);
    spec
      .given(reinstallFailed)
      .when(steer('SkipNode', at, 'carol'))
      .then([
        {
          type: 'RollingUpgradeNodeSkipped',
          data: { ...base(at), hostId: 'host-1', by: 'carol', leftAt: 'evicted, still on WS2012R2' },
        },
        { type: 'RollingUpgradeResumed', data: { ...base(at), by: 'carol' } },
      ]);
  });

  it('moves the step function on to the next node', () => {
    const skipped = apply(drainFailed(), steer('SkipNode', plus(7200)));
    const upgrade = upgradeOf(skipped);
    expect(upgrade).toMatchObject({ status: 'Running', failure: null });
    expect(upgrade.nodes[0]).toMatchObject({ status: 'Skipped', finishedAt: plus(7200) });
    expect(next(skipped)).toEqual({ hostId: 'host-2', step: 'drain', attempt: 1 });
  });

  it('describes where the skipped node stands after the steps it went through', () => {
    const cases: Array<[number, string]> = [
      [1, 'Paused and drained, in the cluster on WS2012R2'], // evict failed
      [2, 'evicted, still on WS2012R2'], // reinstall failed
      [3, 'reinstalled with WS2016, not in the cluster'], // add failed
      [4, 'back in the cluster on WS2016'], // resume failed
    ];
    const at = plus(86_400);
    for (const [done, leftAt] of cases) {
      const failed = fail(begin(steps(started(), done)));
      spec
        .given(failed)
        .when(steer('SkipNode', at))
        .then([
          { type: 'RollingUpgradeNodeSkipped', data: { ...base(at), hostId: 'host-1', by: 'bob', leftAt } },
          { type: 'RollingUpgradeResumed', data: { ...base(at), by: 'bob' } },
        ]);
    }
  });

  it('does not describe a node whose drain failed as untouched (a failed drain leaves it Paused)', () => {
    // DOMAIN.md: a failed drain leaves the node Paused with whatever did not move (cluster decider: "A failed
    // drain leaves the node Paused"); the record of where the skipped node was left should say so.
    const failed = fail(draining(), 'OPERATION_FAILED', 'live migration of vm-3 failed');
    const at = plus(7200);
    spec
      .given(failed)
      .when(steer('SkipNode', at))
      .then([
        {
          type: 'RollingUpgradeNodeSkipped',
          data: { ...base(at), hostId: 'host-1', by: 'bob', leftAt: 'Paused, partly drained, in the cluster on WS2012R2' },
        },
        { type: 'RollingUpgradeResumed', data: { ...base(at), by: 'bob' } },
      ]);
  });

  it('refuses while a step is running (STEP_IN_PROGRESS)', () => {
    spec
      .given(draining())
      .when(steer('SkipNode', plus(90)))
      .thenThrows('STEP_IN_PROGRESS');
    spec
      .given(apply(draining(), steer('PauseUpgrade', plus(90))))
      .when(steer('SkipNode', plus(100)))
      .thenThrows('STEP_IN_PROGRESS');
  });

  it('completes the upgrade when the last node is skipped', () => {
    const lastFailed = fail(begin(steps(started(), 11)));
    const at = plus(86_400);
    spec
      .given(lastFailed)
      .when(steer('SkipNode', at))
      .then([
        {
          type: 'RollingUpgradeNodeSkipped',
          data: { ...base(at), hostId: 'host-3', by: 'bob', leftAt: 'Paused and drained, in the cluster on WS2012R2' },
        },
        { type: 'RollingUpgradeResumed', data: { ...base(at), by: 'bob' } },
        {
          type: 'RollingUpgradeCompleted',
          data: { ...base(at), nodesUpgraded: 2, nodesSkipped: 1, functionalLevelRaised: false },
        },
      ]);
    expect(next(apply(lastFailed, steer('SkipNode', at)))).toBeNull();
  });

  it('goes on to the raise after the last node is skipped when a raise was asked for', () => {
    const lastFailed = fail(begin(steps(started({ raiseFunctionalLevel: true }), 10)));
    const at = plus(86_400);
    const skipped = apply(lastFailed, steer('SkipNode', at));
    expect(skipped.slice(lastFailed.length)).toEqual([
      {
        type: 'RollingUpgradeNodeSkipped',
        data: { ...base(at), hostId: 'host-3', by: 'bob', leftAt: 'Paused, partly drained, in the cluster on WS2012R2' },
      },
      { type: 'RollingUpgradeResumed', data: { ...base(at), by: 'bob' } },
    ]);
    expect(next(skipped)).toEqual({ hostId: null, step: 'raise-functional-level', attempt: 1 });
  });

  it('refuses when every node is done: only the raise failed (NOTHING_TO_SKIP)', () => {
    const raiseFailed = fail(begin(allNodesDone({ raiseFunctionalLevel: true })));
    spec
      .given(raiseFailed)
      .when(steer('SkipNode', plus(86_400)))
      .thenThrows('NOTHING_TO_SKIP');
  });

  it('skips the current node during an operator pause and stays paused', () => {
    const paused = operatorPaused();
    spec
      .given(paused)
      .when(steer('SkipNode', plus(7200)))
      .then([
        {
          type: 'RollingUpgradeNodeSkipped',
          data: { ...base(plus(7200)), hostId: 'host-1', by: 'bob', leftAt: 'Paused and drained, in the cluster on WS2012R2' },
        },
      ]);
    const skipped = apply(paused, steer('SkipNode', plus(7200)));
    expect(upgradeOf(skipped).status).toBe('Paused');
    expect(next(apply(skipped, steer('ResumeUpgrade', plus(7300))))).toEqual({ hostId: 'host-2', step: 'drain', attempt: 1 });
  });
});

describe('CancelUpgrade', () => {
  it('with a step in flight: asks for a cancel and takes no next step', () => {
    spec
      .given(draining())
      .when(steer('CancelUpgrade', plus(90), 'carol'))
      .then([{ type: 'RollingUpgradeCancelRequested', data: { ...base(plus(90)), by: 'carol' } }]);
    const requested = apply(draining(), steer('CancelUpgrade', plus(90)));
    expect(upgradeOf(requested)).toMatchObject({ status: 'Running', cancelRequested: true });
    expect(next(requested)).toBeNull();
  });

  it('cancels once the step in flight completes, saying where the node stands', () => {
    const requested = apply(draining(), steer('CancelUpgrade', plus(90)));
    const at = plus(300);
    spec
      .given(requested)
      .when(completeCommand(jobOf('host-1', 'drain'), at, ['vm-1']))
      .then([
        {
          type: 'RollingUpgradeStepCompleted',
          data: {
            ...base(at),
            hostId: 'host-1',
            step: 'drain',
            jobId: jobOf('host-1', 'drain'),
            attempt: 1,
            vmsMoved: ['vm-1'],
            note: null,
          },
        },
        {
          type: 'RollingUpgradeCancelled',
          data: { ...base(at), leftAt: '0 of 3 nodes upgraded; hv01 Paused and drained, in the cluster on WS2012R2' },
        },
      ]);
    const cancelledAfter = apply(requested, completeCommand(jobOf('host-1', 'drain'), at));
    expect(upgradeOf(cancelledAfter)).toMatchObject({ status: 'Cancelled', finishedAt: at, cancelRequested: false });
    expect(next(cancelledAfter)).toBeNull();
  });

  it('cancels after the step in flight even when it fails, without pausing', () => {
    const requested = apply(begin(steps(started(), 2)), steer('CancelUpgrade', plus(600)));
    spec
      .given(requested)
      .when(failCommand(jobOf('host-1', 'reinstall'), plus(900)))
      .then([
        {
          type: 'RollingUpgradeStepFailed',
          data: {
            upgradeId,
            hostId: 'host-1',
            step: 'reinstall',
            jobId: jobOf('host-1', 'reinstall'),
            attempt: 1,
            code: 'OPERATION_FAILED',
            reason: 'the host refused',
            at: plus(900),
          },
        },
        {
          type: 'RollingUpgradeCancelled',
          data: {
            upgradeId,
            at: plus(900),
            leftAt: '0 of 3 nodes upgraded; hv01 evicted, still on WS2012R2',
          },
        },
      ]);
  });

  it('cancels when a step in flight times out after the cancel was asked', () => {
    const requested = apply(draining(), steer('CancelUpgrade', plus(90)));
    spec
      .given(requested)
      .when(timeOut(jobOf('host-1', 'drain'), plus(60 + STEP_TIMEOUT_SECONDS)))
      .then([
        {
          type: 'RollingUpgradeStepFailed',
          data: {
            upgradeId,
            hostId: 'host-1',
            step: 'drain',
            jobId: jobOf('host-1', 'drain'),
            attempt: 1,
            code: 'STEP_TIMED_OUT',
            reason: 'drain did not finish within 3600 s',
            at: plus(3660),
          },
        },
        {
          type: 'RollingUpgradeCancelled',
          data: {
            upgradeId,
            at: plus(3660),
            leftAt: '0 of 3 nodes upgraded; hv01 Paused, partly drained, in the cluster on WS2012R2',
          },
        },
      ]);
  });

  it('without a step in flight: cancels at once', () => {
    const between = steps(started(), 8);
    const at = plus(86_400);
    spec
      .given(between)
      .when(steer('CancelUpgrade', at))
      .then([
        {
          type: 'RollingUpgradeCancelled',
          data: { ...base(at), leftAt: '1 of 3 nodes upgraded; hv02 reinstalled with WS2016, not in the cluster' },
        },
      ]);
    spec
      .given(operatorPaused())
      .when(steer('CancelUpgrade', at))
      .then([
        {
          type: 'RollingUpgradeCancelled',
          data: { ...base(at), leftAt: '0 of 3 nodes upgraded; hv01 Paused and drained, in the cluster on WS2012R2' },
        },
      ]);
  });

  it('cancels at once after a failure, and names skipped nodes in where the upgrade was left', () => {
    const reinstallFailed = fail(begin(steps(started(), 2)), 'OPERATION_FAILED', 'setup failed');
    let events = apply(reinstallFailed, steer('SkipNode', plus(7200)));
    events = steps(events, 9);
    events = fail(begin(events));
    spec
      .given(events)
      .when(steer('CancelUpgrade', plus(86_400)))
      .then([
        {
          type: 'RollingUpgradeCancelled',
          data: {
            upgradeId,
            at: plus(86400),
            leftAt: '1 of 3 nodes upgraded; hv01 evicted, still on WS2012R2; hv03 back in the cluster on WS2016',
          },
        },
      ]);
  });

  it('cancels before the first step: nothing touched', () => {
    spec
      .given(started())
      .when(steer('CancelUpgrade', plus(10)))
      .then([{ type: 'RollingUpgradeCancelled', data: { ...base(plus(10)), leftAt: '0 of 3 nodes upgraded' } }]);
  });

  it('is idempotent while the cancel waits for the step', () => {
    spec
      .given(apply(draining(), steer('CancelUpgrade', plus(90))))
      .when(steer('CancelUpgrade', plus(100)))
      .then([]);
  });

  it('wins over a pending pause', () => {
    let events = apply(draining(), steer('PauseUpgrade', plus(90)));
    events = apply(events, steer('CancelUpgrade', plus(100)));
    spec
      .given(events)
      .when(completeCommand(jobOf('host-1', 'drain'), plus(300)))
      .then([
        {
          type: 'RollingUpgradeStepCompleted',
          data: {
            upgradeId,
            hostId: 'host-1',
            step: 'drain',
            jobId: jobOf('host-1', 'drain'),
            attempt: 1,
            vmsMoved: [],
            note: null,
            at: plus(300),
          },
        },
        {
          type: 'RollingUpgradeCancelled',
          data: {
            upgradeId,
            at: plus(300),
            leftAt: '0 of 3 nodes upgraded; hv01 Paused and drained, in the cluster on WS2012R2',
          },
        },
      ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Finished and unknown upgrades
// ---------------------------------------------------------------------------------------------

describe('steering a finished or unknown upgrade', () => {
  const commands = ['PauseUpgrade', 'ResumeUpgrade', 'CancelUpgrade', 'RetryStep', 'SkipNode'] as const;

  for (const type of commands) {
    it(`${type} on a Completed upgrade is refused (UPGRADE_FINISHED)`, () => {
      spec
        .given(completed())
        .when(steer(type, plus(86_400)))
        .thenThrows('UPGRADE_FINISHED');
    });

    it(`${type} on a Cancelled upgrade is refused (UPGRADE_FINISHED)`, () => {
      spec
        .given(cancelled())
        .when(steer(type, plus(86_400)))
        .thenThrows('UPGRADE_FINISHED');
    });

    it(`${type} on an unknown upgrade is refused (NOT_FOUND, not-found)`, () => {
      spec.given([]).when(steer(type)).thenThrows('NOT_FOUND');
      expect(thrown(() => decide([], steer(type))).kind).toBe('not-found');
    });
  }

  it('a Completed upgrade that raised the level is finished too', () => {
    const raised = complete(begin(allNodesDone({ raiseFunctionalLevel: true })));
    spec
      .given(raised)
      .when(steer('CancelUpgrade', plus(86_400)))
      .thenThrows('UPGRADE_FINISHED');
  });

  it('step outcomes arriving after the end record nothing', () => {
    const events = cancelled();
    spec
      .given(events)
      .when(completeCommand(jobOf('host-1', 'evict'), plus(86_400)))
      .then([]);
    spec
      .given(events)
      .when(failCommand(jobOf('host-1', 'evict'), plus(86_400)))
      .then([]);
    spec
      .given(events)
      .when(timeOut(jobOf('host-1', 'evict'), plus(86_400)))
      .then([]);
  });
});
