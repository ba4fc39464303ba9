import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { FabricClient } from '../src/client';
import type { ClusterEvent } from '../src/clusters/domain/cluster.events';
import { byId, eventsOf, historyOf } from './support/fabric';
import { FabricBuilder, nodeOf } from './support/fabric-builder';
import { eventually, startTestApp, TestApp } from './support/test-app';

/** What the event records: the history answers event data as it was stored, shaped as the domain's event. */
type DrainRequested = Extract<ClusterEvent, { type: 'ClusterNodeDrainRequested' }>['data'];

describe('a quarantined node is drained over HTTP (DOMAIN.md: quarantine)', () => {
  let t: TestApp;
  let f: FabricBuilder;
  let fabric: FabricClient;

  before(async () => {
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0.002', HEALTH_PROBE_MS: '50', JOB_SWEEP_MS: '1000' });
    f = new FabricBuilder(t);
    fabric = f.client;
  });
  after(async () => {
    await t?.close();
  });

  it('live-migrates the running VMs of a node quarantined by an expired isolation once it answers; the VM that fits nowhere stays, with the reason', async () => {
    const flaky = await f.registerHost('WS2016');
    const others = [
      await f.registerHost('WS2016', { memoryMb: 16384 }),
      await f.registerHost('WS2016', { memoryMb: 16384 }),
      await f.registerHost('WS2016', { memoryMb: 16384 }),
    ];
    const clusterId = await f.createCluster('CLU-QUARANTINE', [flaky, ...others]);
    // One ungraceful failure quarantines (threshold 1); the node is Down one second after it stops answering.
    const settings = await fabric.raw.PUT('/v1/clusters/{id}/resiliency', {
      ...byId(clusterId),
      body: { resiliencyPeriodSeconds: 1, quarantineThreshold: 1 },
    });
    expect(settings.response.status).toBe(200);

    const small: string[] = [];
    for (let i = 0; i < 2; i++) small.push((await f.createVm({ hostId: flaky })).vmId);
    const { vmId: big } = await f.createVm({ hostId: flaky }, { memory: { startupMb: 32768 } });
    for (const vmId of [...small, big]) {
      await fabric.command('post', '/v1/vms/{id}/start', byId(vmId));
      // Each VM keeps running on the isolated node for an hour: none fails over when the node goes Down.
      const period = await fabric.raw.PUT('/v1/clusters/{id}/vms/{vmId}/resiliency', {
        params: { path: { id: clusterId, vmId } },
        body: { resiliencyPeriodSeconds: 3600 },
      });
      expect(period.response.status).toBe(200);
    }

    await fabric.put('/v1/simulator/faults', { body: { hostId: flaky, unresponsive: true } });
    const quarantined = await f.clusterWhere(
      clusterId,
      (c) => nodeOf(c, flaky)?.state === 'Quarantined',
      'node quarantined',
      10000,
    );
    expect(nodeOf(quarantined, flaky)!.recentFailures).toHaveLength(1);
    await fabric.delete('/v1/simulator/faults');

    // Back on the network, still quarantined: the cluster drains it.
    const drain = await eventually(
      async () => {
        const history = await historyOf(fabric, 'clusters', clusterId);
        return history.find((e) => e.type === 'ClusterNodeDrainRequested' && e.data.cause === 'quarantine');
      },
      10000,
      'the quarantine drain',
    );
    const requested = drain.data as unknown as DrainRequested;
    expect(requested.hostId).toBe(flaky);
    expect(requested.moves.map((m) => [m.vmId, m.migrationType]).sort()).toEqual(
      [...small].sort().map((vmId) => [vmId, 'Live']),
    );
    expect(requested.unplaceable).toHaveLength(1);
    expect(requested.unplaceable[0].vmId).toBe(big);
    expect(requested.unplaceable[0].reason).toMatch(/16384 MB free < 32768 MB/);

    const job = await eventually(
      async () => {
        const drainJob = await fabric.get('/v1/jobs/{id}', byId(requested.job.jobId));
        return drainJob.status === 'Succeeded' ? drainJob : undefined;
      },
      15000,
      'the drain job to succeed',
    );
    expect(job.kind).toBe('drain-node');
    expect(job.steps).toHaveLength(3);
    expect(job.steps[0].powershell).toContain('Get-ClusterNode');
    expect(job.steps.slice(1).every((s) => s.status === 'Succeeded' && /live migration/.test(s.name))).toBe(true);

    // The small VMs moved live (never restarted) onto the other nodes; the big one still runs where it was.
    for (const vmId of small) {
      const moved = await f.vmWhere(vmId, (v) => v.hostId !== flaky && v.pendingJobId === null, 'moved off the quarantined node');
      expect(others).toContain(moved.hostId);
      expect(moved.state).toBe('Running');
    }
    const migrations = (await eventsOf(fabric, 'VmMigrated')).filter((e) => small.includes(e.data.vmId as string));
    expect(migrations.map((e) => e.data.migrationType)).toEqual(['Live', 'Live']);
    expect((await eventsOf(fabric, 'VmFailedOver')).filter((e) => [...small, big].includes(e.data.vmId as string))).toEqual([]);
    const stayed = await fabric.get('/v1/vms/{id}', byId(big));
    expect(stayed).toMatchObject({ hostId: flaky, state: 'Running' });

    const after = await f.clusterWhere(clusterId, (c) => c.pendingJobIds.length === 0, 'the drain settled');
    expect(nodeOf(after, flaky)!.state).toBe('Quarantined');
  });
});
