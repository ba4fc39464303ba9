import { Controller, Get, Headers, Inject, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { CurrentPrincipal, Permit, Principal } from '../../platform/auth/principal';
import { ExpensiveQuery } from '../../platform/http/expensive-queries';
import { DEFAULT_PAGE_SIZE, Page } from '../../platform/http/pagination';
import { ProblemError } from '../../platform/http/problem';
import { AuditEvent, toAuditEvent } from '../audit-event';
import { cursorAfterPosition, readAllFilterOf } from '../event-selection';
import { EventStreamService } from '../event-stream.service';
import { ListEventsQuery, StreamEventsQuery } from './audit.dto';
import { startPositionOf } from './event-cursor';
import { AuditDocs } from './audit.docs';

const POSITION = /^\d{1,15}$/;

function invalid(path: string, message: string): ProblemError {
  return new ProblemError(400, 'VALIDATION_FAILED', `${path} ${message}`, { errors: [{ path, message }] });
}

@ApiTags('audit')
@Controller('v1/events')
export class EventsController {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly streams: EventStreamService,
  ) {}

  @Get()
  @Permit('auditor')
  @ExpensiveQuery()
  @AuditDocs.list
  async list(@Query() query: ListEventsQuery): Promise<Page<AuditEvent>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const filter = readAllFilterOf(query);
    const start = startPositionOf(query);
    const after = await cursorAfterPosition(this.eventStore, start.position, start.path);
    const page = await this.eventStore.readAll({ after, limit, filter });
    const items = page.events.map(toAuditEvent);
    return { items, nextCursor: items.length === limit ? String(items[items.length - 1].globalPosition) : null };
  }

  @Get('stream')
  @Permit('auditor')
  @ApiProduces('text/event-stream')
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'Resume after this event id (a globalPosition); wins over ?after=',
  })
  @AuditDocs.stream
  async stream(
    @Query() query: StreamEventsQuery,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() reply: FastifyReply,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    let start = query.after;
    let path = 'after';
    if (lastEventId !== undefined && lastEventId.trim() !== '') {
      if (!POSITION.test(lastEventId.trim())) throw invalid('Last-Event-ID', 'must be an event id this stream sent');
      start = Number(lastEventId.trim());
      path = 'Last-Event-ID';
    }
    const filter = readAllFilterOf(query);
    const after = await cursorAfterPosition(this.eventStore, start, path);
    await this.streams.serve(reply, after, filter, principal);
  }
}
