import { expect } from 'expect';
import { eventually, TestApp } from './test-app';

/** How long a command waits for its job (Prefer: wait) in the builders. */
const WAIT = { prefer: 'wait=30' };

let hostCounter = 0;

/** A host registration body: a unique name and address, WS2016-era hardware unless overridden. */
export const hostBody = (osVersion: string, overrides: Record<string, unknown> = {}) => ({
  name: `hvb${String(++hostCounter).padStart(3, '0')}`,
  address: `10.7.${Math.floor(hostCounter / 250)}.${hostCounter % 250}`,
  osVersion,
  slat: true,
  cpuVendor: 'Intel',
  logicalProcessors: 32,
  memoryMb: 131072,
  ...overrides,
});

/** A VM creation body (Generation 2 Windows, 2 GB, 2 processors) for a host or a cluster. */
export const vmBody = (target: { hostId?: string; clusterId?: string }, overrides: Record<string, unknown> = {}) => ({
  name: `vm-${Math.random().toString(36).slice(2, 8)}`,
  tenant: 'contoso',
  ...target,
  generation: 2,
  guestOs: { family: 'windows' },
  memory: { startupMb: 2048 },
  processorCount: 2,
  ...overrides,
});

/** Builders over HTTP for hosts, clusters and VMs, each waiting until the fabric shows the result. */
export function fabricBuilders(t: TestApp) {
  /** Sends a command that needs host work and waits for its job; throws unless it succeeded. */
  async function run(method: string, path: string, body: unknown = {}) {
    const r = await t.request(method, path, { body, headers: WAIT });
    if (r.status !== 200 || r.body?.status !== 'Succeeded') throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async function registerHost(osVersion: string, overrides: Record<string, unknown> = {}): Promise<string> {
    const r = await t.request('POST', '/v1/hosts', { body: hostBody(osVersion, overrides) });
    expect(r.status).toBe(201);
    return r.body.id;
  }

  const clusterWhere = (clusterId: string, predicate: (c: any) => boolean, what: string, timeoutMs = 20000) =>
    eventually(
      async () => {
        const r = await t.request('GET', `/v1/clusters/${clusterId}`);
        return r.status === 200 && predicate(r.body) ? r.body : undefined;
      },
      timeoutMs,
      `cluster ${what}`,
    );

  const nodeOf = (cluster: any, hostId: string) => cluster.nodes.find((n: { hostId: string }) => n.hostId === hostId);

  /** A cluster of the given hosts, Active. */
  async function createCluster(name: string, nodeIds: string[]): Promise<string> {
    const job = await run('POST', '/v1/clusters', { name, nodeIds });
    const clusterId = job.target.id as string;
    await clusterWhere(clusterId, (c) => c.status === 'Active' && c.pendingJobIds.length === 0, 'to be active');
    return clusterId;
  }

  /** Adds a node and waits until it is Up and nothing is pending. */
  async function addNode(clusterId: string, hostId: string): Promise<void> {
    await run('POST', `/v1/clusters/${clusterId}/nodes`, { hostId });
    await clusterWhere(clusterId, (c) => nodeOf(c, hostId)?.state === 'Up' && c.pendingJobIds.length === 0, 'node up');
  }

  /** Pauses (draining) and evicts a node, waiting until it has left. */
  async function removeNode(clusterId: string, hostId: string): Promise<void> {
    await run('POST', `/v1/clusters/${clusterId}/nodes/${hostId}/pause`, { drain: true });
    await clusterWhere(clusterId, (c) => nodeOf(c, hostId)?.state === 'Paused' && c.pendingJobIds.length === 0, 'node paused');
    await run('DELETE', `/v1/clusters/${clusterId}/nodes/${hostId}`, undefined);
    await clusterWhere(clusterId, (c) => !nodeOf(c, hostId), 'node evicted');
  }

  /** The VM once the read model shows it as `predicate` wants. */
  const vmWhere = (vmId: string, predicate: (vm: any) => boolean, what: string) =>
    eventually(
      async () => {
        const r = await t.request('GET', `/v1/vms/${vmId}`);
        return r.status === 200 && predicate(r.body) ? r.body : undefined;
      },
      15000,
      `VM ${vmId} ${what}`,
    );

  /** Creates a VM and waits until it is Off with nothing pending. */
  async function createVm(target: { hostId?: string; clusterId?: string }, overrides: Record<string, unknown> = {}) {
    const job = await run('POST', '/v1/vms', vmBody(target, overrides));
    const vmId = job.target.id as string;
    const vm = await vmWhere(vmId, (v) => v.state === 'Off' && v.pendingJobId === null, 'to be Off');
    return { vmId, job, vm };
  }

  return { run, registerHost, createCluster, addNode, removeNode, clusterWhere, nodeOf, vmWhere, createVm };
}
