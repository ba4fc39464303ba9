import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { LOGGER } from '../platform/tokens';
import { SystemCommands } from '../platform/system-commands';
import { ProcessorRegistry } from '../processing/processor-registry';
import { ProcessingService } from '../processing/processing.service';
import { documentProcessor } from '../processing/document-projection';
import { AuditModule } from '../audit/audit.module';
import { HistoryKinds } from '../audit/history-kinds';
import { ClustersModule } from '../clusters/clusters.module';
import { ClusterDirectory } from '../clusters/cluster-directory';
import { ClusterTimers } from '../clusters/workflows/cluster-timers';
import { HostsModule } from '../hosts/hosts.module';
import { RollingUpgradesController } from './api/rolling-upgrades.controller';
import { rollingUpgradeStreamId } from './domain/rolling-upgrade.events';
import { RollingUpgradeReadModel } from './projections/rolling-upgrade-read-model.entity';
import { rollingUpgradeProjection } from './projections/rolling-upgrade.projection';
import { rollingUpgradeProcess, stepTimeouts, UpgradeProcessDeps } from './workflows/rolling-upgrade-process';

export const ROLLING_UPGRADES_ENTITIES = [RollingUpgradeReadModel];

@Module({
  imports: [ClustersModule, HostsModule, AuditModule],
  controllers: [RollingUpgradesController],
})
export class RollingUpgradesModule implements OnModuleInit {
  constructor(
    private readonly processors: ProcessorRegistry,
    private readonly history: HistoryKinds,
    private readonly commands: SystemCommands,
    private readonly directory: ClusterDirectory,
    private readonly timers: ClusterTimers,
    private readonly processing: ProcessingService,
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    const deps: UpgradeProcessDeps = {
      commands: this.commands,
      eventStore: this.eventStore,
      dataSource: this.dataSource,
      directory: this.directory,
      processing: this.processing,
      timers: this.timers,
      logger: this.logger,
    };
    this.processors.register(documentProcessor(rollingUpgradeProjection));
    this.processors.register(rollingUpgradeProcess(deps));
    this.timers.extend(stepTimeouts(deps));
    this.history.register('rolling-upgrades', { streamPrefix: rollingUpgradeStreamId(''), roles: ['auditor', 'fabric-admin'] });
  }
}
