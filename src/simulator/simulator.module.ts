import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HYPERVISOR_DRIVER } from '../jobs/hypervisor-driver.port';
import { AppConfig } from '../platform/config';
import { APP_CONFIG } from '../platform/tokens';
import { SimulatorController } from './api/simulator.controller';
import { SimulatedFleet } from './simulated-fleet';

/** The simulated fleet, as itself (admin API) and as the HypervisorDriver the job workers use. */
@Module({
  controllers: [SimulatorController],
  providers: [
    {
      provide: SimulatedFleet,
      inject: [DataSource, APP_CONFIG],
      useFactory: (dataSource: DataSource, config: AppConfig) =>
        new SimulatedFleet(dataSource, { timeScale: config.simulatorTimeScale, seed: config.simulatorSeed }),
    },
    { provide: HYPERVISOR_DRIVER, useExisting: SimulatedFleet },
  ],
  exports: [SimulatedFleet, HYPERVISOR_DRIVER],
})
export class SimulatorModule {}
