import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { isIdCursor, decodePageCursor, DEFAULT_PAGE_SIZE, encodePageCursor, Page } from '../../platform/http/pagination';
import { VmReadModel } from '../projections/vm-read-model.entity';

export interface VmFilter {
  hostId?: string;
  clusterId?: string;
  tenant?: string;
  state?: string;
  heartbeat?: string;
  configVersion?: string;
  generation?: number;
}

export class ListVms {
  /** `tenants`: the caller's scope (vm-operators); undefined means every tenant. */
  constructor(readonly filter: VmFilter & { limit?: number; cursor?: string; tenants?: readonly string[] }) {}
}

@QueryHandler(ListVms)
export class ListVmsHandler implements IQueryHandler<ListVms, Page<VmReadModel>> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ filter }: ListVms): Promise<Page<VmReadModel>> {
    const limit = filter.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodePageCursor(filter.cursor, isIdCursor);
    const query = this.dataSource
      .getRepository(VmReadModel)
      .createQueryBuilder('v')
      .orderBy('v.id')
      .limit(limit + 1);
    if (after) query.andWhere('v.id > :after', { after: after.id });
    if (filter.tenants) query.andWhere('v.tenant = ANY(:tenants)', { tenants: filter.tenants });
    const columns: Array<[keyof VmFilter, string]> = [
      ['hostId', 'host_id'],
      ['clusterId', 'cluster_id'],
      ['tenant', 'tenant'],
      ['state', 'state'],
      ['heartbeat', 'heartbeat'],
      ['configVersion', 'config_version'],
      ['generation', 'generation'],
    ];
    for (const [field, column] of columns) {
      if (filter[field] !== undefined) query.andWhere(`v.${column} = :${field}`, { [field]: filter[field] });
    }
    const rows = await query.getMany();
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? encodePageCursor({ id: items[items.length - 1].id }) : null };
  }
}
