import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { eventually, startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-environment';

/** 300 s cycles at this scale come every 300 ms, and a simulated hour passes in 3.6 s; the monitor polls every 100 ms. */
const ENV = { SIMULATOR_TIME_SCALE: '0.001', JOB_SWEEP_MS: '1000', REPLICATION_POLL_MS: '100' };
const WAIT = { prefer: 'wait=30' };

describe('Hyper-V Replica over HTTP, with the simulated fleet', () => {
  let database: TestDatabase;
  let t: TestApp;
  let counter = 0;

  before(async () => {
    database = await createTestDatabase('replica');
    t = await startTestApp(ENV, database);
  });
  after(async () => {
    await t?.close();
    await database?.drop();
  });

  async function run(method: string, path: string, body: unknown = {}) {
    const r = await t.request(method, path, { body, headers: WAIT });
    if (r.status !== 200 || r.body?.status !== 'Succeeded')
      throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async function host(osVersion = 'WS2016'): Promise<string> {
    counter++;
    const r = await t.request('POST', '/v1/hosts', {
      body: {
        name: `rep${counter}`,
        address: `10.4.0.${counter}`,
        osVersion,
        slat: true,
        cpuVendor: 'Intel',
        logicalProcessors: 16,
        memoryMb: 65536,
      },
    });
    return r.body.id;
  }

  async function vm(hostId: string, overrides: Record<string, unknown> = {}): Promise<string> {
    const job = await run('POST', '/v1/vms', {
      name: `rvm${++counter}`,
      tenant: 'contoso',
      hostId,
      generation: 2,
      guestOs: { family: 'windows' },
      memory: { startupMb: 2048 },
      processorCount: 2,
      disks: [{ name: 'os', sizeGb: 40 }],
      ...overrides,
    });
    return job.target.id;
  }

  const replicationWhere = (vmId: string, predicate: (r: any) => boolean, what: string, timeoutMs = 20000) =>
    eventually(
      async () => {
        const r = await t.request('GET', `/v1/vms/${vmId}/replication`);
        return r.status === 200 && predicate(r.body) ? r.body : undefined;
      },
      timeoutMs,
      `replication ${what}`,
    );

  async function enable(vmId: string, replicaHostId: string, extra: Record<string, unknown> = {}) {
    const job = await run('POST', `/v1/vms/${vmId}/replication`, { replicaHostId, frequencySeconds: 300, ...extra });
    expect(job.kind).toBe('enable-replication');
    expect(job.steps.map((s: { powershell: string }) => s.powershell).join('\n')).toContain('Enable-VMReplication');
    return replicationWhere(vmId, (r) => r.state === 'Replicating', 'to replicate');
  }

  it('replicates in cycles, goes to Warning while the replica host does not answer, and back to Normal', async () => {
    const [primary, replica] = [await host(), await host()];
    const vmId = await vm(primary);
    await run('POST', `/v1/vms/${vmId}/start`);
    const first = await enable(vmId, replica);
    expect(first).toMatchObject({ health: 'Normal', primaryHostId: primary, replicaHostId: replica, frequencySeconds: 300 });
    const cycled = await replicationWhere(vmId, (r) => r.statistics?.successfulCycles >= 2, 'to report cycles');
    expect(cycled.health).toBe('Normal');
    expect(cycled.lastReplicationSizeMb).toBeGreaterThan(0);
    expect(cycled.statistics).toMatchObject({ failedCycles: 0, consecutiveFailedCycles: 0, failureReason: null });

    await t.request('PUT', '/v1/simulator/faults', { body: { hostId: replica, unresponsive: true } });
    const warned = await replicationWhere(vmId, (r) => r.health === 'Warning', 'to warn', 30000);
    expect(warned.healthReason).toMatch(/^the last replication cycle failed: the replica host rep\d+ does not answer$/);
    await t.request('DELETE', '/v1/simulator/faults');
    await replicationWhere(vmId, (r) => r.health === 'Normal', 'to be Normal again', 30000);
  });

  it('leaves a disk added on a WS2016 primary out of replication until it is included', async () => {
    const [primary, replica] = [await host(), await host()];
    const vmId = await vm(primary);
    await enable(vmId, replica);
    await run('POST', `/v1/vms/${vmId}/disks`, { name: 'data', sizeGb: 20 });
    const disk = await eventually(
      async () => (await t.request('GET', `/v1/vms/${vmId}`)).body.disks.find((d: { name: string }) => d.name === 'data'),
      10000,
      'the data disk on the VM',
    );
    const excluded = await replicationWhere(vmId, (r) => r.nonReplicatedDiskIds.includes(disk.id), 'to leave the disk out');
    expect(excluded.replicatedDiskIds).not.toContain(disk.id);
    expect(excluded.health).toBe('Normal');
    const include = await run('PUT', `/v1/vms/${vmId}/replication/disks`, {
      includeDiskIds: [...excluded.replicatedDiskIds, disk.id],
    });
    expect(include.kind).toBe('set-replicated-disks');
    const included = await replicationWhere(vmId, (r) => r.replicatedDiskIds.includes(disk.id), 'to include the disk');
    expect(included.nonReplicatedDiskIds).toEqual([]);
  });

  it('breaks replication when a disk is added on a WS2012R2 primary, until resynchronized', async () => {
    const [primary, replica] = [await host('WS2012R2'), await host('WS2012R2')];
    const vmId = await vm(primary);
    await enable(vmId, replica);
    await run('POST', `/v1/vms/${vmId}/disks`, { name: 'data', sizeGb: 20 });
    await replicationWhere(vmId, (r) => r.health === 'Critical', 'to be Critical');
    await run('POST', `/v1/vms/${vmId}/replication/resynchronize`);
    await replicationWhere(vmId, (r) => r.health === 'Normal' && r.state === 'Replicating', 'to be Normal after resync');
  });

  it('fails over as planned (and back), with the direction reversed each time', async () => {
    const [primary, replica] = [await host(), await host()];
    const vmId = await vm(primary);
    await run('POST', `/v1/vms/${vmId}/start`);
    await enable(vmId, replica);
    const running = await t.request('POST', `/v1/vms/${vmId}/replication/planned-failover`, { body: {} });
    expect(running.status).toBe(409);
    expect(running.body.code).toBe('INVALID_VM_STATE');
    await run('POST', `/v1/vms/${vmId}/stop`, { mode: 'shutdown' });
    const planned = await run('POST', `/v1/vms/${vmId}/replication/planned-failover`);
    expect(planned.kind).toBe('planned-failover');
    await eventually(
      async () => {
        const v = (await t.request('GET', `/v1/vms/${vmId}`)).body;
        return v.hostId === replica && v.state === 'Running' ? v : undefined;
      },
      15000,
      'the VM to run on the replica',
    );
    await replicationWhere(
      vmId,
      (r) => r.primaryHostId === replica && r.replicaHostId === primary && r.state === 'Replicating',
      'to be reversed',
    );

    await run('POST', `/v1/vms/${vmId}/stop`, { mode: 'shutdown' });
    await run('POST', `/v1/vms/${vmId}/replication/planned-failover`);
    await eventually(
      async () => ((await t.request('GET', `/v1/vms/${vmId}`)).body.hostId === primary ? true : undefined),
      15000,
      'the VM back home',
    );
    await replicationWhere(vmId, (r) => r.primaryHostId === primary && r.replicaHostId === replica, 'to run the original way');
  });

  it('fails over unplanned to an older recovery point, commits, and reverses', async () => {
    const [primary, replica] = [await host(), await host()];
    const vmId = await vm(primary);
    await run('POST', `/v1/vms/${vmId}/start`);
    await enable(vmId, replica, { recoveryPoints: 2 });
    const withTwo = await replicationWhere(vmId, (r) => r.recoveryPoints.length >= 2, 'to keep two recovery points', 30000);
    const older = withTwo.recoveryPoints[0];
    expect(Date.parse(older.at)).toBeLessThan(Date.parse(withTwo.recoveryPoints[withTwo.recoveryPoints.length - 1].at));

    await t.request('PUT', '/v1/simulator/faults', { body: { hostId: primary, crash: true } });
    const failover = await run('POST', `/v1/vms/${vmId}/replication/failover`, { recoveryPointId: older.id });
    expect(failover.kind).toBe('unplanned-failover');
    const failed = await replicationWhere(vmId, (r) => r.state === 'FailedOver', 'to be failed over');
    expect(failed.primaryHostId).toBe(replica);
    await eventually(
      async () => {
        const v = (await t.request('GET', `/v1/vms/${vmId}`)).body;
        return v.hostId === replica && v.state === 'Running' ? v : undefined;
      },
      15000,
      'the VM to run on the replica',
    );
    await run('POST', `/v1/vms/${vmId}/replication/commit`);
    await replicationWhere(
      vmId,
      (r) => r.recoveryPoints.length === 1 && r.recoveryPoints[0].id === older.id,
      'to keep only the point used',
    );
    await t.request('DELETE', '/v1/simulator/faults');
    await run('POST', `/v1/vms/${vmId}/replication/reverse`);
    await replicationWhere(vmId, (r) => r.state === 'Replicating' && r.replicaHostId === primary, 'to replicate back');
  });

  it('runs a test failover alongside replication, one at a time, until stopped', async () => {
    const [primary, replica] = [await host(), await host()];
    const vmId = await vm(primary);
    await run('POST', `/v1/vms/${vmId}/start`);
    await enable(vmId, replica);
    await replicationWhere(vmId, (r) => r.recoveryPoints.length >= 1, 'to have a recovery point');
    const started = await run('POST', `/v1/vms/${vmId}/replication/test-failover`, {});
    expect(started.kind).toBe('start-test-failover');
    const testing = await replicationWhere(vmId, (r) => r.testFailover?.running === true, 'to run the test VM');
    const second = await t.request('POST', `/v1/vms/${vmId}/replication/test-failover`, { body: {} });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('TEST_FAILOVER_RUNNING');
    const sim = (await t.request('GET', '/v1/simulator')).body;
    expect(JSON.stringify(sim)).toContain(testing.testFailover.testVmId);
    // Replication goes on meanwhile.
    await replicationWhere(
      vmId,
      (r) => Date.parse(r.lastReplicatedAt) > Date.parse(testing.lastReplicatedAt),
      'to keep replicating',
    );
    await run('POST', `/v1/vms/${vmId}/replication/stop-test-failover`);
    await replicationWhere(vmId, (r) => r.testFailover === null, 'to remove the test VM');
  });

  it('replicates to a cluster through its Replica Broker: placement picks the replica node', async () => {
    const primary = await host();
    const nodes = [await host(), await host()];
    const clusterName = `REPCLU${counter}`;
    const clusterId = (await run('POST', '/v1/clusters', { name: clusterName, nodeIds: nodes })).target.id;
    const vmId = await vm(primary);
    const both = await t.request('POST', `/v1/vms/${vmId}/replication`, {
      body: { replicaHostId: nodes[0], replicaClusterId: clusterId },
    });
    expect(both.status).toBe(400);
    const job = await run('POST', `/v1/vms/${vmId}/replication`, { replicaClusterId: clusterId, frequencySeconds: 300 });
    const replicating = await replicationWhere(vmId, (r) => r.state === 'Replicating', 'to replicate to the cluster');
    expect(nodes).toContain(replicating.replicaHostId);
    // Enable-VMReplication names the cluster's Replica Broker, never the node.
    const broker = `${clusterName}-HVR`;
    expect(replicating.replicaBroker).toEqual({ clusterId, name: broker });
    expect(job.steps[0].powershell).toContain(`-ReplicaServerName "${broker}"`);
  });

  it('replicates a 5.0 VM from WS2016 to WS2012R2, and refuses once the VM is at 8.0', async () => {
    const [primary, replica] = [await host('WS2016'), await host('WS2012R2')];
    const vmId = await vm(primary, { configVersion: '5.0' });
    await enable(vmId, replica);
    await run('DELETE', `/v1/vms/${vmId}/replication`, undefined);
    await eventually(
      async () => ((await t.request('GET', `/v1/vms/${vmId}/replication`)).status === 404 ? true : undefined),
      10000,
      'removed',
    );
    await run('POST', `/v1/vms/${vmId}/upgrade-version`);
    await eventually(
      async () => ((await t.request('GET', `/v1/vms/${vmId}`)).body.configVersion === '8.0' ? true : undefined),
      10000,
      'upgraded',
    );
    const refused = await t.request('POST', `/v1/vms/${vmId}/replication`, {
      body: { replicaHostId: replica, frequencySeconds: 300 },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CONFIG_VERSION_UNSUPPORTED');
  });

  it('goes on observing across a restart of the service, and records no event per cycle', async () => {
    const [primary, replica] = [await host(), await host()];
    const vmId = await vm(primary);
    await enable(vmId, replica);
    const before = await replicationWhere(vmId, (r) => r.statistics?.successfulCycles >= 1, 'to cycle');
    await t.close();
    await new Promise((resolve) => setTimeout(resolve, 500));
    t = await startTestApp(ENV, database);
    const after = await replicationWhere(
      vmId,
      (r) => r.statistics?.successfulCycles >= before.statistics.successfulCycles + 3,
      'to cycle after the restart',
      20000,
    );
    // Hyper-V went on while the service was down: those cycles count too, none twice, none failed.
    expect(after.statistics).toMatchObject({ failedCycles: 0, missedCycles: 0 });
    expect(Date.parse(after.lastReplicatedAt)).toBeGreaterThan(Date.parse(before.lastReplicatedAt));
    const history = (await t.request('GET', `/v1/replication/${vmId}/history?limit=500`)).body.items;
    const observed = history.filter((e: { type: string }) => !/Requested$|Enabled$/.test(e.type));
    // Healthy: at most the hourly recovery points (a simulated hour is 3.6 s here), nothing per cycle.
    expect(observed.every((e: { type: string }) => e.type === 'ReplicationRecoveryPointCreated')).toBe(true);
    expect(observed.length).toBeLessThanOrEqual(0.1 * after.statistics.successfulCycles + 1);
  });

  it('replicates only the disks asked for, and names them to Enable-VMReplication', async () => {
    const [primary, replica] = [await host(), await host()];
    const vmId = await vm(primary, {
      disks: [
        { name: 'os', sizeGb: 40 },
        { name: 'scratch', sizeGb: 100 },
      ],
    });
    const disks: Array<{ id: string; name: string }> = (await t.request('GET', `/v1/vms/${vmId}`)).body.disks;
    const os = disks.find((d) => d.name === 'os')!.id;
    const scratch = disks.find((d) => d.name === 'scratch')!.id;
    const job = await run('POST', `/v1/vms/${vmId}/replication`, { replicaHostId: replica, includeDiskIds: [os] });
    expect(job.steps[0].powershell).toContain('-ReplicatedDisks (Get-VMHardDiskDrive -VMName "rvm');
    expect(job.steps[0].powershell).toContain(`Where-Object Id -in @("${os}")`);
    const replicating = await replicationWhere(vmId, (r) => r.state === 'Replicating', 'to replicate');
    expect([replicating.replicatedDiskIds, replicating.nonReplicatedDiskIds]).toEqual([[os], [scratch]]);
    const sim = (await t.request('GET', '/v1/simulator')).body;
    const simulated = sim.replicas.find((r: { vmId: string }) => r.vmId === vmId);
    expect(simulated.replicatedDiskIds).toEqual([os]);
  });
});
