/** An RFC 9457 problem document as the service sends it, with the stable `code` to switch on. */
export interface ProblemDocument {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  errors?: Array<{ path: string; message: string }>;
  [extension: string]: unknown;
}

/** The service refused a request: the problem document it answered with. */
export class FabricProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;

  constructor(readonly problem: ProblemDocument) {
    super(`${problem.code}: ${problem.detail ?? problem.title}`);
    this.name = 'FabricProblem';
    this.status = problem.status;
    this.code = problem.code;
    this.detail = problem.detail ?? problem.title;
  }
}

/** No answer at all: the service is not listening, the name does not resolve, the connection broke. */
export class FabricUnreachable extends Error {
  readonly code = 'UNREACHABLE';

  constructor(
    readonly url: string,
    cause: unknown,
  ) {
    super(`cannot reach ${url}: ${describeCause(cause)}`, { cause });
    this.name = 'FabricUnreachable';
  }
}

/** A job the client followed ended without succeeding; `code` and `detail` are the job's error. */
export class FabricJobFailed extends Error {
  readonly code: string;
  readonly detail: string;

  constructor(readonly job: { id: string; kind: string; status: string; error: { code: string; detail: string } | null }) {
    const code = job.error?.code ?? (job.status === 'Cancelled' ? 'JOB_CANCELLED' : 'JOB_FAILED');
    const detail = job.error?.detail ?? `job ${job.id} (${job.kind}) ended ${job.status}`;
    super(`${code}: ${detail}`);
    this.name = 'FabricJobFailed';
    this.code = code;
    this.detail = detail;
  }
}

/** Reads a non-2xx answer as a problem; an answer that is not one still becomes a problem with an HTTP code. */
export async function problemOf(response: Response): Promise<FabricProblem> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as Partial<ProblemDocument>;
    if (body && typeof body === 'object' && typeof body.code === 'string') {
      return new FabricProblem({ title: response.statusText, ...body, status: body.status ?? response.status, code: body.code });
    }
  } catch {
    // not JSON: described below
  }
  return new FabricProblem({
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    code: `HTTP_${response.status}`,
    detail: text.trim().slice(0, 200) || `${response.status} ${response.statusText}`.trim(),
  });
}

function describeCause(cause: unknown): string {
  const error = cause as { message?: string; cause?: { code?: string; message?: string } } | undefined;
  // fetch reports every network failure as "fetch failed"; the reason is in its cause.
  const inner = error?.cause;
  if (inner?.code) return inner.code;
  if (inner?.message) return inner.message;
  return error?.message ?? String(cause);
}
