import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { CurrentPrincipal, Permit, Principal } from '../../platform/auth/principal';
import { ExpensiveQuery } from '../../platform/http/expensive-queries';
import { DEFAULT_PAGE_SIZE, Page } from '../../platform/http/pagination';
import { ProblemError } from '../../platform/http/problem';
import { UuidPipe } from '../../platform/http/uuid.pipe';
import { AuditEvent, toAuditEvent } from '../audit-event';
import { HistoryKinds } from '../history-kinds';
import { HistoryQuery } from './audit.dto';
import { AuditDocs } from './audit.docs';
import { startPositionOf } from './event-cursor';

@ApiTags('audit')
@Controller('v1')
export class HistoryController {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly kinds: HistoryKinds,
  ) {}

  @Get(':kind/:id/history')
  @ExpensiveQuery()
  // The union of every kind's roles; each kind narrows it below.
  @Permit('auditor', 'fabric-admin', 'vm-operator')
  @ApiParam({
    name: 'kind',
    description:
      'hosts (auditor, fabric-admin) or vms (auditor, fabric-admin, vm-operator for its tenants); other kinds as they are registered',
    example: 'vms',
  })
  @AuditDocs.history
  async history(
    @Param('kind') kindName: string,
    @Param('id', new UuidPipe('id')) id: string,
    @Query() query: HistoryQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<AuditEvent>> {
    const kind = this.kinds.find(kindName);
    if (!kind) throw new ProblemError(404, 'NOT_FOUND', `No resource at /v1/${kindName}/${id}/history`);
    if (principal.role !== 'admin' && !kind.roles.includes(principal.role)) {
      throw new ProblemError(403, 'FORBIDDEN', `The ${principal.role} role may not read the history of ${kindName}`);
    }
    const start = startPositionOf(query);
    // Resource streams stay small enough to read whole; that also gives the visibility check the stream's start.
    const stream = await this.eventStore.readStream(`${kind.streamPrefix}${id}`);
    if (stream.length === 0 || (kind.visibleTo && !kind.visibleTo(principal, stream))) {
      throw new ProblemError(404, 'NOT_FOUND', `${kindName}/${id} has no history`);
    }
    const after = start.position ?? 0;
    let first = 0;
    if (after > 0) {
      const index = stream.findIndex((event) => event.globalPosition === after);
      if (index < 0) {
        const { path } = start;
        throw new ProblemError(400, 'VALIDATION_FAILED', `${path} is not the position of an event of ${kindName}/${id}`, {
          errors: [{ path, message: "must be the globalPosition of an event in this resource's history" }],
        });
      }
      first = index + 1;
    }
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const items = stream.slice(first, first + limit).map(toAuditEvent);
    const more = first + limit < stream.length;
    return { items, nextCursor: more ? String(items[items.length - 1].globalPosition) : null };
  }
}
