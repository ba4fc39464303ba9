import { Module, OnModuleInit } from '@nestjs/common';
import { ProcessorRegistry } from '../processing/processor-registry';
import { documentProcessor } from '../processing/document-projection';
import { HostsModule } from '../hosts/hosts.module';
import { JobsModule } from '../jobs/jobs.module';
import { JobRoutes } from '../jobs/job-routes';
import { VmsController } from './api/vms.controller';
import { VmConfigurationController } from './api/vm-configuration.controller';
import { VmCommandSender } from './vm-command-sender';
import { ListVmsHandler } from './api/vm.queries';
import { vmProjection } from './projections/vm.projection';
import { VmReadModel } from './projections/vm-read-model.entity';
import { VmJobRoute } from './vm-job-route';

export const VMS_ENTITIES = [VmReadModel];

@Module({
  imports: [JobsModule, HostsModule],
  controllers: [VmsController, VmConfigurationController],
  providers: [ListVmsHandler, VmJobRoute, VmCommandSender],
  exports: [VmCommandSender],
})
export class VmsModule implements OnModuleInit {
  constructor(
    private readonly processors: ProcessorRegistry,
    private readonly routes: JobRoutes,
    private readonly route: VmJobRoute,
  ) {}

  onModuleInit(): void {
    this.processors.register(documentProcessor(vmProjection));
    this.routes.register('vm', this.route);
  }
}
