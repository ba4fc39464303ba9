import { EntityManager, EntityTarget, In, ObjectLiteral } from 'typeorm';
import { RecordedEvent } from '../event-store/event-store.port';
import { Processor } from './processor';

/**
 * A read model as a pure fold per document: which documents an event touches, and what each
 * becomes. The runner loads the touched documents once per batch, folds the whole batch in
 * memory and writes each changed document once, which keeps live processing and rebuilds fast
 * and makes a rebuild reproduce exactly what live processing produced.
 */
export interface DocumentProjection<Doc extends ObjectLiteral & { id: string }> {
  readonly name: string;
  readonly entity: EntityTarget<Doc>;
  readonly eventTypes: readonly string[];
  documentIds(event: RecordedEvent): readonly string[];
  /** The document after the event; null removes it. Must depend on nothing but its inputs. */
  evolve(document: Doc | null, event: RecordedEvent, id: string): Doc | null;
}

export function documentProcessor<Doc extends ObjectLiteral & { id: string }>(
  projection: DocumentProjection<Doc>,
): Processor {
  return {
    name: projection.name,
    eventTypes: projection.eventTypes,
    async handle(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
      const repository = tx.getRepository(projection.entity);
      const ids = [...new Set(events.flatMap((event) => projection.documentIds(event)))];
      if (ids.length === 0) return;
      const existing = await repository.findBy({ id: In(ids) } as never);
      const documents = new Map<string, Doc | null>(ids.map((id) => [id, null]));
      for (const document of existing) documents.set(document.id, document);
      const touched = new Set<string>();
      for (const event of events) {
        for (const id of projection.documentIds(event)) {
          documents.set(id, projection.evolve(documents.get(id) ?? null, event, id));
          touched.add(id);
        }
      }
      const upserts: Doc[] = [];
      const deletes: string[] = [];
      for (const id of touched) {
        const document = documents.get(id);
        if (document) upserts.push(document);
        else deletes.push(id);
      }
      if (upserts.length > 0) await repository.upsert(upserts as never, ['id']);
      if (deletes.length > 0) await repository.delete({ id: In(deletes) } as never);
    },
    async reset(tx: EntityManager): Promise<void> {
      const table = tx.getRepository(projection.entity).metadata.tablePath;
      await tx.query(`TRUNCATE ${table}`);
    },
  };
}
