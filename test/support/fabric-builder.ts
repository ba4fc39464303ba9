import { TestApp } from './test-app';

const WAIT = { prefer: 'wait=30' };

export interface HostSpec {
  name: string;
  osVersion?: string;
  memoryMb?: number;
}

export interface VmSpec {
  name: string;
  tenant: string;
  hostId?: string;
  clusterId?: string;
  memoryMb?: number;
  start?: boolean;
}

/** Builds a fabric through the REST API, each host operation waited for (`Prefer: wait`). */
export class FabricBuilder {
  private hostCount = 0;

  constructor(private readonly app: TestApp) {}

  /** Runs a command that answers with a job and fails unless the job succeeded. */
  async run(method: string, path: string, body: unknown = {}): Promise<any> {
    const response = await this.app.request(method, path, { body, headers: WAIT });
    if (response.status !== 200 || response.body?.status !== 'Succeeded') {
      throw new Error(`${method} ${path} → ${response.status} ${response.text}`);
    }
    return response.body;
  }

  async host(spec: HostSpec): Promise<string> {
    this.hostCount++;
    const response = await this.app.request('POST', '/v1/hosts', {
      body: {
        name: spec.name,
        address: `10.20.0.${this.hostCount}`,
        osVersion: spec.osVersion ?? 'WS2012R2',
        slat: true,
        cpuVendor: 'Intel',
        logicalProcessors: 32,
        memoryMb: spec.memoryMb ?? 65536,
      },
    });
    if (response.status !== 201) throw new Error(`register ${spec.name} → ${response.status} ${response.text}`);
    return response.body.id;
  }

  /** A cluster of new hosts named `<name>-n1…`. */
  async cluster(name: string, nodeCount: number, osVersion = 'WS2012R2'): Promise<{ clusterId: string; nodeIds: string[] }> {
    const nodeIds: string[] = [];
    for (let i = 1; i <= nodeCount; i++) nodeIds.push(await this.host({ name: `${name}-n${i}`, osVersion }));
    const job = await this.run('POST', '/v1/clusters', { name, nodeIds });
    return { clusterId: job.target.id, nodeIds };
  }

  async vm(spec: VmSpec): Promise<string> {
    const job = await this.run('POST', '/v1/vms', {
      name: spec.name,
      tenant: spec.tenant,
      ...(spec.clusterId ? { clusterId: spec.clusterId } : { hostId: spec.hostId }),
      generation: 2,
      guestOs: { family: 'windows' },
      memory: { startupMb: spec.memoryMb ?? 1024 },
      processorCount: 2,
    });
    const vmId = job.target.id as string;
    if (spec.start) await this.run('POST', `/v1/vms/${vmId}/start`);
    return vmId;
  }
}
