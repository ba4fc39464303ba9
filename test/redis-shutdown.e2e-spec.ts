import { describe, it } from 'node:test';
import { expect } from 'expect';
import { startTestApp, eventually } from './support/test-app';
import { freePort, startRedis, stopProcess } from './support/processes';

const host = {
  name: 'hv-shutdown',
  address: 'hv-shutdown',
  osVersion: 'WS2016',
  slat: true,
  cpuVendor: 'Intel',
  logicalProcessors: 16,
  memoryMb: 65536,
};

describe('shutting down while Redis is away', () => {
  it('closes the job and timer workers and queues without an uncaught error', async () => {
    const port = await freePort();
    const redis = await startRedis(port);
    const t = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${port}`, SIMULATOR_TIME_SCALE: '0' });
    const uncaught: unknown[] = [];
    const record = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', record);
    process.on('unhandledRejection', record);
    try {
      // A job that ran shows the workers connected and working before Redis goes.
      const hostId = (await t.request('POST', '/v1/hosts', { body: host })).body.id;
      const created = await t.request('POST', '/v1/vms', {
        body: {
          name: 'vm1',
          tenant: 'contoso',
          hostId,
          generation: 2,
          guestOs: { family: 'windows' },
          memory: { startupMb: 1024 },
          processorCount: 1,
        },
      });
      await eventually(
        async () => ((await t.request('GET', `/v1/jobs/${created.body.jobId}`)).body.status === 'Succeeded' ? true : undefined),
        30_000,
      );
      await stopProcess(redis);
      // The service has seen Redis go: its readiness says so.
      await eventually(async () => ((await t.request('GET', '/health/ready')).status === 503 ? true : undefined), 30_000);
      await t.close().catch((e: Error) => { console.log("CLOSE FAILED", e.stack); throw e; });
      // Anything a closed connection still had to say would surface within a few turns of the event loop.
      await new Promise((resolve) => setTimeout(resolve, 200));
      for (const u of uncaught) console.log("UNCAUGHT", (u as Error).stack);
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', record);
      process.off('unhandledRejection', record);
      await stopProcess(redis);
    }
  });
});
