import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, PlatformOptions } from './platform/platform.module';
import { Infrastructure } from './platform/infrastructure';
import { HostsModule, HOSTS_ENTITIES } from './hosts/hosts.module';
import { JobsModule, JOBS_ENTITIES } from './jobs/jobs.module';
import { VmsModule, VMS_ENTITIES } from './vms/vms.module';
import { SimulatorModule } from './simulator/simulator.module';
import { AccessModule, ACCESS_ENTITIES } from './access/access.module';
import { AuditModule } from './audit/audit.module';
import { ClustersModule, CLUSTERS_ENTITIES } from './clusters/clusters.module';
import { RollingUpgradesModule, ROLLING_UPGRADES_ENTITIES } from './rolling-upgrades/rolling-upgrades.module';
import { ReplicationModule, REPLICATION_ENTITIES } from './replication/replication.module';
import { TimersModule } from './platform/timers/timers.module';

/** Every TypeORM read-model entity; the DataSource is built with them before Nest starts. */
export const READ_MODEL_ENTITIES = [
  ...ACCESS_ENTITIES,
  ...HOSTS_ENTITIES,
  ...JOBS_ENTITIES,
  ...VMS_ENTITIES,
  ...CLUSTERS_ENTITIES,
  ...ROLLING_UPGRADES_ENTITIES,
  ...REPLICATION_ENTITIES,
];

@Module({})
export class AppModule {
  static register(infrastructure: Infrastructure, options: PlatformOptions = { runProcessors: true }): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.register(infrastructure, options),
        TimersModule,
        AccessModule,
        SimulatorModule,
        JobsModule,
        HostsModule,
        VmsModule,
        AuditModule,
        ClustersModule,
        RollingUpgradesModule,
        ReplicationModule,
      ],
    };
  }
}
