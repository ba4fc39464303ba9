import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { FabricClient, type CommandOutcome, type components, type Job, type Replication } from '../src/client';
import { byId, fabricClient, hostBody, notFound, vmBody } from './support/fabric';
import { eventually, startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-environment';

/** 300 s cycles at this scale come every 300 ms, and a simulated hour passes in 3.6 s; the monitor polls every 100 ms. */
const ENV = { SIMULATOR_TIME_SCALE: '0.001', JOB_SWEEP_MS: '1000', REPLICATION_POLL_MS: '100' };
const WAIT = { waitSeconds: 30 };
type ReplicationOp = 'resynchronize' | 'planned-failover' | 'commit' | 'reverse' | 'stop-test-failover';

describe('Hyper-V Replica over HTTP, with the simulated fleet', () => {
  let database: TestDatabase;
  let t: TestApp;
  let fabric: FabricClient;
  let counter = 0;

  before(async () => {
    database = await createTestDatabase('replica');
    t = await startTestApp(ENV, database);
    fabric = fabricClient(t);
  });
  after(async () => {
    await t?.close();
    await database?.drop();
  });

  /** Sends a command that needs host work and answers its job once it has succeeded. */
  const run = async (send: Promise<CommandOutcome<unknown>>): Promise<Job> => (await send).job!;

  async function host(osVersion: 'WS2012R2' | 'WS2016' = 'WS2016'): Promise<string> {
    counter++;
    const body = hostBody({ name: `rep${counter}`, address: `10.4.0.${counter}`, osVersion, logicalProcessors: 16, memoryMb: 65536 });
    return (await fabric.post('/v1/hosts', { body })).id;
  }

  async function vm(hostId: string, overrides: Partial<components['schemas']['CreateVmDto']> = {}): Promise<string> {
    const body = vmBody(
      { hostId },
      {
        name: `rvm${++counter}`,
        guestOs: { family: 'windows' },
        memory: { startupMb: 2048 },
        networkAdapters: [],
        disks: [{ name: 'os', sizeGb: 40 }],
        ...overrides,
      },
    );
    return (await run(fabric.command('post', '/v1/vms', { body }, WAIT))).target.id;
  }

  const readVm = (vmId: string) => fabric.get('/v1/vms/{id}', byId(vmId));

  const replicationWhere = (vmId: string, predicate: (r: Replication) => boolean, what: string, timeoutMs = 20000) =>
    eventually(
      async () => {
        const replication = await fabric.get('/v1/vms/{id}/replication', byId(vmId)).catch(() => undefined);
        return replication && predicate(replication) ? replication : undefined;
      },
      timeoutMs,
      `replication ${what}`,
    );

  const replicate = (vmId: string, op: ReplicationOp) =>
    run(fabric.command('post', `/v1/vms/{id}/replication/${op}` as `/v1/vms/{id}/replication/${ReplicationOp}`, byId(vmId), WAIT));
  const startVm = (vmId: string) => run(fabric.command('post', '/v1/vms/{id}/start', byId(vmId), WAIT));
  const stopVm = (vmId: string) => run(fabric.command('post', '/v1/vms/{id}/stop', { ...byId(vmId), body: { mode: 'shutdown' } }, WAIT));

  async function enable(vmId: string, replicaHostId: string, extra: Partial<components['schemas']['EnableReplicationDto']> = {}) {
    const job = await run(
      fabric.command('post', '/v1/vms/{id}/replication', { ...byId(vmId), body: { replicaHostId, frequencySeconds: 300, ...extra } }, WAIT),
    );
    expect(job.kind).toBe('enable-replication');
    expect(job.steps.map((s) => s.powershell).join('\n')).toContain('Enable-VMReplication');
    return replicationWhere(vmId, (r) => r.state === 'Replicating', 'to replicate');
  }

  it('replicates in cycles, goes to Warning while the replica host does not answer, and back to Normal', async () => {
    const [primary, replica] = [await host(), await host()];
    const vmId = await vm(primary);
    await startVm(vmId);
    const first = await enable(vmId, replica);
    expect(first).toMatchObject({ health: 'Normal', primaryHostId: primary, replicaHostId: replica, frequencySeconds: 300 });
    const cycled = await replicationWhere(vmId, (r) => (r.statistics?.successfulCycles ?? 0) >= 2, 'to report cycles');
    expect(cycled.health).toBe('Normal');
    expect(cycled.lastReplicationSizeMb).toBeGreaterThan(0);
    expect(cycled.statistics).toMatchObject({ failedCycles: 0, consecutiveFailedCycles: 0, failureReason: null });

    await fabric.put('/v1/simulator/faults', { body: { hostId: replica, unresponsive: true } });
    const warned = await replicationWhere(vmId, (r) => r.health === 'Warning', 'to warn', 30000);
    expect(warned.healthReason).toMatch(/^the last replication cycle failed: the replica host rep\d+ does not answer$/);
    await fabric.delete('/v1/simulator/faults');
    await replicationWhere(vmId, (r) => r.health === 'Normal', 'to be Normal again', 30000);
  });

  it('leaves a disk added on a WS2016 primary out of replication until it is included', async () => {
    const [primary, replica] = [await host(), await host()];
    const vmId = await vm(primary);
    await enable(vmId, replica);
    await run(fabric.command('post', '/v1/vms/{id}/disks', { ...byId(vmId), body: { name: 'data', sizeGb: 20 } }, WAIT));
    const disk = await eventually(
      async () => (await readVm(vmId)).disks.find((d) => d.name === 'data'),
      10000,
      'the data disk on the VM',
    );
    const excluded = await replicationWhere(vmId, (r) => r.nonReplicatedDiskIds.includes(disk.id), 'to leave the disk out');
    expect(excluded.replicatedDiskIds).not.toContain(disk.id);
    expect(excluded.health).toBe('Normal');
    const include = await run(
      fabric.command(
        'put',
        '/v1/vms/{id}/replication/disks',
        { ...byId(vmId), body: { includeDiskIds: [...excluded.replicatedDiskIds, disk.id] } },
        WAIT,
      ),
    );
    expect(include.kind).toBe('set-replicated-disks');
    const included = await replicationWhere(vmId, (r) => r.replicatedDiskIds.includes(disk.id), 'to include the disk');
    expect(included.nonReplicatedDiskIds).toEqual([]);
  });

  it('breaks replication when a disk is added on a WS2012R2 primary, until resynchronized', async () => {
    const [primary, replica] = [await host('WS2012R2'), await host('WS2012R2')];
    const vmId = await vm(primary);
    await enable(vmId, replica);
    await run(fabric.command('post', '/v1/vms/{id}/disks', { ...byId(vmId), body: { name: 'data', sizeGb: 20 } }, WAIT));
    await replicationWhere(vmId, (r) => r.health === 'Critical', 'to be Critical');
    await replicate(vmId, 'resynchronize');
    await replicationWhere(vmId, (r) => r.health === 'Normal' && r.state === 'Replicating', 'to be Normal after resync');
  });

  it('fails over as planned (and back), with the direction reversed each time', async () => {
    const [primary, replica] = [await host(), await host()];
    const vmId = await vm(primary);
    await startVm(vmId);
    await enable(vmId, replica);
    await expect(fabric.post('/v1/vms/{id}/replication/planned-failover', byId(vmId))).rejects.toMatchObject({
      status: 409,
      code: 'INVALID_VM_STATE',
    });
    await stopVm(vmId);
    const planned = await replicate(vmId, 'planned-failover');
    expect(planned.kind).toBe('planned-failover');
    await eventually(
      async () => {
        const v = await readVm(vmId);
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

    await stopVm(vmId);
    await replicate(vmId, 'planned-failover');
    await eventually(
      async () => ((await readVm(vmId)).hostId === primary ? true : undefined),
      15000,
      'the VM back home',
    );
    await replicationWhere(vmId, (r) => r.primaryHostId === primary && r.replicaHostId === replica, 'to run the original way');
  });

  it('fails over unplanned to an older recovery point, commits, and reverses', async () => {
    const [primary, replica] = [await host(), await host()];
    const vmId = await vm(primary);
    await startVm(vmId);
    await enable(vmId, replica, { recoveryPoints: 2 });
    const withTwo = await replicationWhere(vmId, (r) => r.recoveryPoints.length >= 2, 'to keep two recovery points', 30000);
    const older = withTwo.recoveryPoints[0];
    expect(Date.parse(older.at)).toBeLessThan(Date.parse(withTwo.recoveryPoints[withTwo.recoveryPoints.length - 1].at));

    await fabric.put('/v1/simulator/faults', { body: { hostId: primary, crash: true } });
    const failover = await run(
      fabric.command('post', '/v1/vms/{id}/replication/failover', { ...byId(vmId), body: { recoveryPointId: older.id } }, WAIT),
    );
    expect(failover.kind).toBe('unplanned-failover');
    const failed = await replicationWhere(vmId, (r) => r.state === 'FailedOver', 'to be failed over');
    expect(failed.primaryHostId).toBe(replica);
    await eventually(
      async () => {
        const v = await readVm(vmId);
        return v.hostId === replica && v.state === 'Running' ? v : undefined;
      },
      15000,
      'the VM to run on the replica',
    );
    await replicate(vmId, 'commit');
    await replicationWhere(
      vmId,
      (r) => r.recoveryPoints.length === 1 && r.recoveryPoints[0].id === older.id,
      'to keep only the point used',
    );
    await fabric.delete('/v1/simulator/faults');
    await replicate(vmId, 'reverse');
    await replicationWhere(vmId, (r) => r.state === 'Replicating' && r.replicaHostId === primary, 'to replicate back');
  });

  it('runs a test failover alongside replication, one at a time, until stopped', async () => {
    const [primary, replica] = [await host(), await host()];
    const vmId = await vm(primary);
    await startVm(vmId);
    await enable(vmId, replica);
    await replicationWhere(vmId, (r) => r.recoveryPoints.length >= 1, 'to have a recovery point');
    const started = await run(fabric.command('post', '/v1/vms/{id}/replication/test-failover', { ...byId(vmId), body: {} }, WAIT));
    expect(started.kind).toBe('start-test-failover');
    const testing = await replicationWhere(vmId, (r) => r.testFailover?.running === true, 'to run the test VM');
    await expect(fabric.post('/v1/vms/{id}/replication/test-failover', { ...byId(vmId), body: {} })).rejects.toMatchObject({
      status: 409,
      code: 'TEST_FAILOVER_RUNNING',
    });
    const sim = await fabric.get('/v1/simulator');
    expect(JSON.stringify(sim)).toContain(testing.testFailover!.testVmId);
    // Replication goes on meanwhile.
    await replicationWhere(
      vmId,
      (r) => Date.parse(r.lastReplicatedAt!) > Date.parse(testing.lastReplicatedAt!),
      'to keep replicating',
    );
    await replicate(vmId, 'stop-test-failover');
    await replicationWhere(vmId, (r) => r.testFailover === null, 'to remove the test VM');
  });

  it('replicates to a cluster through its Replica Broker: placement picks the replica node', async () => {
    const primary = await host();
    const nodes = [await host(), await host()];
    const clusterName = `REPCLU${counter}`;
    const clusterId = (await run(fabric.command('post', '/v1/clusters', { body: { name: clusterName, nodeIds: nodes } }, WAIT))).target.id;
    const vmId = await vm(primary);
    await expect(
      fabric.post('/v1/vms/{id}/replication', { ...byId(vmId), body: { replicaHostId: nodes[0], replicaClusterId: clusterId } }),
    ).rejects.toMatchObject({ status: 400 });
    const job = await run(
      fabric.command('post', '/v1/vms/{id}/replication', { ...byId(vmId), body: { replicaClusterId: clusterId, frequencySeconds: 300 } }, WAIT),
    );
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
    await run(fabric.command('delete', '/v1/vms/{id}/replication', byId(vmId), WAIT));
    await eventually(() => notFound(fabric.get('/v1/vms/{id}/replication', byId(vmId))), 10000, 'removed');
    await run(fabric.command('post', '/v1/vms/{id}/upgrade-version', byId(vmId), WAIT));
    await eventually(async () => ((await readVm(vmId)).configVersion === '8.0' ? true : undefined), 10000, 'upgraded');
    await expect(
      fabric.post('/v1/vms/{id}/replication', { ...byId(vmId), body: { replicaHostId: replica, frequencySeconds: 300 } }),
    ).rejects.toMatchObject({ status: 409, code: 'CONFIG_VERSION_UNSUPPORTED' });
  });

  it('goes on observing across a restart of the service, and records no event per cycle', async () => {
    const [primary, replica] = [await host(), await host()];
    const vmId = await vm(primary);
    await enable(vmId, replica);
    const before = await replicationWhere(vmId, (r) => (r.statistics?.successfulCycles ?? 0) >= 1, 'to cycle');
    await t.close();
    await new Promise((resolve) => setTimeout(resolve, 500));
    t = await startTestApp(ENV, database);
    fabric = fabricClient(t);
    const after = await replicationWhere(
      vmId,
      (r) => (r.statistics?.successfulCycles ?? 0) >= before.statistics!.successfulCycles + 3,
      'to cycle after the restart',
      20000,
    );
    // Hyper-V went on while the service was down: those cycles count too, none twice, none failed.
    expect(after.statistics).toMatchObject({ failedCycles: 0, missedCycles: 0 });
    expect(Date.parse(after.lastReplicatedAt!)).toBeGreaterThan(Date.parse(before.lastReplicatedAt!));
    const history = (
      await fabric.get('/v1/{kind}/{id}/history', { params: { path: { kind: 'replication', id: vmId }, query: { limit: 500 } } })
    ).items;
    const observed = history.filter((e) => !/Requested$|Enabled$/.test(e.type));
    // Healthy: at most the hourly recovery points (a simulated hour is 3.6 s here), nothing per cycle.
    expect(observed.every((e) => e.type === 'ReplicationRecoveryPointCreated')).toBe(true);
    expect(observed.length).toBeLessThanOrEqual(0.1 * after.statistics!.successfulCycles + 1);
  });

  it('replicates only the disks asked for, and names them to Enable-VMReplication', async () => {
    const [primary, replica] = [await host(), await host()];
    const vmId = await vm(primary, {
      disks: [
        { name: 'os', sizeGb: 40 },
        { name: 'scratch', sizeGb: 100 },
      ],
    });
    const { disks } = await readVm(vmId);
    const os = disks.find((d) => d.name === 'os')!.id;
    const scratch = disks.find((d) => d.name === 'scratch')!.id;
    const job = await run(
      fabric.command('post', '/v1/vms/{id}/replication', { ...byId(vmId), body: { replicaHostId: replica, includeDiskIds: [os] } }, WAIT),
    );
    expect(job.steps[0].powershell).toContain('-ReplicatedDisks (Get-VMHardDiskDrive -VMName "rvm');
    expect(job.steps[0].powershell).toContain(`Where-Object Id -in @("${os}")`);
    const replicating = await replicationWhere(vmId, (r) => r.state === 'Replicating', 'to replicate');
    expect([replicating.replicatedDiskIds, replicating.nonReplicatedDiskIds]).toEqual([[os], [scratch]]);
    const sim = await fabric.get('/v1/simulator');
    const simulated = sim.replicas.find((r) => r.vmId === vmId);
    expect(simulated!.replicatedDiskIds).toEqual([os]);
  });
});
