import type { Cluster, components, FabricClient, Job } from '../../src/client';
import { byId, fabricClient, hostBody, vmBody, vmWhere } from './fabric';
import { eventually, TestApp } from './test-app';

type Schemas = components['schemas'];
type OsVersion = Schemas['RegisterHostDto']['osVersion'];
type ClusterNode = Cluster['nodes'][number];

export interface VmSpec {
  name: string;
  tenant: string;
  hostId?: string;
  clusterId?: string;
  memoryMb?: number;
  start?: boolean;
}

let vms = 0;

/**
 * Builds a fabric through the typed client: every host operation is followed to its end (a job
 * that does not succeed throws), and the `create…`/`addNode`/`removeNode` builders also wait until
 * the read models show the result, so a test can read it back at once.
 */
export class FabricBuilder {
  readonly client: FabricClient;

  constructor(app: TestApp) {
    this.client = fabricClient(app);
  }

  /** Registers a host (a unique name and address unless the overrides give them) and answers its id. */
  async registerHost(osVersion: OsVersion = 'WS2016', overrides: Partial<Schemas['RegisterHostDto']> = {}): Promise<string> {
    const host = await this.client.post('/v1/hosts', { body: hostBody({ osVersion, ...overrides }) });
    return host.id;
  }

  async host(name: string, osVersion: OsVersion = 'WS2012R2'): Promise<string> {
    return this.registerHost(osVersion, { name });
  }

  /** A cluster of new hosts named `<name>-n1…`. */
  async cluster(
    name: string,
    nodeCount: number,
    osVersion: OsVersion = 'WS2012R2',
  ): Promise<{ clusterId: string; nodeIds: string[] }> {
    const nodeIds: string[] = [];
    for (let i = 1; i <= nodeCount; i++) nodeIds.push(await this.host(`${name}-n${i}`, osVersion));
    const { job } = await this.client.command('post', '/v1/clusters', { body: { name, nodeIds } });
    return { clusterId: job!.target.id, nodeIds };
  }

  /** A cluster of the given hosts, once it is Active with nothing pending. */
  async createCluster(name: string, nodeIds: string[]): Promise<string> {
    const { job } = await this.client.command('post', '/v1/clusters', { body: { name, nodeIds } });
    const clusterId = job!.target.id;
    await this.clusterWhere(clusterId, (c) => c.status === 'Active' && c.pendingJobIds.length === 0, 'to be active');
    return clusterId;
  }

  /** Adds a node and waits until it is Up and nothing is pending. */
  async addNode(clusterId: string, hostId: string): Promise<void> {
    await this.client.command('post', '/v1/clusters/{id}/nodes', { ...byId(clusterId), body: { hostId } });
    await this.clusterWhere(clusterId, (c) => nodeOf(c, hostId)?.state === 'Up' && c.pendingJobIds.length === 0, 'node up');
  }

  /** Pauses (draining) and evicts a node, waiting until it has left. */
  async removeNode(clusterId: string, hostId: string): Promise<void> {
    const node = { params: { path: { id: clusterId, hostId } } };
    await this.client.command('post', '/v1/clusters/{id}/nodes/{hostId}/pause', { ...node, body: { drain: true } });
    await this.clusterWhere(clusterId, (c) => nodeOf(c, hostId)?.state === 'Paused' && c.pendingJobIds.length === 0, 'node paused');
    await this.client.command('delete', '/v1/clusters/{id}/nodes/{hostId}', node);
    await this.clusterWhere(clusterId, (c) => !nodeOf(c, hostId), 'node evicted');
  }

  /** The cluster once the read model shows it as `predicate` wants. */
  clusterWhere(clusterId: string, predicate: (cluster: Cluster) => boolean, what: string, timeoutMs = 20000): Promise<Cluster> {
    return eventually(
      async () => {
        const cluster = await this.client.get('/v1/clusters/{id}', byId(clusterId));
        return predicate(cluster) ? cluster : undefined;
      },
      timeoutMs,
      `cluster ${what}`,
    );
  }

  /** The VM once the read model shows it as `predicate` wants. */
  vmWhere(vmId: string, predicate: Parameters<typeof vmWhere>[2], what: string) {
    return vmWhere(this.client, vmId, predicate, what);
  }

  /**
   * Creates a Generation 2 Windows VM (2 GB, no adapters or disks, a unique name unless the
   * overrides say otherwise) and waits until it is Off with nothing pending.
   */
  async createVm(placement: { hostId: string } | { clusterId: string }, overrides: Partial<Schemas['CreateVmDto']> = {}) {
    vms += 1;
    const body = vmBody(placement, {
      name: `vm-${vms.toString().padStart(3, '0')}`,
      memory: { startupMb: 2048 },
      networkAdapters: [],
      disks: [],
      ...overrides,
    });
    const { job } = await this.client.command('post', '/v1/vms', { body });
    const vmId = job!.target.id;
    const vm = await this.vmWhere(vmId, (v) => v.state === 'Off' && v.pendingJobId === null, 'to be Off');
    return { vmId, job: job as Job, vm };
  }

  /** A Generation 2 Windows VM without adapters or disks, started when asked. */
  async vm(spec: VmSpec): Promise<string> {
    const placement = spec.clusterId ? { clusterId: spec.clusterId } : { hostId: spec.hostId! };
    const { job } = await this.client.command('post', '/v1/vms', {
      body: vmBody(placement, {
        name: spec.name,
        tenant: spec.tenant,
        memory: { startupMb: spec.memoryMb ?? 1024 },
        networkAdapters: [],
        disks: [],
      }),
    });
    const vmId = job!.target.id;
    if (spec.start) await this.client.command('post', '/v1/vms/{id}/start', byId(vmId));
    return vmId;
  }
}

/** A cluster's node for a host, if the host is one. */
export function nodeOf(cluster: Cluster, hostId: string): ClusterNode | undefined {
  return cluster.nodes.find((n) => n.hostId === hostId);
}
