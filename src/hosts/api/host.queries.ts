import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { HostReadModel } from '../projections/host-read-model.entity';
import { isIdCursor, decodePageCursor, DEFAULT_PAGE_SIZE, encodePageCursor, Page } from '../../platform/http/pagination';

export class GetHost {
  constructor(readonly hostId: string) {}
}

export class ListHosts {
  constructor(readonly filter: { osVersion?: string; clusterId?: string; limit?: number; cursor?: string }) {}
}

@QueryHandler(GetHost)
export class GetHostHandler implements IQueryHandler<GetHost, HostReadModel | null> {
  constructor(private readonly dataSource: DataSource) {}

  execute(query: GetHost): Promise<HostReadModel | null> {
    return this.dataSource.getRepository(HostReadModel).findOneBy({ id: query.hostId });
  }
}

@QueryHandler(ListHosts)
export class ListHostsHandler implements IQueryHandler<ListHosts, Page<HostReadModel>> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ filter }: ListHosts): Promise<Page<HostReadModel>> {
    const limit = filter.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodePageCursor(filter.cursor, isIdCursor);
    const query = this.dataSource
      .getRepository(HostReadModel)
      .createQueryBuilder('h')
      .orderBy('h.id')
      .limit(limit + 1);
    if (after) query.andWhere('h.id > :after', { after: after.id });
    if (filter.osVersion) query.andWhere('h.os_version = :os', { os: filter.osVersion });
    if (filter.clusterId) query.andWhere('h.cluster_id = :cluster', { cluster: filter.clusterId });
    const rows = await query.getMany();
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? encodePageCursor({ id: items[items.length - 1].id }) : null };
  }
}
