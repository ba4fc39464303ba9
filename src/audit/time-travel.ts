import { ObjectLiteral } from 'typeorm';
import { EventStore, RecordedEvent } from '../event-store/event-store.port';
import { DocumentProjection } from '../processing/document-projection';
import { ProblemError } from '../platform/http/problem';
import { HOST_EVENT_TYPES } from '../hosts/domain/host.events';
import { hostStreamId } from '../hosts/domain/host.decider';
import { hostProjection } from '../hosts/projections/host.projection';
import { HostReadModel } from '../hosts/projections/host-read-model.entity';
import { vmStreamId } from '../vms/domain/vm.events';
import { vmProjection } from '../vms/projections/vm.projection';
import { VmReadModel } from '../vms/projections/vm-read-model.entity';
import { parseInstant } from './event-selection';

/** A point in the store's past: an instant, or a global position. */
export type PointInTime = { asOf: Date } | { atPosition: number };

/** The `?asOf=` / `?atPosition=` pair of a single GET: null for "now", 400 for both at once. */
export function pointInTimeOf(query: { asOf?: string; atPosition?: number } | undefined): PointInTime | null {
  const { asOf, atPosition } = query ?? {};
  if (asOf !== undefined && atPosition !== undefined) {
    throw new ProblemError(400, 'VALIDATION_FAILED', 'Give asOf or atPosition, not both', {
      errors: [{ path: 'atPosition', message: 'cannot be combined with asOf' }],
    });
  }
  if (asOf !== undefined) return { asOf: parseInstant(asOf, 'asOf') };
  if (atPosition !== undefined) return { atPosition };
  return null;
}

function isUpTo(point: PointInTime, event: RecordedEvent): boolean {
  return 'asOf' in point ? event.recordedAt.getTime() <= point.asOf.getTime() : event.globalPosition <= point.atPosition;
}

const SCAN_PAGE = 1000;

/**
 * A read-model document as it was at a point in time: its own stream up to that point, plus the
 * events of other streams the projection also folds into it (`foreignTypes`), merged in global
 * position order and folded through the projection's pure `evolve`, exactly as live processing
 * would have folded them. Null when the document did not exist then.
 *
 * Foreign events are looked for only after the document's first own event: a document folds them
 * only once it exists, and they are caused by something that happened after it began (a VM runs on
 * a host only once the host is registered), so their transactions come later in the store's order.
 * That scan reads every event of those types after the document began: fine for an audit read,
 * not for a hot path.
 */
export async function documentAt<Doc extends ObjectLiteral & { id: string }>(
  store: EventStore,
  projection: DocumentProjection<Doc>,
  target: { id: string; streamId: string; foreignTypes?: readonly string[] },
  point: PointInTime,
): Promise<Doc | null> {
  const own = await store.readStream(
    target.streamId,
    'asOf' in point ? { toTime: point.asOf } : { toPosition: point.atPosition },
  );
  if (own.length === 0) return null;
  let events = own;
  if (target.foreignTypes && target.foreignTypes.length > 0) {
    const foreign: RecordedEvent[] = [];
    let cursor: string | null = own[0].cursor;
    for (;;) {
      const page = await store.readAll({
        after: cursor,
        limit: SCAN_PAGE,
        filter: { types: target.foreignTypes, ...('asOf' in point ? { to: point.asOf } : {}) },
      });
      for (const event of page.events) {
        if (event.streamId !== target.streamId && isUpTo(point, event) && projection.documentIds(event).includes(target.id)) {
          foreign.push(event);
        }
      }
      if (page.events.length < SCAN_PAGE) break;
      cursor = page.cursor;
    }
    events = [...own, ...foreign].sort((a, b) => a.globalPosition - b.globalPosition);
  }
  return events.reduce<Doc | null>((document, event) => projection.evolve(document, event, target.id), null);
}

/** VM events the host projection folds into a host (memory held by running VMs). */
const HOST_LOAD_EVENT_TYPES = hostProjection.eventTypes.filter((type) => !(HOST_EVENT_TYPES as readonly string[]).includes(type));

/** A host as it was, memoryUsedMb included (rebuilt from the VM events placed on it). */
export function hostAt(store: EventStore, hostId: string, point: PointInTime): Promise<HostReadModel | null> {
  return documentAt(
    store,
    hostProjection,
    { id: hostId, streamId: hostStreamId(hostId), foreignTypes: HOST_LOAD_EVENT_TYPES },
    point,
  );
}

/** Whether a host had been registered by then: its own stream alone, for callers who see hosts only as ids. */
export async function hostExistedAt(store: EventStore, hostId: string, point: PointInTime): Promise<boolean> {
  const own = await store.readStream(hostStreamId(hostId), 'asOf' in point ? { toTime: point.asOf } : { toPosition: point.atPosition });
  return own.length > 0;
}

/** A VM as it was: its own stream folded up to that point. */
export function vmAt(store: EventStore, vmId: string, point: PointInTime): Promise<VmReadModel | null> {
  return documentAt(store, vmProjection, { id: vmId, streamId: vmStreamId(vmId) }, point);
}
