import { Module, OnModuleInit } from '@nestjs/common';
import { ProcessorRegistry } from '../processing/processor-registry';
import { documentProcessor } from '../processing/document-projection';
import { HostsController } from './api/hosts.controller';
import { GetHostHandler, ListHostsHandler } from './api/host.queries';
import { hostProjection } from './projections/host.projection';
import { HostReadModel } from './projections/host-read-model.entity';

export const HOSTS_ENTITIES = [HostReadModel];

@Module({
  controllers: [HostsController],
  providers: [GetHostHandler, ListHostsHandler],
})
export class HostsModule implements OnModuleInit {
  constructor(private readonly processors: ProcessorRegistry) {}

  onModuleInit(): void {
    this.processors.register(documentProcessor(hostProjection));
  }
}
