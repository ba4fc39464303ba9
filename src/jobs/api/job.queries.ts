import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { isTimeIdCursor, decodePageCursor, DEFAULT_PAGE_SIZE, encodePageCursor, Page } from '../../platform/http/pagination';
import { JobReadModel } from '../projections/job-read-model.entity';
import { LiveJobProgress } from '../live-job-progress';

export class ListJobs {
  constructor(
    readonly filter: {
      status?: string;
      kind?: string;
      targetId?: string;
      limit?: number;
      cursor?: string;
      tenants?: readonly string[];
    },
  ) {}
}

/** Newest jobs first. */
@QueryHandler(ListJobs)
export class ListJobsHandler implements IQueryHandler<ListJobs, Page<JobReadModel>> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly progress: LiveJobProgress,
  ) {}

  async execute({ filter }: ListJobs): Promise<Page<JobReadModel>> {
    const limit = filter.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodePageCursor(filter.cursor, isTimeIdCursor);
    const query = this.dataSource
      .getRepository(JobReadModel)
      .createQueryBuilder('j')
      .orderBy('j.created_at', 'DESC')
      .addOrderBy('j.id', 'DESC')
      .limit(limit + 1);
    if (after) query.andWhere('(j.created_at, j.id) < (:createdAt, :id)', after);
    if (filter.tenants) query.andWhere('j.tenant = ANY(:tenants)', { tenants: filter.tenants });
    if (filter.status) query.andWhere('j.status = :status', { status: filter.status });
    if (filter.kind) query.andWhere('j.kind = :kind', { kind: filter.kind });
    if (filter.targetId) query.andWhere('j.target_id = :targetId', { targetId: filter.targetId });
    const rows = await query.getMany();
    const items = await this.progress.overlay(rows.slice(0, limit));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit ? encodePageCursor({ createdAt: last.createdAt, id: last.id }) : null };
  }
}
