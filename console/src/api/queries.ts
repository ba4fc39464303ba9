import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { FabricProblem } from 'fabric-client';
import { useSession } from '../session';
import { fresh } from './fabric';
import { Cluster, FabricEvent, Job, Replication, RollingUpgrade, refined, Vm } from './types';

/** Every item of a list, up to `maxItems` (the client pages with `nextCursor`). */
async function collect<T>(items: AsyncIterable<T>, maxItems = 5000): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) {
    all.push(item);
    if (all.length >= maxItems) break;
  }
  return all;
}

/** Clusters and hosts; a vm-operator sees them only as ids, so its pages do without them. */
export function useClusters(enabled = true) {
  const { client } = useSession();
  return useQuery({
    queryKey: ['clusters'],
    queryFn: async () =>
      refined<Cluster[]>(await collect(client.paginate('/v1/clusters', { params: { query: { limit: 500 } }, ...fresh() }))),
    enabled,
  });
}

export function useCluster(id: string | undefined) {
  const { client } = useSession();
  return useQuery({
    queryKey: ['cluster', id],
    queryFn: async () => refined<Cluster>(await client.get('/v1/clusters/{id}', { params: { path: { id: id! } }, ...fresh() })),
    enabled: !!id,
  });
}

export function useHosts(enabled = true) {
  const { client } = useSession();
  return useQuery({
    queryKey: ['hosts'],
    queryFn: () => collect(client.paginate('/v1/hosts', { params: { query: { limit: 500 } }, ...fresh() })),
    enabled,
  });
}

export interface VmFilter {
  state?: Vm['state'];
  heartbeat?: Vm['heartbeat'];
  configVersion?: string;
  generation?: 1 | 2;
  hostId?: string;
  clusterId?: string;
  tenant?: string;
}

export const VM_PAGE_SIZE = 200;

/** Server-side filtering and paging: the list loads a page as it is scrolled to. */
export function useVmPages(filter: VmFilter) {
  const { client } = useSession();
  return useInfiniteQuery({
    queryKey: ['vms', 'pages', filter],
    queryFn: async ({ pageParam }) => {
      const page = await client.get('/v1/vms', {
        params: { query: { ...filter, limit: VM_PAGE_SIZE, cursor: pageParam } },
        ...fresh(),
      });
      return { items: refined<Vm[]>(page.items), nextCursor: page.nextCursor };
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useVms(filter: VmFilter, enabled = true, maxItems = 2000) {
  const { client } = useSession();
  return useQuery({
    queryKey: ['vms', 'all', filter, maxItems],
    queryFn: async () =>
      refined<Vm[]>(
        await collect(client.paginate('/v1/vms', { params: { query: { ...filter, limit: 500 } }, ...fresh() }), maxItems),
      ),
    enabled,
  });
}

/** A VM now, or as it was right after the event at `atPosition`. */
export function useVm(id: string, atPosition?: number) {
  const { client } = useSession();
  return useQuery({
    queryKey: atPosition ? ['vm-as-of', id, atPosition] : ['vm', id],
    queryFn: async () =>
      refined<Vm>(
        await client.get('/v1/vms/{id}', { params: { path: { id }, query: atPosition ? { atPosition } : {} }, ...fresh() }),
      ),
    // The past does not change.
    staleTime: atPosition ? Infinity : undefined,
  });
}

export function useCheckpoints(vmId: string) {
  const { client } = useSession();
  return useQuery({
    queryKey: ['vm', vmId, 'checkpoints'],
    queryFn: () => client.get('/v1/vms/{id}/checkpoints', { params: { path: { id: vmId } }, ...fresh() }),
  });
}

/** The VM's replication, or null when it is not replicated. */
export function useReplication(vmId: string) {
  const { client } = useSession();
  return useQuery({
    queryKey: ['vm', vmId, 'replication'],
    queryFn: async () => {
      try {
        return refined<Replication>(await client.get('/v1/vms/{id}/replication', { params: { path: { id: vmId } }, ...fresh() }));
      } catch (error) {
        if (error instanceof FabricProblem && error.status === 404) return null;
        throw error;
      }
    },
  });
}

export function useVmHistory(vmId: string) {
  const { client } = useSession();
  return useQuery({
    queryKey: ['vm', vmId, 'history'],
    queryFn: (): Promise<FabricEvent[]> =>
      collect(
        client.paginate('/v1/{kind}/{id}/history', {
          params: { path: { kind: 'vms', id: vmId }, query: { limit: 500 } },
          ...fresh(),
        }),
      ),
  });
}

export function useJobs(filter: { status?: Job['status']; kind?: string }, limit = 100) {
  const { client } = useSession();
  return useQuery({
    queryKey: ['jobs', filter, limit],
    queryFn: () => client.get('/v1/jobs', { params: { query: { ...filter, limit } }, ...fresh() }),
  });
}

export function useJob(id: string | null | undefined) {
  const { client } = useSession();
  return useQuery({
    queryKey: ['job', id],
    queryFn: () => client.get('/v1/jobs/{id}', { params: { path: { id: id! } }, ...fresh() }),
    enabled: !!id,
  });
}

export function useUpgrades() {
  const { client } = useSession();
  return useQuery({
    queryKey: ['upgrades'],
    queryFn: async () =>
      refined<RollingUpgrade[]>(
        await collect(client.paginate('/v1/rolling-upgrades', { params: { query: { limit: 500 } }, ...fresh() })),
      ),
  });
}

export function useUpgrade(id: string) {
  const { client } = useSession();
  return useQuery({
    queryKey: ['upgrade', id],
    queryFn: async () =>
      refined<RollingUpgrade>(await client.get('/v1/rolling-upgrades/{id}', { params: { path: { id } }, ...fresh() })),
  });
}
