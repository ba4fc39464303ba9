import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { EventStore } from '../event-store/event-store.port';
import { Processor } from './processor';
import { ProcessorPositions } from './processor-positions';
import { ProcessorRunner } from './processor-runner';
import { tryLockProcessor, unlockProcessor } from './processor-locks';
import { processorHasReached } from './processor-reach';

export interface RebuildProgress {
  processor: string;
  eventsRead: number;
  globalPosition: number;
  headPosition: number;
  elapsedMs: number;
  replayedBy: 'this process' | 'the running service';
}

export interface RebuildOptions {
  batchSize: number;
  onProgress?: (progress: RebuildProgress) => void;
  /** How long to wait for a running service to replay, when it holds the processor. */
  timeoutMs?: number;
}

/**
 * Rewinds a projection to zero and replays it. The rewind (clear the read model, reset the
 * position) is one transaction under the position row lock, so it never interleaves with a live
 * batch. If no other process runs the projection, the replay happens here in large batches;
 * otherwise the running service replays it and this waits until it has reached the head.
 */
export async function rebuildProcessor(
  processor: Processor,
  dataSource: DataSource,
  eventStore: EventStore,
  connectClient: () => Promise<Client>,
  options: RebuildOptions,
): Promise<RebuildProgress> {
  const reset = processor.reset?.bind(processor);
  if (!reset) throw new Error(`${processor.name} has effects outside its tables and cannot be rebuilt`);
  const positions = new ProcessorPositions(dataSource);
  await positions.ensure(processor.name);
  const started = performance.now();
  const lockClient = await connectClient();
  try {
    const replayHere = await tryLockProcessor(lockClient, processor.name);
    await dataSource.transaction(async (tx) => {
      await positions.lock(tx, processor.name);
      await reset(tx);
      await positions.rewind(tx, processor.name);
    });
    const head = await eventStore.headPosition();
    const report = async (eventsRead: number): Promise<RebuildProgress> => {
      const position = await positions.read(processor.name);
      const progress: RebuildProgress = {
        processor: processor.name,
        eventsRead,
        globalPosition: position?.globalPosition ?? 0,
        headPosition: head,
        elapsedMs: Math.round(performance.now() - started),
        replayedBy: replayHere ? 'this process' : 'the running service',
      };
      options.onProgress?.(progress);
      return progress;
    };
    if (replayHere) {
      const runner = new ProcessorRunner(processor, dataSource, eventStore, positions, {
        batchSize: options.batchSize,
        pollMs: 1000,
        onError: () => undefined,
      });
      let eventsRead = 0;
      let lastReport = performance.now();
      for (;;) {
        const read = await runner.runBatch(options.batchSize);
        if (read === 0) break;
        if (read > 0) eventsRead += read;
        if (performance.now() - lastReport > 1000) {
          lastReport = performance.now();
          await report(eventsRead);
        }
      }
      await unlockProcessor(lockClient, processor.name);
      return report(eventsRead);
    }
    const deadline = Date.now() + (options.timeoutMs ?? 10 * 60_000);
    const headCursor = await eventStore.cursorOfPosition(head);
    for (;;) {
      const position = await positions.read(processor.name);
      if (headCursor === null || (await processorHasReached(eventStore, position?.cursor ?? null, head, processor.eventTypes)))
        break;
      if (Date.now() > deadline) throw new Error(`${processor.name}: the running service did not finish the replay in time`);
      await report(position?.eventsProcessed ?? 0);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return report((await positions.read(processor.name))?.eventsProcessed ?? 0);
  } finally {
    await lockClient.end().catch(() => undefined);
  }
}
