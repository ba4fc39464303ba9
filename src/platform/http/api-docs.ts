import { applyDecorators, Type } from '@nestjs/common';
import {
  ApiBody,
  ApiExtraModels,
  ApiHeader,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiQuery,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { PROBLEM_CATALOGUE, PROBLEM_CODES, ProblemCode } from './problem-catalogue';
import { problemType, titleOf } from './problem';

export class ProblemFieldErrorDto {
  @ApiProperty({ example: 'memory.startupMb' }) path!: string;
  @ApiProperty({ example: 'must not be less than 32' }) message!: string;
}

/** RFC 9457 problem details with the stable `code` a client switches on. */
export class ProblemDocumentDto {
  @ApiProperty({ example: 'https://fabric-manager.dev/problems/invalid-vm-state' }) type!: string;
  @ApiProperty({ example: 'Conflict' }) title!: string;
  @ApiProperty({ example: 409 }) status!: number;
  @ApiProperty({ example: 'Cannot start a virtual machine that is Running; it must be Off or Saved' }) detail!: string;
  @ApiPropertyOptional({ example: '/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11/start' }) instance?: string;
  @ApiProperty({ enum: PROBLEM_CODES, enumName: 'ProblemCode' }) code!: ProblemCode;
  @ApiPropertyOptional({ type: [ProblemFieldErrorDto], description: 'VALIDATION_FAILED: one entry per field' })
  errors?: ProblemFieldErrorDto[];
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'The facts behind a rule refusal, named per code in the error table',
  })
  details?: Record<string, unknown>;
}

/** Every operation can answer these: a malformed request, no or an unknown key, a role that may not, too many requests, a lost database. */
const EVERY_OPERATION: readonly ProblemCode[] = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
];
const EVERY_READ: readonly ProblemCode[] = ['READ_MODEL_BEHIND'];
const EVERY_WRITE: readonly ProblemCode[] = ['IDEMPOTENCY_KEY_REUSED', 'REQUEST_IN_PROGRESS', 'VERSION_CONFLICT'];
const EVERY_BODY: readonly ProblemCode[] = ['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'];

function exampleProblem(code: ProblemCode) {
  const { status, meaning } = PROBLEM_CATALOGUE[code];
  return { type: problemType(code), title: titleOf(status), status, detail: meaning.replace(/`/g, ''), code };
}

/** The error responses of an operation: one per status, listing its codes, with an example document per code. */
export function ProblemResponses(...codes: ProblemCode[]): MethodDecorator {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of new Set(codes)) {
    const status = PROBLEM_CATALOGUE[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses = [...byStatus.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, group]) =>
      ApiResponse({
        status,
        description: group.map((code) => `\`${code}\`: ${PROBLEM_CATALOGUE[code].meaning}`).join('<br>'),
        content: {
          'application/problem+json': {
            schema: { $ref: getSchemaPath(ProblemDocumentDto) },
            examples: Object.fromEntries(group.map((code) => [code, { summary: code, value: exampleProblem(code) }])),
          },
        },
      }),
    );
  return applyDecorators(ApiExtraModels(ProblemDocumentDto), ...responses);
}

export interface OperationDoc {
  summary: string;
  /** What it does to the fabric: the rules it checks and what it records. */
  description: string;
  /** The PowerShell a Hyper-V administrator would run for the same work (the job's steps). */
  powershell?: string;
  /** The codes this operation refuses with, beyond those every operation or every write can answer. */
  errors?: readonly ProblemCode[];
}

export interface ResponseDoc {
  status?: number;
  /** The body's schema; absent for a body that is not JSON (see `mediaType`). */
  type?: Type<unknown> | [Type<unknown>];
  /** A body other than JSON, such as `text/event-stream`. */
  mediaType?: string;
  description?: string;
  example: unknown;
}

function describe(doc: OperationDoc, job?: string): string {
  return [
    doc.description,
    job
      ? `Starts a \`${job}\` job: \`202\` with the job to follow, or \`200\` with the finished job under \`Prefer: wait=<seconds>\`.`
      : '',
    doc.powershell ? `PowerShell:\n\n\`\`\`powershell\n${doc.powershell}\n\`\`\`` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

function success(response: ResponseDoc, fallback: number): MethodDecorator {
  const status = response.status ?? fallback;
  const description = response.description ?? 'Done';
  if (response.mediaType) {
    return ApiResponse({
      status,
      description,
      content: { [response.mediaType]: { schema: { type: 'string' }, example: response.example } },
    });
  }
  const type = response.type;
  if (!type) return ApiResponse({ status, description });
  return ApiResponse({
    status,
    description,
    type: Array.isArray(type) ? type[0] : type,
    isArray: Array.isArray(type),
    example: response.example,
  });
}

const MIN_POSITION = ApiQuery({
  name: 'minPosition',
  required: false,
  schema: { type: 'integer', minimum: 0 },
  description:
    'Read-your-writes: the `position` a write answered with; the read waits (up to 5 s) until the read models have it, else `503 READ_MODEL_BEHIND`',
});

/** A read: its answer and example, `minPosition`, and the refusals every read can meet. */
export function QueryOperation(doc: OperationDoc & { response: ResponseDoc; etag?: boolean }): MethodDecorator {
  return applyDecorators(
    ApiOperation({ summary: doc.summary, description: describe(doc) }),
    MIN_POSITION,
    success(
      doc.etag
        ? {
            ...doc.response,
            description: `${doc.response.description ?? 'Found'}; \`ETag\` carries the version to send as \`If-Match\``,
          }
        : doc.response,
      200,
    ),
    ProblemResponses(...EVERY_OPERATION, ...EVERY_READ, ...(doc.errors ?? [])),
  );
}

/** The ids the examples use, so that an example request and its answer name the same resources. */
export const EXAMPLE_ID = {
  vm: '0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11',
  host: '5d2a7a43-1b9e-4f3c-8f56-0c4e2e9a7b10',
  cluster: '9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6',
  job: '3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d',
  upgrade: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
  key: 'c0ffee00-1234-4abc-8def-0123456789ab',
} as const;

const IDEMPOTENCY_KEY = ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description:
    'Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED`',
});
const IF_MATCH = ApiHeader({
  name: 'If-Match',
  required: false,
  description: 'The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT`',
});
const PREFER = ApiHeader({
  name: 'Prefer',
  required: false,
  description:
    '`wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it',
});

/**
 * A write: `Idempotency-Key`, `If-Match`, its request example and its answers. `job` names the job kind
 * it starts, which adds `Prefer: wait`.
 */
export function CommandOperation(
  doc: OperationDoc & {
    request?: { type: Type<unknown>; example: unknown };
    job?: string;
    /** Answers `200` with the finished job under `Prefer: wait` (implied by `job`). */
    preferWait?: boolean;
    responses: ResponseDoc[];
  },
): MethodDecorator {
  const decorators: MethodDecorator[] = [
    ApiOperation({ summary: doc.summary, description: describe(doc, doc.job) }),
    IDEMPOTENCY_KEY,
    IF_MATCH,
  ];
  if (doc.job || doc.preferWait) decorators.push(PREFER);
  if (doc.request) {
    decorators.push(ApiBody({ type: doc.request.type, examples: { example: { value: doc.request.example } } }));
  }
  for (const response of doc.responses) decorators.push(success(response, 200));
  decorators.push(
    ProblemResponses(...EVERY_OPERATION, ...EVERY_WRITE, ...(doc.request ? EVERY_BODY : []), ...(doc.errors ?? [])),
  );
  return applyDecorators(...decorators);
}

/** The opening page of the reference: what every operation has in common. */
export const API_INTRODUCTION = [
  'Event-sourced control plane for a Hyper-V style virtualization fabric: hosts, failover clusters, virtual machines, ' +
    'Hyper-V Replica and rolling cluster OS upgrades. Every change is recorded as events; work on the hosts is a job.',
  '**Authentication.** Every request carries an API key: `Authorization: Bearer <secret>`. Its role decides what it ' +
    'may do: `admin` (API keys), `fabric-admin` (hosts, clusters, upgrades), `vm-operator` (the VMs of its tenants), ' +
    '`auditor` (reads and the event log).',
  '**Jobs.** A command that needs host work answers `202` with `{jobId, position, resource}` and `Location: /v1/jobs/{id}`. ' +
    'Each job step carries the PowerShell a Hyper-V administrator would run. `Prefer: wait=<seconds>` answers `200` with the ' +
    'finished job instead, if it ends in time.',
  '**Retries and concurrency.** `Idempotency-Key` on any write makes a retry safe; single resources carry an `ETag`, ' +
    'and `If-Match` with an older version is `412`. Writes answer with a `position`; `?minPosition=<position>` on a read ' +
    'waits until the read models have it.',
  '**Errors** are `application/problem+json` with a stable `code`; each operation lists the codes it can answer with.',
].join('\n\n');

/** The areas of the API, in the order the reference shows them. */
export const API_TAGS: Record<string, string> = {
  hosts: 'Hyper-V hosts: registration, state, OS reinstall',
  clusters: 'Failover clusters: nodes, drain and resume, eviction, functional level, compute resiliency',
  vms: 'Virtual machines: power, configuration, checkpoints, migration, integration services',
  replication: 'Hyper-V Replica: enabling, monitoring, planned, unplanned and test failovers',
  'rolling-upgrades': 'Rolling cluster OS upgrades: plan, run, steer',
  jobs: 'The work on the hosts: progress, steps with their PowerShell, cancel, restart',
  audit: 'The event log, its live stream, and the history of each resource',
  'api-keys': 'API keys and their roles',
  simulator: 'The simulated fleet behind the service and its faults',
};
