import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import { DurableTimers, TIMER_QUEUE_OPTIONS, timerWorkerProvider } from './durable-timers';

/**
 * Durable timers for every process that needs one. A context owns its timers by providing a
 * `@DurableTimerKinds()` class (what fires, and what its state still owes).
 */
@Global()
@Module({
  imports: [DiscoveryModule, BullModule.registerQueue(TIMER_QUEUE_OPTIONS)],
  providers: [DurableTimers, timerWorkerProvider],
  exports: [DurableTimers],
})
export class TimersModule {}
