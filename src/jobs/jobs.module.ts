import { MigrationSlots } from './migration-slots';
import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { Logger } from 'pino';
import { ProcessorRegistry } from '../processing/processor-registry';
import { documentProcessor } from '../processing/document-projection';
import { SystemCommands } from '../platform/system-commands';
import { LOGGER } from '../platform/tokens';
import { SimulatorModule } from '../simulator/simulator.module';
import { JobsController } from './api/jobs.controller';
import { ListJobsHandler } from './api/job.queries';
import { JOB_QUEUE_OPTIONS, JobQueue } from './job-queue';
import { BullModule } from '@nestjs/bullmq';
import { JobResponder } from './job-responder';
import { JobRoutes } from './job-routes';
import { LiveJobProgress } from './live-job-progress';
import { jobWorkerProvider } from './job-worker';
import { JobReconciler } from './job-reconciler';
import { jobProjection } from './projections/job.projection';
import { JobReadModel } from './projections/job-read-model.entity';
import { jobCreator, jobEnqueuer } from './workflows/job-dispatcher';
import { jobOutcomeRouter } from './workflows/job-outcome-router';

export const JOBS_ENTITIES = [JobReadModel];

@Module({
  imports: [SimulatorModule, BullModule.registerQueue(JOB_QUEUE_OPTIONS)],
  controllers: [JobsController],
  providers: [
    LiveJobProgress,
    MigrationSlots,
    ListJobsHandler,
    JobQueue,
    JobResponder,
    JobRoutes,
    jobWorkerProvider,
    JobReconciler,
  ],
  exports: [LiveJobProgress, JobQueue, JobResponder, JobRoutes, MigrationSlots],
})
export class JobsModule implements OnModuleInit {
  constructor(
    private readonly processors: ProcessorRegistry,
    private readonly commands: SystemCommands,
    private readonly queue: JobQueue,
    private readonly routes: JobRoutes,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.processors.register(
      documentProcessor(jobProjection),
      jobCreator(this.commands),
      jobEnqueuer(this.queue),
      jobOutcomeRouter(this.commands, this.routes, this.logger),
    );
  }
}
