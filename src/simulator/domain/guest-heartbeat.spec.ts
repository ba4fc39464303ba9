import { describe, it } from 'node:test';
import { expect } from 'expect';
import { GUEST_APPLICATION_SHARES, guestApplicationStatus, runningGuestHeartbeat } from './guest-heartbeat';

describe('guest heartbeat model', () => {
  it('gives a VM the same application status for the same seed, every time', () => {
    const key = { seed: 7, vmId: '0b8a3a52-8f8f-4c8e-9d1e-1f2a3b4c5d6e' };
    const first = guestApplicationStatus(key);
    for (let i = 0; i < 10; i++) expect(guestApplicationStatus({ ...key })).toBe(first);
  });

  it('reports about 70 % healthy, 25 % unknown and 5 % critical over 1,000 VMs', () => {
    const counts = { OkApplicationsHealthy: 0, OkApplicationsUnknown: 0, OkApplicationsCritical: 0 };
    for (let i = 0; i < 1000; i++) counts[guestApplicationStatus({ seed: 42, vmId: `vm-${i}` })]++;
    expect(counts.OkApplicationsUnknown).toBeGreaterThanOrEqual(150);
    expect(counts.OkApplicationsUnknown).toBeLessThanOrEqual(350);
    expect(counts.OkApplicationsHealthy).toBeGreaterThanOrEqual(600);
    expect(counts.OkApplicationsHealthy).toBeLessThanOrEqual(800);
    expect(counts.OkApplicationsCritical).toBeGreaterThan(0);
    expect(counts.OkApplicationsCritical).toBeLessThanOrEqual(100);
  });

  it('draws independently of the memory demand and differently for another seed', () => {
    const statuses = (seed: number) => Array.from({ length: 100 }, (_, i) => guestApplicationStatus({ seed, vmId: `vm-${i}` }));
    expect(statuses(1)).not.toEqual(statuses(2));
  });

  it('has shares that add up to one', () => {
    expect(GUEST_APPLICATION_SHARES.reduce((sum, [, share]) => sum + share, 0)).toBeCloseTo(1, 10);
  });

  it('reports Disabled when the Heartbeat service is turned off, else the application status', () => {
    const key = { seed: 3, vmId: 'vm-1' };
    expect(runningGuestHeartbeat(key, false)).toBe('Disabled');
    expect(runningGuestHeartbeat(key, true)).toBe(guestApplicationStatus(key));
  });
});
