import { FabricClient } from '../../src/client';
import { fabricClient, hostBody, vmBody } from './fabric';
import { TestApp } from './test-app';

export interface VmSpec {
  name: string;
  tenant: string;
  hostId?: string;
  clusterId?: string;
  memoryMb?: number;
  start?: boolean;
}

type OsVersion = 'WS2012R2' | 'WS2016' | 'WS2019' | 'WS2022' | 'WS2025';

/** Builds a named fabric through the typed client, each host operation followed to its end. */
export class FabricBuilder {
  readonly client: FabricClient;

  constructor(app: TestApp) {
    this.client = fabricClient(app);
  }

  async host(name: string, osVersion: OsVersion = 'WS2012R2'): Promise<string> {
    const host = await this.client.post('/v1/hosts', { body: hostBody({ name, osVersion }) });
    return host.id;
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
    if (spec.start) await this.client.command('post', '/v1/vms/{id}/start', { params: { path: { id: vmId } } });
    return vmId;
  }
}
