import { AsyncLocalStorage } from 'node:async_hooks';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { clusterStreamId } from '../src/clusters/domain/cluster.events';
import { EVENT_STORE, EventStore } from '../src/event-store/event-store.port';
import { hostStreamId } from '../src/hosts/domain/host.decider';
import * as httpApp from '../src/platform/http/create-http-app';
import { replicationStreamId } from '../src/replication/domain/replication.events';
import { vmStreamId } from '../src/vms/domain/vm.events';
import { byId, vmBody } from './support/fabric';
import { FabricBuilder } from './support/fabric-builder';
import { eventually, startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-environment';

/** How many times each stream was read while one request was served (its own work, not the processors'). */
type StreamReads = Record<string, number>;

const request = new AsyncLocalStorage<StreamReads>();
const readsOf = new Map<string, StreamReads>();

// A request that names itself in x-reads is served in its own async context, where stream reads are counted.
const createHttpApp = httpApp.createHttpApp;
(httpApp as { createHttpApp: typeof createHttpApp }).createHttpApp = async (infrastructure) => {
  const app = await createHttpApp(infrastructure);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (incoming, _reply, done) => {
      const name = incoming.headers['x-reads'];
      if (typeof name !== 'string') return done();
      const reads: StreamReads = {};
      readsOf.set(name, reads);
      request.run(reads, done);
    });
  return app;
};

function countReads(store: EventStore): void {
  const counted = (streamId: string) => {
    const reads = request.getStore();
    if (reads) reads[streamId] = (reads[streamId] ?? 0) + 1;
  };
  const readStream = store.readStream.bind(store);
  store.readStream = (streamId, options) => (counted(streamId), readStream(streamId, options));
  const readForDecision = store.readForDecision.bind(store);
  store.readForDecision = (streamId, options) => (counted(streamId), readForDecision(streamId, options));
}

describe('A command reads each stream it needs once', () => {
  let database: TestDatabase;
  let t: TestApp;
  let fabric: FabricBuilder;
  let clusterId: string;
  let replicaClusterId: string;
  let replicaNodes: string[];
  let replicaHostId: string;

  before(async () => {
    database = await createTestDatabase('reads');
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0.001', JOB_SWEEP_MS: '1000', REPLICATION_POLL_MS: '100' }, database);
    countReads(t.app.get<EventStore>(EVENT_STORE));
    fabric = new FabricBuilder(t);
    clusterId = await fabric.createCluster('reads-a', [await fabric.registerHost(), await fabric.registerHost()]);
    replicaNodes = [await fabric.registerHost(), await fabric.registerHost()];
    replicaClusterId = await fabric.createCluster('reads-b', replicaNodes);
    replicaHostId = await fabric.registerHost();
  });
  after(async () => {
    await t?.close();
    await database?.drop();
  });

  async function send(name: string, path: string, body: unknown, method = 'POST', status = 202): Promise<string> {
    const response = await t.request(method, path, { body, headers: { 'x-reads': name } });
    expect(response.status).toBe(status);
    return response.body?.resource?.id;
  }

  /** A VM created on the first cluster, Off with nothing pending; answers where placement put it. */
  async function createVm(name: string): Promise<{ vmId: string; hostId: string }> {
    const body = vmBody(
      { clusterId },
      { name, memory: { startupMb: 2048 }, networkAdapters: [], disks: [{ name: 'os', sizeGb: 40 }] },
    );
    const vmId = await send(name, '/v1/vms', body);
    const vm = await fabric.vmWhere(vmId, (v) => v.state === 'Off' && v.pendingJobId === null, 'to be Off');
    return { vmId, hostId: vm.hostId };
  }

  it("creating a VM on a cluster reads the cluster and the chosen node (the new VM's stream is not read)", async () => {
    const { hostId } = await createVm('reads-vm-1');
    expect(readsOf.get('reads-vm-1')).toEqual({
      [clusterStreamId(clusterId)]: 1,
      [hostStreamId(hostId)]: 1,
    });
  });

  it("creating a cluster reads each node (the new cluster's stream is not read)", async () => {
    const nodeIds = [await fabric.registerHost(), await fabric.registerHost()];
    await send('create-cluster', '/v1/clusters', { name: 'reads-c', nodeIds });
    expect(readsOf.get('create-cluster')).toEqual({ [hostStreamId(nodeIds[0])]: 1, [hostStreamId(nodeIds[1])]: 1 });
  });

  it("setting a VM's resiliency period reads the cluster once", async () => {
    const { vmId } = await createVm('reads-vm-4');
    await send('vm-resiliency', `/v1/clusters/${clusterId}/vms/${vmId}/resiliency`, { resiliencyPeriodSeconds: 60 }, 'PUT', 200);
    expect(readsOf.get('vm-resiliency')).toEqual({ [clusterStreamId(clusterId)]: 1 });
  });

  it('reinstalling a host reads it once', async () => {
    const hostId = await fabric.registerHost('WS2016');
    await send('reinstall', `/v1/hosts/${hostId}/reinstall`, { osVersion: 'WS2019' });
    expect(readsOf.get('reinstall')).toEqual({ [hostStreamId(hostId)]: 1 });
  });

  it('enabling, then suspending replication reads the VM, its host, the replica host and the relationship once each', async () => {
    const { vmId, hostId } = await createVm('reads-vm-2');
    await send('enable-to-host', `/v1/vms/${vmId}/replication`, { replicaHostId, frequencySeconds: 300 });
    const everyStream = {
      [vmStreamId(vmId)]: 1,
      [hostStreamId(hostId)]: 1,
      [hostStreamId(replicaHostId)]: 1,
      [replicationStreamId(vmId)]: 1,
    };
    expect(readsOf.get('enable-to-host')).toEqual(everyStream);
    await eventually(
      () =>
        fabric.client.get('/v1/vms/{id}/replication', byId(vmId)).then(
          (r) => (r.state === 'Replicating' && r.pendingJobId === null ? r : undefined),
          () => undefined,
        ),
      20000,
      'replication to start',
    );
    await send('suspend', `/v1/vms/${vmId}/replication/suspend`, undefined);
    expect(readsOf.get('suspend')).toEqual(everyStream);
  });

  it("enabling replication to a cluster's broker reads the VM, its host, the cluster, the chosen node and the relationship", async () => {
    const { vmId, hostId } = await createVm('reads-vm-3');
    await send('enable-to-cluster', `/v1/vms/${vmId}/replication`, { replicaClusterId, frequencySeconds: 300 });
    const replication = await eventually(
      () => fabric.client.get('/v1/vms/{id}/replication', byId(vmId)).catch(() => undefined),
      10000,
      'the relationship to be read back',
    );
    expect(replicaNodes).toContain(replication.replicaHostId);
    expect(readsOf.get('enable-to-cluster')).toEqual({
      [vmStreamId(vmId)]: 1,
      [hostStreamId(hostId)]: 1,
      [clusterStreamId(replicaClusterId)]: 1,
      [hostStreamId(replication.replicaHostId)]: 1,
      [replicationStreamId(vmId)]: 1,
    });
  });
});
