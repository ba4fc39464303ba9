import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import { Simulator1764150000003 } from '../../../migrations/1764150000003-simulator';
import { committedOpenApi, departuresFrom, responseSchema } from '../../../test/support/openapi-conformance';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-environment';
import { HostRef, HYPERVISOR_DRIVER, VmRef } from '../../jobs/hypervisor-driver.port';
import { loadConfig } from '../../platform/config';
import { createDataSource, DatabaseSettings, migrate } from '../../platform/database';
import { ProblemFilter } from '../../platform/http/problem.filter';
import { createValidationPipe } from '../../platform/http/validation';
import { APP_CONFIG } from '../../platform/tokens';
import { SimulatedFleet } from '../simulated-fleet';
import { SimulatorModule } from '../simulator.module';

describe('simulator admin API over HTTP', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let app: NestFastifyApplication;
  let baseUrl: string;
  let fleet: SimulatedFleet;

  const request = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body: text ? JSON.parse(text) : undefined,
    };
  };

  before(async () => {
    database = await createTestDatabase('simulator_api');
    const settings: DatabaseSettings = {
      url: database.url,
      poolSize: 5,
      statementTimeoutMs: 10000,
      idleInTransactionTimeoutMs: 10000,
    };
    dataSource = createDataSource(settings, []);
    await dataSource.initialize();
    await migrate(dataSource, settings);
    if (!MIGRATIONS.some((m) => m.name === Simulator1764150000003.name)) {
      const runner = dataSource.createQueryRunner();
      await new Simulator1764150000003().up(runner);
      await runner.release();
    }
    const config = loadConfig({ SIMULATOR_TIME_SCALE: '0', SIMULATOR_SEED: '7' });

    // Stands in for the global PlatformModule: the two things the simulator module needs.
    @Global()
    @Module({
      providers: [
        { provide: DataSource, useValue: dataSource },
        { provide: APP_CONFIG, useValue: config },
      ],
      exports: [DataSource, APP_CONFIG],
    })
    class TestPlatformModule {}

    @Module({ imports: [TestPlatformModule, SimulatorModule] })
    class TestAppModule {}

    app = await NestFactory.create<NestFastifyApplication>(TestAppModule, new FastifyAdapter(), { logger: false });
    app.useGlobalFilters(new ProblemFilter());
    app.useGlobalPipes(createValidationPipe());
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    fleet = app.get(SimulatedFleet);
  });
  after(async () => {
    await app?.close();
    await dataSource?.destroy();
    await database?.drop();
  });

  const host = (): HostRef => ({ hostId: randomUUID(), name: 'hv-api', osVersion: 'WS2022', memoryMb: 65536 });
  const vm = (): VmRef => ({
    vmId: randomUUID(),
    name: 'web01',
    generation: 2,
    configVersion: '10.0',
    memoryMb: 2048,
    processorCount: 2,
  });
  const context = () => ({ jobId: randomUUID(), onProgress: () => undefined, signal: new AbortController().signal });

  it('provides the fleet as the hypervisor driver too', async () => {
    expect(app.get(HYPERVISOR_DRIVER)).toBe(fleet);
    expect(fleet.settings).toEqual({ timeScale: 0, seed: 7 });
  });

  it('describes the fleet with its hosts, VMs and faults', async () => {
    const h = host();
    const v = vm();
    await fleet.run({ kind: 'create-vm', host: h, vm: v }, context());
    await fleet.run({ kind: 'start-vm', host: h, vm: v }, context());
    const r = await request('GET', '/v1/simulator');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ timeScale: 0, seed: 7, pendingFaults: [] });
    expect(r.body.hosts).toContainEqual(
      expect.objectContaining({
        hostId: h.hostId,
        name: 'hv-api',
        state: 'Up',
        memoryAssignedMb: 2048,
        faults: null,
        vms: [expect.objectContaining({ vmId: v.vmId, state: 'Running', memoryDemandMb: expect.any(Number) })],
      }),
    );
  });

  it('sets faults and answers with the host faults, crashing a host on request', async () => {
    const h = host();
    const v = vm();
    await fleet.run({ kind: 'create-vm', host: h, vm: v }, context());
    await fleet.run({ kind: 'start-vm', host: h, vm: v }, context());
    const set = await request('PUT', '/v1/simulator/faults', {
      hostId: h.hostId,
      failOperations: ['start-vm'],
      dropSessions: ['save-vm'],
      latencyFactor: 2.5,
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      hostId: h.hostId,
      failOperations: ['start-vm'],
      dropSessions: ['save-vm'],
      unresponsive: false,
      crashed: false,
      latencyFactor: 2.5,
      hostState: 'Up',
      vmsTurnedOff: [],
    });
    const crash = await request('PUT', '/v1/simulator/faults', { hostId: h.hostId, crash: true });
    expect(crash.status).toBe(200);
    expect(crash.body).toMatchObject({
      crashed: true,
      hostState: 'Down',
      vmsTurnedOff: [v.vmId],
      failOperations: ['start-vm'],
      dropSessions: ['save-vm'],
    });
    const described = await request('GET', '/v1/simulator');
    expect(described.body.hosts.find((x: { hostId: string }) => x.hostId === h.hostId)).toMatchObject({
      state: 'Down',
      faults: expect.objectContaining({ crashed: true, latencyFactor: 2.5, dropSessions: ['save-vm'] }),
    });
  });

  it('clears the faults of one host, then of all', async () => {
    const a = randomUUID();
    const b = randomUUID();
    await request('PUT', '/v1/simulator/faults', { hostId: a, unresponsive: true });
    await request('PUT', '/v1/simulator/faults', { hostId: b, unresponsive: true });
    const one = await request('DELETE', `/v1/simulator/faults?hostId=${a}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual({ clearedHostIds: [a], recoveredHostIds: [] });
    const again = await request('DELETE', `/v1/simulator/faults?hostId=${a}`);
    expect(again).toMatchObject({ status: 200, body: { clearedHostIds: [], recoveredHostIds: [] } });
    const all = await request('DELETE', '/v1/simulator/faults');
    expect(all.status).toBe(200);
    expect(all.body.clearedHostIds).toContain(b);
    const described = await request('GET', '/v1/simulator');
    expect(described.body.pendingFaults).toEqual([]);
    expect(described.body.hosts.every((h: { state: string; faults: unknown }) => h.state === 'Up' && h.faults === null)).toBe(
      true,
    );
  });

  it('answers in the shapes its OpenAPI document gives, every field it sends documented', async () => {
    const document = committedOpenApi();
    const departures = (method: string, route: string, body: unknown) =>
      departuresFrom(document, responseSchema(document, method, route, 200), body);
    const primary = host();
    const replica = { ...host(), name: 'hv-replica' };
    const v = vm();
    await fleet.run(
      {
        kind: 'create-vm',
        host: primary,
        vm: v,
        configuration: {
          memory: { startupMb: 2048, dynamic: { minimumMb: 1024, maximumMb: 4096, bufferPercent: 20 } },
          firmware: { secureBoot: true, secureBootTemplate: 'MicrosoftWindows' },
          adapters: [{ id: randomUUID(), name: 'lan', switchName: 'external' }],
          disks: [{ id: randomUUID(), name: 'os', sizeGb: 40 }],
          checkpointType: 'Production',
        },
      },
      context(),
    );
    await fleet.run({ kind: 'start-vm', host: primary, vm: v }, context());
    const checkpoint = { checkpointId: randomUUID(), name: 'before-patch', kind: 'Production' as const, includesState: false };
    await fleet.run({ kind: 'create-checkpoint', host: primary, vm: v, checkpoint }, context());
    const cluster = { clusterId: randomUUID(), name: 'cl-api' };
    await fleet.run({ kind: 'create-cluster', host: primary, cluster, nodes: [primary, replica] }, context());
    await fleet.run({ kind: 'enable-replication', host: primary, vm: v, replica, frequencySeconds: 300, diskGb: 40 }, context());
    const set = await request('PUT', '/v1/simulator/faults', { hostId: replica.hostId, latencyFactor: 2 });
    await request('PUT', '/v1/simulator/faults', { hostId: randomUUID(), unresponsive: true });

    const described = await request('GET', '/v1/simulator');
    const sent = described.body.hosts.find((h: { hostId: string }) => h.hostId === primary.hostId).vms[0];
    // Every part of the description is there to be checked: a VM with its Hyper-V ids, a cluster, a replica, faults.
    expect(sent).toMatchObject({
      hypervisorId: expect.any(String),
      checkpoints: [expect.objectContaining({ hypervisorId: expect.any(String) })],
    });
    expect(described.body).toMatchObject({
      clusters: [expect.anything()],
      replicas: [expect.anything()],
      pendingFaults: [expect.anything()],
    });
    expect(departures('GET', '/v1/simulator', described.body)).toEqual([]);
    expect(departures('PUT', '/v1/simulator/faults', set.body)).toEqual([]);
    expect(departures('DELETE', '/v1/simulator/faults', (await request('DELETE', '/v1/simulator/faults')).body)).toEqual([]);
  });

  it('answers invalid fault settings with a 400 problem naming each field', async () => {
    const r = await request('PUT', '/v1/simulator/faults', {
      hostId: 'not-a-uuid',
      failOperations: ['start-vm', 'format-disk'],
      dropSessions: ['reset-winrm'],
      latencyFactor: 5000,
      unresponsive: 'yes',
      extra: 1,
    });
    expect(r.status).toBe(400);
    expect(r.contentType).toContain('application/problem+json');
    expect(r.body.code).toBe('VALIDATION_FAILED');
    const paths = r.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['hostId', 'failOperations', 'dropSessions', 'latencyFactor', 'unresponsive', 'extra']),
    );
    expect(r.body.errors.find((e: { path: string }) => e.path === 'failOperations').message).toContain('start-vm');
    expect(r.body.errors.find((e: { path: string }) => e.path === 'dropSessions').message).toContain(
      'each value in dropSessions must be one of',
    );
    const missing = await request('PUT', '/v1/simulator/faults', {});
    expect(missing.status).toBe(400);
    const badQuery = await request('DELETE', '/v1/simulator/faults?hostId=nope');
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.code).toBe('VALIDATION_FAILED');
  });
});
