import { QueryClient, QueryKey } from '@tanstack/react-query';
import { FabricEvent } from './types';
import { livePosition } from './fabric';

/** Which cached reads an event makes stale, by the stream it was written to. */
export function queriesChangedBy(event: FabricEvent): QueryKey[] {
  const match = /^(vm|job|cluster|host|rolling-upgrade|replication)-(.+)$/.exec(event.streamId);
  if (!match) return [];
  const [, kind, id] = match;
  switch (kind) {
    case 'vm':
      return [['vm', id], ['vms'], ['clusters'], ['cluster'], ['hosts'], ['overview']];
    case 'job':
      return [['job', id], ['jobs'], ['overview']];
    case 'cluster':
      return [['cluster', id], ['clusters'], ['hosts'], ['overview']];
    case 'host':
      return [['hosts'], ['clusters'], ['cluster'], ['overview']];
    case 'rolling-upgrade':
      return [['upgrade', id], ['upgrades'], ['overview']];
    case 'replication':
      return [['vm', id, 'replication'], ['overview']];
    default:
      return [];
  }
}

/** Applies a batch of events: one invalidation per affected read. */
export function applyEvents(queryClient: QueryClient, events: FabricEvent[]): void {
  const keys = new Map<string, QueryKey>();
  for (const event of events) {
    livePosition.value = Math.max(livePosition.value, event.globalPosition);
    for (const key of queriesChangedBy(event)) keys.set(JSON.stringify(key), key);
  }
  for (const key of keys.values()) void queryClient.invalidateQueries({ queryKey: key });
}
