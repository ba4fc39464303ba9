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

/**
 * PostgreSQL takes at most 65,535 parameters per statement, and a batch (up to
 * PROCESSOR_BATCH_SIZE events, 10,000 at most) can touch more documents than one statement can
 * carry: loads, upserts and deletes go in chunks that stay well below that limit.
 */
const MAX_PARAMETERS_PER_STATEMENT = 30_000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

export function documentProcessor<Doc extends ObjectLiteral & { id: string }>(projection: DocumentProjection<Doc>): Processor {
  return {
    name: projection.name,
    eventTypes: projection.eventTypes,
    async handle(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
      const repository = tx.getRepository(projection.entity);
      const ids = [...new Set(events.flatMap((event) => projection.documentIds(event)))];
      if (ids.length === 0) return;
      const documents = new Map<string, Doc | null>(ids.map((id) => [id, null]));
      for (const chunk of chunks(ids, MAX_PARAMETERS_PER_STATEMENT)) {
        const existing = await repository.findBy({ id: In(chunk) } as never);
        for (const document of existing) documents.set(document.id, document);
      }
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
      const rowsPerUpsert = Math.max(1, Math.floor(MAX_PARAMETERS_PER_STATEMENT / repository.metadata.columns.length));
      for (const chunk of chunks(upserts, rowsPerUpsert)) await repository.upsert(chunk as never, ['id']);
      for (const chunk of chunks(deletes, MAX_PARAMETERS_PER_STATEMENT)) await repository.delete({ id: In(chunk) } as never);
    },
    async reset(tx: EntityManager): Promise<void> {
      const table = tx.getRepository(projection.entity).metadata.tablePath;
      await tx.query(`TRUNCATE ${table}`);
    },
  };
}
