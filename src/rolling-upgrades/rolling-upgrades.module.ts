import { Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
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
import { PlacementQueries } from '../clusters/placement.queries';
import { HostFactsQuery } from '../hosts/host-facts.query';
import { DurableTimers } from '../platform/timers/durable-timers';
import { DurableTimer, DurableTimerKinds, TimerKinds } from '../platform/timers/durable-timer';
import { HostsModule } from '../hosts/hosts.module';
import { RollingUpgradesController } from './api/rolling-upgrades.controller';
import { rollingUpgradeStreamId } from './domain/rolling-upgrade.events';
import { RollingUpgradeReadModel } from './projections/rolling-upgrade-read-model.entity';
import { rollingUpgradeProjection } from './projections/rolling-upgrade.projection';
import { rollingUpgradeProcess, stepTimeouts, UpgradeProcessDeps } from './workflows/rolling-upgrade-process';

export const ROLLING_UPGRADES_ENTITIES = [RollingUpgradeReadModel];

/** The upgrades' step timeouts, on the platform's durable timers. */
@Injectable()
@DurableTimerKinds()
export class UpgradeStepTimers implements TimerKinds {
  private readonly timeouts: TimerKinds;

  constructor(
    commands: SystemCommands,
    placement: PlacementQueries,
    hosts: HostFactsQuery,
    timers: DurableTimers,
    processing: ProcessingService,
    dataSource: DataSource,
    @Inject(EVENT_STORE) eventStore: EventStore,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.timeouts = stepTimeouts({ commands, eventStore, dataSource, placement, hosts, processing, timers, logger });
  }

  get kinds() {
    return this.timeouts.kinds;
  }

  fire(timer: DurableTimer): Promise<void> {
    return this.timeouts.fire(timer);
  }

  owed(): Promise<DurableTimer[]> {
    return this.timeouts.owed();
  }
}

@Module({
  imports: [ClustersModule, HostsModule, AuditModule],
  controllers: [RollingUpgradesController],
  providers: [UpgradeStepTimers],
})
export class RollingUpgradesModule implements OnModuleInit {
  constructor(
    private readonly processors: ProcessorRegistry,
    private readonly history: HistoryKinds,
    private readonly commands: SystemCommands,
    private readonly placement: PlacementQueries,
    private readonly hosts: HostFactsQuery,
    private readonly timers: DurableTimers,
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
      placement: this.placement,
      hosts: this.hosts,
      processing: this.processing,
      timers: this.timers,
      logger: this.logger,
    };
    this.processors.register(documentProcessor(rollingUpgradeProjection));
    this.processors.register(rollingUpgradeProcess(deps));
    this.history.register('rolling-upgrades', { streamPrefix: rollingUpgradeStreamId(''), roles: ['auditor', 'fabric-admin'] });
  }
}
