import { Type } from '@nestjs/common';
import { CommandOperation, EXAMPLE_ID, OperationDoc, ResponseDoc } from '../../platform/http/api-docs';
import { AcceptedDto, JobDto } from './job.dto';

export interface JobExample {
  /** The job kind, as `kind` on the job. */
  kind: string;
  resource: 'vm' | 'host' | 'cluster';
  /** The job's steps as the finished job of the example shows them. */
  steps: Array<{ name: string; powershell: string }>;
}

function acceptedExample(job: JobExample): AcceptedDto {
  const id = EXAMPLE_ID[job.resource];
  return {
    jobId: EXAMPLE_ID.job,
    status: 'Queued',
    position: 1042,
    resource: { type: job.resource, id, href: `/v1/${job.resource}s/${id}` },
  };
}

function finishedExample(job: JobExample): JobDto {
  return {
    id: EXAMPLE_ID.job,
    kind: job.kind,
    status: 'Succeeded',
    progress: 100,
    attempt: 1,
    target: { type: job.resource, id: EXAMPLE_ID[job.resource] },
    steps: job.steps.map((step) => ({
      ...step,
      status: 'Succeeded',
      startedAt: '2026-03-02T10:15:00.120Z',
      finishedAt: '2026-03-02T10:15:02.480Z',
    })),
    error: null,
    result: null,
    createdAt: '2026-03-02T10:15:00.020Z',
    startedAt: '2026-03-02T10:15:00.110Z',
    finishedAt: '2026-03-02T10:15:02.500Z',
    requestedBy: 'ops-key',
    version: 4,
  };
}

/**
 * A command that records a job: `202` with the job to follow, or `200` with the finished job under
 * `Prefer: wait`. The PowerShell of the description is the job's steps'.
 */
export function JobOperation(
  doc: Omit<OperationDoc, 'powershell'> & {
    request?: { type: Type<unknown>; example: unknown };
    job: JobExample;
    /** Answers other than the job's, such as a what-if plan. */
    alternatives?: ResponseDoc[];
  },
): MethodDecorator {
  return CommandOperation({
    ...doc,
    powershell: doc.job.steps.map((step) => `# ${step.name}\n${step.powershell}`).join('\n'),
    job: doc.job.kind,
    responses: [
      ...(doc.alternatives ?? []),
      {
        status: 202,
        type: AcceptedDto,
        description: 'The job is recorded; `Location` is the job to follow',
        example: acceptedExample(doc.job),
      },
      // One answer per status: an operation that answers 200 otherwise documents that answer instead.
      ...(doc.alternatives?.some((alternative) => alternative.status === 200)
        ? []
        : [
            {
              status: 200,
              type: JobDto,
              description: 'Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`)',
              example: finishedExample(doc.job),
            },
          ]),
    ],
  });
}
