import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { LOGGER } from '../platform/tokens';
import { SystemCommands } from '../platform/system-commands';
import { ProcessorRegistry } from '../processing/processor-registry';
import { documentProcessor } from '../processing/document-projection';
import { AuditModule } from '../audit/audit.module';
import { HistoryKinds } from '../audit/history-kinds';
import { ClustersModule } from '../clusters/clusters.module';
import { ClusterTimers } from '../clusters/workflows/cluster-timers';
import { HostsModule } from '../hosts/hosts.module';
import { HostDirectory } from '../hosts/host-directory';
import { JobsModule } from '../jobs/jobs.module';
import { JobRoutes } from '../jobs/job-routes';
import { VmsModule } from '../vms/vms.module';
import { ReplicationController } from './api/replication.controller';
import { replicationStreamId } from './domain/replication.events';
import { ReplicationReadModel } from './projections/replication-read-model.entity';
import { replicationProjection } from './projections/replication.projection';
import { ReplicationDirectory } from './replication-directory';
import { ReplicationJobRoute } from './replication-job-route';
import { addedDisks, cycleScheduler, cycleTimers, failoverRelocation, ReplicationDeps } from './workflows/replication-workflows';

export const REPLICATION_ENTITIES = [ReplicationReadModel];

@Module({
  imports: [JobsModule, HostsModule, VmsModule, ClustersModule, AuditModule],
  controllers: [ReplicationController],
  providers: [ReplicationDirectory, ReplicationJobRoute],
})
export class ReplicationModule implements OnModuleInit {
  constructor(
    private readonly processors: ProcessorRegistry,
    private readonly routes: JobRoutes,
    private readonly route: ReplicationJobRoute,
    private readonly history: HistoryKinds,
    private readonly commands: SystemCommands,
    private readonly directory: ReplicationDirectory,
    private readonly hosts: HostDirectory,
    private readonly timers: ClusterTimers,
    private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    const deps: ReplicationDeps = {
      commands: this.commands,
      directory: this.directory,
      hosts: this.hosts,
      timers: this.timers,
      dataSource: this.dataSource,
      logger: this.logger,
    };
    this.processors.register(documentProcessor(replicationProjection));
    this.processors.register(cycleScheduler(deps));
    this.processors.register(failoverRelocation(deps));
    this.processors.register(addedDisks(deps));
    this.timers.extend(cycleTimers(deps));
    this.routes.register('replication', this.route);
    this.history.register('replication', { streamPrefix: replicationStreamId(''), roles: ['auditor', 'fabric-admin'] });
  }
}
