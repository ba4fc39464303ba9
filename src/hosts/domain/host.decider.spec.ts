import { describe, it } from 'node:test';
import { deciderSpec } from '../../../test/support/decider-spec';
import { hostDecider } from './host.decider';
import { HostEvent } from './host.events';
import { RegisterHost } from './host.commands';

const spec = deciderSpec(hostDecider);
const hostId = '7d3c0e57-4a52-4d7e-9a68-0f2b2a0c5a11';
const now = '2026-11-26T12:00:00.000Z';

const register = (overrides: Partial<RegisterHost['specification']> = {}): RegisterHost => ({
  type: 'RegisterHost',
  hostId,
  now,
  specification: {
    name: 'hv01',
    address: '10.0.0.11',
    osVersion: 'WS2016',
    slat: true,
    cpuVendor: 'Intel',
    logicalProcessors: 32,
    memoryMb: 262144,
    ...overrides,
  },
});

const registered = (overrides: Partial<HostEvent['data']> = {}): HostEvent => ({
  type: 'HostRegistered',
  data: {
    hostId,
    name: 'hv01',
    address: '10.0.0.11',
    osVersion: 'WS2016',
    slat: true,
    cpuVendor: 'Intel',
    logicalProcessors: 32,
    memoryMb: 262144,
    maximumLiveMigrations: 2,
    registeredAt: now,
    ...overrides,
  },
});

describe('host decider', () => {
  it('registers a host with two simultaneous live migrations by default', () => {
    spec.given([]).when(register()).then([registered()]);
  });

  it('keeps an explicit live migration limit', () => {
    spec
      .given([])
      .when(register({ maximumLiveMigrations: 8 }))
      .then([registered({ maximumLiveMigrations: 8 })]);
  });

  it('refuses a WS2016 host without SLAT', () => {
    spec
      .given([])
      .when(register({ slat: false }))
      .thenThrows('SLAT_REQUIRED');
  });

  for (const osVersion of ['WS2019', 'WS2022', 'WS2025'] as const) {
    it(`refuses a ${osVersion} host without SLAT`, () => {
      spec
        .given([])
        .when(register({ slat: false, osVersion }))
        .thenThrows('SLAT_REQUIRED');
    });
  }

  it('accepts a WS2012R2 host without SLAT', () => {
    spec
      .given([])
      .when(register({ slat: false, osVersion: 'WS2012R2' }))
      .then([registered({ slat: false, osVersion: 'WS2012R2' })]);
  });

  it('refuses to register the same host twice', () => {
    spec.given([registered()]).when(register()).thenThrows('HOST_ALREADY_REGISTERED');
  });
});
