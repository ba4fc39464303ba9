import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { eventually, startTestApp, TestApp } from './support/test-app';
import { fabricBuilders } from './support/fabric-builders';

describe('a quarantined node is drained over HTTP (DOMAIN.md: quarantine)', () => {
  let t: TestApp;
  let f: ReturnType<typeof fabricBuilders>;

  before(async () => {
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0.002', HEALTH_PROBE_MS: '50', JOB_SWEEP_MS: '1000' });
    f = fabricBuilders(t);
  });
  after(async () => {
    await t?.close();
  });

  async function allEvents(type: string): Promise<any[]> {
    const items: any[] = [];
    let cursor: string | null = null;
    do {
      const r: any = await t.request('GET', `/v1/events?type=${type}&limit=500${cursor ? `&after=${cursor}` : ''}`);
      items.push(...r.body.items);
      cursor = r.body.nextCursor;
    } while (cursor);
    return items;
  }

  it('live-migrates the running VMs of a node quarantined by an expired isolation once it answers; the VM that fits nowhere stays, with the reason', async () => {
    const flaky = await f.registerHost('WS2016');
    const others = [
      await f.registerHost('WS2016', { memoryMb: 16384 }),
      await f.registerHost('WS2016', { memoryMb: 16384 }),
      await f.registerHost('WS2016', { memoryMb: 16384 }),
    ];
    const clusterId = await f.createCluster('CLU-QUARANTINE', [flaky, ...others]);
    // One ungraceful failure quarantines (threshold 1); the node is Down one second after it stops answering.
    const settings = await t.request('PUT', `/v1/clusters/${clusterId}/resiliency`, {
      body: { resiliencyPeriodSeconds: 1, quarantineThreshold: 1 },
    });
    expect(settings.status).toBe(200);

    const small: string[] = [];
    for (let i = 0; i < 2; i++) small.push((await f.createVm({ hostId: flaky })).vmId);
    const { vmId: big } = await f.createVm({ hostId: flaky }, { memory: { startupMb: 32768 } });
    for (const vmId of [...small, big]) {
      await f.run('POST', `/v1/vms/${vmId}/start`);
      // Each VM keeps running on the isolated node for an hour: none fails over when the node goes Down.
      const period = await t.request('PUT', `/v1/clusters/${clusterId}/vms/${vmId}/resiliency`, {
        body: { resiliencyPeriodSeconds: 3600 },
      });
      expect(period.status).toBe(200);
    }

    await t.request('PUT', '/v1/simulator/faults', { body: { hostId: flaky, unresponsive: true } });
    const quarantined = await f.clusterWhere(
      clusterId,
      (c) => f.nodeOf(c, flaky).state === 'Quarantined',
      'node quarantined',
      10000,
    );
    expect(f.nodeOf(quarantined, flaky).recentFailures).toHaveLength(1);
    await t.request('DELETE', '/v1/simulator/faults');

    // Back on the network, still quarantined: the cluster drains it.
    const drain = await eventually(
      async () => {
        const history = await t.request('GET', `/v1/clusters/${clusterId}/history?limit=500`);
        return history.body.items.find((e: any) => e.type === 'ClusterNodeDrainRequested' && e.data.cause === 'quarantine');
      },
      10000,
      'the quarantine drain',
    );
    expect(drain.data.hostId).toBe(flaky);
    expect(drain.data.moves.map((m: any) => [m.vmId, m.migrationType]).sort()).toEqual(
      [...small].sort().map((vmId) => [vmId, 'Live']),
    );
    expect(drain.data.unplaceable).toHaveLength(1);
    expect(drain.data.unplaceable[0].vmId).toBe(big);
    expect(drain.data.unplaceable[0].reason).toMatch(/16384 MB free < 32768 MB/);

    const job = await eventually(
      async () => {
        const r = await t.request('GET', `/v1/jobs/${drain.data.job.jobId}`);
        return r.status === 200 && r.body.status === 'Succeeded' ? r.body : undefined;
      },
      15000,
      'the drain job to succeed',
    );
    expect(job.kind).toBe('drain-node');
    expect(job.steps).toHaveLength(3);
    expect(job.steps[0].powershell).toContain('Get-ClusterNode');
    expect(
      job.steps
        .slice(1)
        .every((s: { status: string; name: string }) => s.status === 'Succeeded' && /live migration/.test(s.name)),
    ).toBe(true);

    // The small VMs moved live (never restarted) onto the other nodes; the big one still runs where it was.
    for (const vmId of small) {
      const moved = await f.vmWhere(vmId, (v) => v.hostId !== flaky && v.pendingJobId === null, 'moved off the quarantined node');
      expect(others).toContain(moved.hostId);
      expect(moved.state).toBe('Running');
    }
    const migrations = (await allEvents('VmMigrated')).filter((e) => small.includes(e.data.vmId));
    expect(migrations.map((e) => e.data.migrationType)).toEqual(['Live', 'Live']);
    expect((await allEvents('VmFailedOver')).filter((e) => [...small, big].includes(e.data.vmId))).toEqual([]);
    const stayed = (await t.request('GET', `/v1/vms/${big}`)).body;
    expect(stayed).toMatchObject({ hostId: flaky, state: 'Running' });

    const after = await f.clusterWhere(clusterId, (c) => c.pendingJobIds.length === 0, 'the drain settled');
    expect(f.nodeOf(after, flaky).state).toBe('Quarantined');
  });
});
