import { CommandOperation, EXAMPLE_ID, QueryOperation } from '../../platform/http/api-docs';
import { AcceptedDto, JobDto, JobPageDto } from './job.dto';

export const JOB_EXAMPLE: JobDto = {
  id: EXAMPLE_ID.job,
  kind: 'start-vm',
  status: 'Running',
  progress: 0,
  attempt: 1,
  target: { type: 'vm', id: EXAMPLE_ID.vm },
  steps: [
    {
      name: 'Start the virtual machine',
      status: 'Running',
      startedAt: '2026-03-02T10:15:00.120Z',
      finishedAt: null,
      powershell: 'Start-VM -Name "web01" -ComputerName "hv-node-01"',
    },
  ],
  error: null,
  result: null,
  createdAt: '2026-03-02T10:15:00.020Z',
  startedAt: '2026-03-02T10:15:00.110Z',
  finishedAt: null,
  requestedBy: 'ops-key',
  version: 3,
};

export const JobDocs = {
  list: QueryOperation({
    summary: 'List jobs',
    description:
      "Pages through the jobs, newest first, filtered by status, kind or target. A vm-operator sees the jobs of its tenants' VMs. PowerShell: `Get-Job`.",
    response: { type: JobPageDto, example: { items: [JOB_EXAMPLE], nextCursor: null } },
  }),
  get: QueryOperation({
    summary: 'Get a job',
    description:
      'A job with its steps (each with the PowerShell a Hyper-V administrator would run), progress, error code and result. ' +
      'Follow a `202` here, or wait on the event stream.',
    response: { type: JobDto, example: JOB_EXAMPLE },
    etag: true,
    errors: ['NOT_FOUND'],
  }),
  cancel: CommandOperation({
    summary: 'Cancel a job',
    description:
      'Cancels a Queued or Running job: the step running finishes, no further step starts, and the target is left as the ' +
      "finished steps made it. A fabric-admin steers infrastructure jobs, a vm-operator the jobs of its tenants' VMs.",
    responses: [
      {
        status: 202,
        type: AcceptedDto,
        description: 'The cancellation is recorded',
        example: {
          jobId: EXAMPLE_ID.job,
          status: 'Cancelled',
          position: 1050,
          resource: { type: 'job', id: EXAMPLE_ID.job, href: `/v1/jobs/${EXAMPLE_ID.job}` },
        },
      },
    ],
    errors: ['NOT_FOUND', 'JOB_NOT_CANCELLABLE'],
  }),
  restart: CommandOperation({
    summary: 'Restart a failed or cancelled job',
    description:
      "Runs the target's last failed or cancelled operation again as a new attempt of the same job (the rules are checked " +
      'again against the target as it is now). Replication jobs are not restarted: send the replication request again.',
    preferWait: true,
    responses: [
      {
        status: 202,
        type: AcceptedDto,
        description: 'The new attempt is recorded; `Location` is the job',
        example: {
          jobId: EXAMPLE_ID.job,
          status: 'Queued',
          position: 1051,
          resource: { type: 'vm', id: EXAMPLE_ID.vm, href: `/v1/vms/${EXAMPLE_ID.vm}` },
        },
      },
      {
        status: 200,
        type: JobDto,
        description: 'Under `Prefer: wait`: the attempt ended in time',
        example: { ...JOB_EXAMPLE, status: 'Succeeded', attempt: 2 },
      },
    ],
    errors: ['NOT_FOUND', 'JOB_NOT_RESTARTABLE', 'OPERATION_PENDING', 'INVALID_VM_STATE'],
  }),
};
