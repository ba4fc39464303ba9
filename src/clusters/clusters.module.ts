import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { Logger } from 'pino';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { LOGGER } from '../platform/tokens';
import { SystemCommands } from '../platform/system-commands';
import { ProcessorRegistry } from '../processing/processor-registry';
import { documentProcessor } from '../processing/document-projection';
import { HostsModule } from '../hosts/hosts.module';
import { JobsModule } from '../jobs/jobs.module';
import { JobRoutes } from '../jobs/job-routes';
import { VmsModule } from '../vms/vms.module';
import { VmCommandSender } from '../vms/vm-command-sender';
import { AuditModule } from '../audit/audit.module';
import { SimulatorModule } from '../simulator/simulator.module';
import { HistoryKinds } from '../audit/history-kinds';
import { ClustersController } from './api/clusters.controller';
import { ClusterViews } from './api/cluster-views';
import { ClusterDirectory } from './cluster-directory';
import { ClusterJobRoute } from './cluster-job-route';
import { clusterStreamId } from './domain/cluster.events';
import { ClusterReadModel } from './projections/cluster-read-model.entity';
import { clusterProjection } from './projections/cluster.projection';
import { ClusterTimerKinds, timerScheduler } from './workflows/cluster-timers';
import { DurableTimers } from '../platform/timers/durable-timers';
import { failoverOrchestrator } from './workflows/failover';
import { NodeHealthMonitor } from './workflows/node-health-monitor';
import { nodeMovesOrchestrator } from './workflows/node-moves';

export const CLUSTERS_ENTITIES = [ClusterReadModel];

@Module({
  imports: [JobsModule, HostsModule, VmsModule, AuditModule, SimulatorModule],
  controllers: [ClustersController],
  providers: [ClusterDirectory, ClusterJobRoute, ClusterViews, NodeHealthMonitor, ClusterTimerKinds],
  exports: [ClusterDirectory],
})
export class ClustersModule implements OnModuleInit {
  constructor(
    private readonly processors: ProcessorRegistry,
    private readonly routes: JobRoutes,
    private readonly route: ClusterJobRoute,
    private readonly directory: ClusterDirectory,
    private readonly sender: VmCommandSender,
    private readonly history: HistoryKinds,
    private readonly timers: DurableTimers,
    private readonly commands: SystemCommands,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.processors.register(documentProcessor(clusterProjection));
    this.processors.register(
      nodeMovesOrchestrator({
        commands: this.commands,
        directory: this.directory,
        eventStore: this.eventStore,
        routes: this.routes,
        logger: this.logger,
      }),
    );
    this.processors.register(failoverOrchestrator(this.commands, this.directory, this.logger));
    this.processors.register(timerScheduler(this.timers));
    this.routes.register('cluster', this.route);
    this.sender.useClusters(this.directory);
    this.history.register('clusters', { streamPrefix: clusterStreamId(''), roles: ['auditor', 'fabric-admin'] });
  }
}
