import { MIXED_MODE_WARNING_MS } from './cluster.events';

/**
 * Mixed mode is meant to last for the rolling upgrade only: after four weeks the cluster carries
 * a warning until its functional level is raised (or its newer nodes leave).
 */
export function mixedModeWarning(cluster: { mixedMode: boolean; mixedModeSince: string | null }, now: Date): string | null {
  if (!cluster.mixedMode || !cluster.mixedModeSince) return null;
  if (now.getTime() - Date.parse(cluster.mixedModeSince) <= MIXED_MODE_WARNING_MS) return null;
  return `The cluster has been in mixed mode since ${cluster.mixedModeSince} (over 4 weeks): finish the upgrade and raise the functional level`;
}
