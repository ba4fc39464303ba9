import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { startTestApp, TestApp, eventually } from './support/test-app';

describe('health and metrics', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => {
    await t?.close();
  });

  it('is live', async () => {
    const r = await t.request('GET', '/health/live');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'up' });
  });

  it('is ready with PostgreSQL, Redis and its processors running', async () => {
    const r = await t.request('GET', '/health/ready');
    expect(r.status).toBe(200);
    expect(r.body.checks).toEqual({ postgres: { status: 'up' }, redis: { status: 'up' } });
    expect(r.body.processors).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'hosts', runningHere: true, lastError: null })]),
    );
  });

  it('counts appends, commands and processed events in Prometheus format', async () => {
    const created = await t.request('POST', '/v1/hosts', {
      body: {
        name: 'm1',
        address: 'm1',
        osVersion: 'WS2016',
        slat: true,
        cpuVendor: 'AMD',
        logicalProcessors: 8,
        memoryMb: 16384,
      },
    });
    expect(created.status).toBe(201);
    const metrics = await eventually(async () => {
      const r = await t.request('GET', '/metrics');
      return /fm_processor_events_total\{processor="hosts"\} [1-9]/.test(r.text) ? r : undefined;
    });
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(metrics.text).toMatch(/fm_commands_total\{type="RegisterHost",outcome="accepted"\} 1/);
    expect(metrics.text).toMatch(/fm_events_appended_total [1-9]/);
    expect(metrics.text).toContain('fm_processor_lag_events{processor="hosts"}');
    expect(metrics.text).toContain('fm_version_conflicts_total');
  });
});
