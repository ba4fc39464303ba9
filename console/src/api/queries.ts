import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useSession } from '../session';
import { Query } from './http';
import {
  CheckpointTree,
  Cluster,
  FabricEvent,
  Host,
  Job,
  Page,
  Replication,
  RollingUpgrade,
  Vm,
} from './types';

/** Every page of a list, for the small lists (clusters, hosts, upgrades) a fabric has tens of. */
async function allPages<T>(load: (cursor?: string) => Promise<Page<T>>, maxItems = 5000): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await load(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < maxItems);
  return items;
}

/** Clusters and hosts; a vm-operator sees them only as ids, so its pages do without them. */
export function useClusters(enabled = true) {
  const { http } = useSession();
  return useQuery({
    queryKey: ['clusters'],
    queryFn: () => allPages((cursor) => http.get<Page<Cluster>>('/v1/clusters', { limit: 500, cursor })),
    enabled,
  });
}

export function useCluster(id: string | undefined) {
  const { http } = useSession();
  return useQuery({
    queryKey: ['cluster', id],
    queryFn: () => http.get<Cluster>(`/v1/clusters/${id}`),
    enabled: !!id,
  });
}

export function useHosts(enabled = true) {
  const { http } = useSession();
  return useQuery({
    queryKey: ['hosts'],
    queryFn: () => allPages((cursor) => http.get<Page<Host>>('/v1/hosts', { limit: 500, cursor })),
    enabled,
  });
}

export type VmFilter = Partial<Record<'state' | 'heartbeat' | 'configVersion' | 'generation' | 'hostId' | 'clusterId' | 'tenant', string>>;

export const VM_PAGE_SIZE = 200;

/** Server-side filtering and paging: the list loads a page as it is scrolled to. */
export function useVmPages(filter: VmFilter) {
  const { http } = useSession();
  return useInfiniteQuery({
    queryKey: ['vms', 'pages', filter],
    queryFn: ({ pageParam }) => http.get<Page<Vm>>('/v1/vms', { ...filter, limit: VM_PAGE_SIZE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useVms(filter: VmFilter, enabled = true, maxItems = 2000) {
  const { http } = useSession();
  return useQuery({
    queryKey: ['vms', 'all', filter, maxItems],
    queryFn: () => allPages((cursor) => http.get<Page<Vm>>('/v1/vms', { ...filter, limit: 500, cursor }), maxItems),
    enabled,
  });
}

export function useVm(id: string, at?: { atPosition?: number }) {
  const { http } = useSession();
  return useQuery({
    queryKey: at?.atPosition ? ['vm-as-of', id, at.atPosition] : ['vm', id],
    queryFn: () => http.get<Vm>(`/v1/vms/${id}`, at?.atPosition ? { atPosition: at.atPosition } : undefined),
    staleTime: at?.atPosition ? Infinity : undefined,
  });
}

export function useCheckpoints(vmId: string) {
  const { http } = useSession();
  return useQuery({ queryKey: ['vm', vmId, 'checkpoints'], queryFn: () => http.get<CheckpointTree>(`/v1/vms/${vmId}/checkpoints`) });
}

export function useReplication(vmId: string) {
  const { http } = useSession();
  return useQuery({
    queryKey: ['vm', vmId, 'replication'],
    queryFn: async () => {
      try {
        return await http.get<Replication>(`/v1/vms/${vmId}/replication`);
      } catch (error) {
        if ((error as { status?: number }).status === 404) return null;
        throw error;
      }
    },
  });
}

export function useHistory(kind: 'vms' | 'hosts' | 'clusters' | 'rolling-upgrades', id: string) {
  const { http } = useSession();
  return useQuery({
    queryKey: [kind === 'vms' ? 'vm' : kind, id, 'history'],
    queryFn: () => allPages((cursor) => http.get<Page<FabricEvent>>(`/v1/${kind}/${id}/history`, { limit: 500, cursor })),
  });
}

export function useJobs(filter: Query, limit = 100) {
  const { http } = useSession();
  return useQuery({
    queryKey: ['jobs', filter, limit],
    queryFn: () => http.get<Page<Job>>('/v1/jobs', { ...filter, limit }),
  });
}

export function useJob(id: string | null | undefined) {
  const { http } = useSession();
  return useQuery({ queryKey: ['job', id], queryFn: () => http.get<Job>(`/v1/jobs/${id}`), enabled: !!id });
}

export function useUpgrades() {
  const { http } = useSession();
  return useQuery({
    queryKey: ['upgrades'],
    queryFn: () => allPages((cursor) => http.get<Page<RollingUpgrade>>('/v1/rolling-upgrades', { limit: 500, cursor })),
  });
}

export function useUpgrade(id: string) {
  const { http } = useSession();
  return useQuery({ queryKey: ['upgrade', id], queryFn: () => http.get<RollingUpgrade>(`/v1/rolling-upgrades/${id}`) });
}
