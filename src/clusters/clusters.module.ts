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
import { HostFactsQuery } from '../hosts/host-facts.query';
import { loadExistingCluster, placeNewVmInCluster, readNodeHostFacts } from './cluster-aggregate';
import { clusterFactsOf } from './domain/cluster.decider';
import { PlacementQueries } from './placement.queries';
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
  providers: [PlacementQueries, ClusterJobRoute, ClusterViews, NodeHealthMonitor, ClusterTimerKinds],
  exports: [PlacementQueries],
})
export class ClustersModule implements OnModuleInit {
  constructor(
    private readonly processors: ProcessorRegistry,
    private readonly routes: JobRoutes,
    private readonly route: ClusterJobRoute,
    private readonly placement: PlacementQueries,
    private readonly hosts: HostFactsQuery,
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
        eventStore: this.eventStore,
        hosts: this.hosts,
        routes: this.routes,
        logger: this.logger,
      }),
    );
    this.processors.register(
      failoverOrchestrator({ commands: this.commands, eventStore: this.eventStore, hosts: this.hosts, logger: this.logger }),
    );
    this.processors.register(timerScheduler(this.timers));
    this.routes.register('cluster', this.route);
    this.sender.useClusters({
      factsOf: async (clusterId) => clusterFactsOf(await loadExistingCluster(this.eventStore, clusterId)),
      hostFacts: (hostId) => readNodeHostFacts(this.eventStore, this.hosts, hostId),
      placeNewVm: (clusterId, vm) => placeNewVmInCluster(this.eventStore, this.placement, clusterId, vm),
    });
    this.history.register('clusters', { streamPrefix: clusterStreamId(''), roles: ['auditor', 'fabric-admin'] });
  }
}
