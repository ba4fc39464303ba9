import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { Logger } from 'pino';
import { LOGGER } from '../platform/tokens';
import { SystemCommands } from '../platform/system-commands';
import { ProcessorRegistry } from '../processing/processor-registry';
import { documentProcessor } from '../processing/document-projection';
import { AuditModule } from '../audit/audit.module';
import { HistoryKinds } from '../audit/history-kinds';
import { ClustersModule } from '../clusters/clusters.module';
import { HostsModule } from '../hosts/hosts.module';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { HostFactsQuery } from '../hosts/host-facts.query';
import { JobsModule } from '../jobs/jobs.module';
import { JobRoutes } from '../jobs/job-routes';
import { VmsModule } from '../vms/vms.module';
import { SimulatorModule } from '../simulator/simulator.module';
import { ReplicationController } from './api/replication.controller';
import { replicationStreamId } from './domain/replication.events';
import { ReplicationReadModel } from './projections/replication-read-model.entity';
import { replicationProjection } from './projections/replication.projection';
import { ReplicationJobRoute } from './replication-job-route';
import { addedDisks, failoverRelocation, ReplicationDeps } from './workflows/replication-workflows';
import { ReplicationMonitor } from './workflows/replication-monitor';
import { ReplicationStatisticsRow } from './projections/replication-statistics.entity';

export const REPLICATION_ENTITIES = [ReplicationReadModel, ReplicationStatisticsRow];

@Module({
  imports: [JobsModule, HostsModule, VmsModule, ClustersModule, AuditModule, SimulatorModule],
  controllers: [ReplicationController],
  providers: [ReplicationJobRoute, ReplicationMonitor],
})
export class ReplicationModule implements OnModuleInit {
  constructor(
    private readonly processors: ProcessorRegistry,
    private readonly routes: JobRoutes,
    private readonly route: ReplicationJobRoute,
    private readonly history: HistoryKinds,
    private readonly commands: SystemCommands,
    private readonly hosts: HostFactsQuery,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    const deps: ReplicationDeps = {
      commands: this.commands,
      eventStore: this.eventStore,
      hosts: this.hosts,
      logger: this.logger,
    };
    this.processors.register(documentProcessor(replicationProjection));
    this.processors.register(failoverRelocation(deps));
    this.processors.register(addedDisks(deps));
    this.routes.register('replication', this.route);
    this.history.register('replication', { streamPrefix: replicationStreamId(''), roles: ['auditor', 'fabric-admin'] });
  }
}
