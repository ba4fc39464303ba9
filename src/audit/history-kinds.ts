import { Injectable } from '@nestjs/common';
import { RecordedEvent } from '../event-store/event-store.port';
import { Principal, Role } from '../platform/auth/principal';

/** One kind of resource whose events `GET /v1/{kind}/{id}/history` serves. */
export interface HistoryKind {
  /** The resource's stream is `<streamPrefix><id>`. */
  streamPrefix: string;
  /** Roles besides admin that may read this kind's history. */
  roles: readonly Exclude<Role, 'admin'>[];
  /** Whether this principal may see this resource at all, judged from its whole stream; no answers 404. */
  visibleTo?(principal: Principal, stream: readonly RecordedEvent[]): boolean;
}

/**
 * Which path segment maps to which stream. Bounded contexts register their kinds (clusters,
 * rolling upgrades, …) at start-up; the route stays one.
 */
@Injectable()
export class HistoryKinds {
  private readonly kinds = new Map<string, HistoryKind>();

  register(kind: string, definition: HistoryKind): void {
    if (this.kinds.has(kind)) throw new Error(`History kind ${kind} is registered twice`);
    this.kinds.set(kind, definition);
  }

  find(kind: string): HistoryKind | undefined {
    return this.kinds.get(kind);
  }

  names(): string[] {
    return [...this.kinds.keys()];
  }
}
