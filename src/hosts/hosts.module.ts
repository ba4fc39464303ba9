import { Module, OnModuleInit } from '@nestjs/common';
import { ProcessorRegistry } from '../processing/processor-registry';
import { documentProcessor } from '../processing/document-projection';
import { JobsModule } from '../jobs/jobs.module';
import { JobRoutes } from '../jobs/job-routes';
import { HostsController } from './api/hosts.controller';
import { GetHostHandler, ListHostsHandler } from './api/host.queries';
import { HostFactsQuery } from './host-facts.query';
import { HostJobRoute } from './host-job-route';
import { hostProjection } from './projections/host.projection';
import { HostReadModel } from './projections/host-read-model.entity';

export const HOSTS_ENTITIES = [HostReadModel];

@Module({
  imports: [JobsModule],
  controllers: [HostsController],
  providers: [GetHostHandler, ListHostsHandler, HostFactsQuery, HostJobRoute],
  exports: [HostFactsQuery],
})
export class HostsModule implements OnModuleInit {
  constructor(
    private readonly processors: ProcessorRegistry,
    private readonly routes: JobRoutes,
    private readonly route: HostJobRoute,
  ) {}

  onModuleInit(): void {
    this.processors.register(documentProcessor(hostProjection));
    this.routes.register('host', this.route);
  }
}
