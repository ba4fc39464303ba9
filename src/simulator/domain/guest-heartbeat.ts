/**
 * What a running guest's Heartbeat integration service reports about its applications. Pure and
 * deterministic like the memory demand: fixed per simulator seed and VM, so a re-delivered job
 * reports the same status and a demo fleet has the same unhealthy VMs every time.
 */
import type { GuestHeartbeat } from '../../jobs/domain/hypervisor-driver.port';
import { seededRandom } from './latency-model';

export type GuestApplicationStatus = Extract<
  GuestHeartbeat,
  'OkApplicationsHealthy' | 'OkApplicationsUnknown' | 'OkApplicationsCritical'
>;

/**
 * Most guests report healthy applications; a quarter run no application health reporting (no
 * agent answers, "Unknown"); a few report a critical application. The shares add up to 1.
 */
export const GUEST_APPLICATION_SHARES: ReadonlyArray<readonly [GuestApplicationStatus, number]> = [
  ['OkApplicationsHealthy', 0.7],
  ['OkApplicationsUnknown', 0.25],
  ['OkApplicationsCritical', 0.05],
];

export function guestApplicationStatus(key: { seed: number; vmId: string }): GuestApplicationStatus {
  const draw = seededRandom(key.seed, `heartbeat:${key.vmId}`)();
  let bound = 0;
  for (const [status, share] of GUEST_APPLICATION_SHARES) {
    bound += share;
    if (draw < bound) return status;
  }
  // Only reachable through rounding of the shares' sum.
  return GUEST_APPLICATION_SHARES[GUEST_APPLICATION_SHARES.length - 1][0];
}

/** The heartbeat a running guest reports: Disabled when the Heartbeat service is turned off on the VM. */
export function runningGuestHeartbeat(key: { seed: number; vmId: string }, heartbeatServiceEnabled: boolean): GuestHeartbeat {
  return heartbeatServiceEnabled ? guestApplicationStatus(key) : 'Disabled';
}
