import type { Upcaster } from '../event-store/upcasting';

/**
 * v1 → v2 of the events that now carry the recovery point their full copy makes. A v1 relationship
 * made its points in its (recorded) cycles: none came from the copy.
 */
export const REPLICATION_UPCASTERS: readonly Upcaster[] = [
  'ReplicationEnabled',
  'ReplicationPlannedFailedOver',
  'ReplicationReversed',
].map((type) => ({ type, fromSchemaVersion: 1, upcast: (data) => ({ ...data, recoveryPoint: null }) }));
