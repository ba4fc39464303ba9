import { createFabricClient, FabricClient, FabricProblem } from '../../src/client';
import type { AuditEvent, components, Vm } from '../../src/client';
import { eventually, TEST_ADMIN_KEY, TestApp } from './test-app';

type Schemas = components['schemas'];

/** The typed client against a test app, with the admin key unless another is given. */
export function fabricClient(t: TestApp, apiKey: string = TEST_ADMIN_KEY): FabricClient {
  return createFabricClient({ baseUrl: t.baseUrl, apiKey });
}

/** The path parameters of a resource addressed by its id. */
export const byId = (id: string) => ({ params: { path: { id } } });

/** The VM once the read model shows it as `predicate` wants (a 404 while it is being created counts as not yet). */
export function vmWhere(fabric: FabricClient, vmId: string, predicate: (vm: Vm) => boolean, what: string, timeoutMs = 15000) {
  return eventually(
    async () => {
      try {
        const vm = await fabric.get('/v1/vms/{id}', byId(vmId));
        return predicate(vm) ? vm : undefined;
      } catch (error) {
        if (error instanceof FabricProblem && error.status === 404) return undefined;
        throw error;
      }
    },
    timeoutMs,
    `VM ${vmId} ${what}`,
  );
}

/** True once a read is refused as 404 (for `eventually`); undefined while the resource is still there. */
export async function notFound(read: Promise<unknown>): Promise<true | undefined> {
  try {
    await read;
    return undefined;
  } catch (error) {
    if (error instanceof FabricProblem && error.status === 404) return true;
    throw error;
  }
}

/** A resource's whole history, oldest first, every page of it. */
export async function historyOf(fabric: FabricClient, kind: string, id: string): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  for await (const event of fabric.paginate('/v1/{kind}/{id}/history', { params: { path: { kind, id }, query: { limit: 500 } } })) {
    events.push(event);
  }
  return events;
}

/** Every recorded event of these types (comma-separated), oldest first. */
export async function eventsOf(fabric: FabricClient, type: string): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  for await (const event of fabric.paginate('/v1/events', { params: { query: { type, limit: 500 } } })) events.push(event);
  return events;
}

/** The simulated host's own view of a VM (what Get-VM would show), or undefined if no host has it. */
export async function simulatedVm(fabric: FabricClient, vmId: string): Promise<Schemas['SimVmDto'] | undefined> {
  const fleet = await fabric.get('/v1/simulator');
  return fleet.hosts.flatMap((h) => h.vms).find((v) => v.vmId === vmId);
}

/** The problem a request was refused with; fails when it was not refused. */
export async function refusal(request: Promise<unknown>): Promise<FabricProblem> {
  try {
    await request;
  } catch (error) {
    if (error instanceof FabricProblem) return error;
    throw error;
  }
  throw new Error('the request was not refused');
}

let hosts = 0;

/** A host registration: a WS2016 Intel host with SLAT and 64 GB, named uniquely unless told. */
export function hostBody(overrides: Partial<Schemas['RegisterHostDto']> = {}): Schemas['RegisterHostDto'] {
  hosts += 1;
  return {
    name: `hv-${hosts.toString().padStart(2, '0')}`,
    address: `10.0.0.${10 + (hosts % 200)}`,
    osVersion: 'WS2016',
    slat: true,
    cpuVendor: 'Intel',
    logicalProcessors: 16,
    memoryMb: 65536,
    ...overrides,
  } as Schemas['RegisterHostDto'];
}

/** A Generation 2 Windows VM with 4 GB, one adapter and one disk. */
export function vmBody(placement: { hostId: string } | { clusterId: string }, overrides: Partial<Schemas['CreateVmDto']> = {}) {
  return {
    name: 'web01',
    tenant: 'contoso',
    ...placement,
    generation: 2,
    guestOs: { family: 'windows', version: '2016' },
    memory: { startupMb: 4096 },
    processorCount: 2,
    networkAdapters: [{ name: 'Frontend', switchName: 'External' }],
    disks: [{ name: 'os', sizeGb: 60 }],
    ...overrides,
  } as Schemas['CreateVmDto'];
}
