import { EXAMPLE_ID, QueryOperation } from '../../platform/http/api-docs';
import { AuditEventDto, AuditEventPageDto } from './audit.dto';

const EVENT_EXAMPLE: AuditEventDto = {
  eventId: '5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716',
  type: 'VmStarted',
  streamId: `vm-${EXAMPLE_ID.vm}`,
  streamVersion: 6,
  globalPosition: 1045,
  recordedAt: '2026-03-02T10:15:02.500Z',
  schemaVersion: 1,
  data: { vmId: EXAMPLE_ID.vm, jobId: EXAMPLE_ID.job, hostId: EXAMPLE_ID.host, at: '2026-03-02T10:15:02.480Z' },
  metadata: {
    actor: 'ops-key',
    role: 'vm-operator',
    correlationId: '0f1e2d3c-4b5a-4697-8877-665544332211',
    causationId: null,
    requestId: '0f1e2d3c-4b5a-4697-8877-665544332211',
    idempotencyKey: null,
  },
};

export const AuditDocs = {
  list: QueryOperation({
    summary: 'Read the event log',
    description:
      "Every event in the store's reading order, from a position on (`after`), filtered by stream, type, actor, " +
      'correlation or time; `nextCursor` is set when the page is full: pass it as `cursor` for the next page. Auditor keys ' +
      'only; a costly query, limited per key.',
    response: { type: AuditEventPageDto, example: { items: [EVENT_EXAMPLE], nextCursor: '1045' } },
    errors: ['TOO_MANY_CONCURRENT_QUERIES'],
  }),
  stream: QueryOperation({
    summary: 'Follow the event log live (server-sent events)',
    description:
      'The backlog after the starting point (`after`, or `Last-Event-ID` on a reconnect), then live events as they are ' +
      'recorded, with the same filters as the log. Each event is `id: <globalPosition>`, `event: <type>`, `data: <event ' +
      'as in GET /v1/events>`; a comment every 15 s keeps the connection alive. Auditor keys only; at most ' +
      'EVENT_STREAMS_PER_KEY streams per key.',
    response: {
      mediaType: 'text/event-stream',
      description: 'An endless stream of events',
      example: `id: 1045\nevent: VmStarted\ndata: ${JSON.stringify(EVENT_EXAMPLE)}\n\n`,
    },
    errors: ['TOO_MANY_STREAMS'],
  }),
  history: QueryOperation({
    summary: 'The history of one resource',
    description:
      "One host's or VM's events in stream order, each with its actor and cause: who did what, when, through which " +
      "request. vm-operators see only their tenants' VMs. A costly query, limited per key.",
    response: { type: AuditEventPageDto, example: { items: [EVENT_EXAMPLE], nextCursor: null } },
    errors: ['NOT_FOUND', 'TOO_MANY_CONCURRENT_QUERIES'],
  }),
};
