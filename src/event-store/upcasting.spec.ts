import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { expect } from 'expect';
import { RecordedEvent } from './event-store.port';
import { Upcaster, UpcasterRegistry } from './upcasting';

/**
 * Old event shapes are upcast on read by pure functions, tested against stored JSON fixtures.
 * tsc does not copy JSON into dist, so the fixture is read from the source tree.
 */
const FIXTURES = path.resolve(__dirname, '../../../src/event-store/fixtures');

function loadFixture(name: string): RecordedEvent {
  const raw = JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as RecordedEvent & { recordedAt: string };
  return { ...raw, recordedAt: new Date(raw.recordedAt) };
}

/** HostRegistered v1 → v2: flat, explicitly named fields; memory in MB. */
const hostRegisteredV1toV2: Upcaster = {
  type: 'HostRegistered',
  fromSchemaVersion: 1,
  upcast: (data) => {
    const { hostname, ip, memoryGb, cpu, ...rest } = data as {
      hostname: string;
      ip: string;
      memoryGb: number;
      cpu: { vendor: string; logicalProcessors: number; slat: boolean };
    } & Record<string, unknown>;
    return {
      ...rest,
      name: hostname,
      address: ip,
      cpuVendor: cpu.vendor === 'intel' ? 'Intel' : cpu.vendor === 'amd' ? 'AMD' : cpu.vendor,
      logicalProcessors: cpu.logicalProcessors,
      slat: cpu.slat,
      memoryMb: memoryGb * 1024,
    };
  },
};

/** HostRegistered v2 → v3: Windows Server release names, and the live migration limit (default 2). */
const hostRegisteredV2toV3: Upcaster = {
  type: 'HostRegistered',
  fromSchemaVersion: 2,
  upcast: (data) => {
    const { os, ...rest } = data as { os: string } & Record<string, unknown>;
    return { ...rest, osVersion: `WS${os}`, maximumLiveMigrations: 2 };
  },
};

/** Counts the calls of each upcaster, to show which steps of the chain ran. */
function counted(upcaster: Upcaster): Upcaster & { calls: number } {
  const wrapped = {
    ...upcaster,
    calls: 0,
    upcast: (data: Record<string, unknown>) => {
      wrapped.calls++;
      return upcaster.upcast(data);
    },
  };
  return wrapped;
}

const CURRENT_HOST_REGISTERED = {
  hostId: '7d3c0e57-4a52-4d7e-9a68-0f2b2a0c5a11',
  name: 'hv01',
  address: '10.0.0.11',
  osVersion: 'WS2016',
  slat: true,
  cpuVendor: 'Intel',
  logicalProcessors: 32,
  memoryMb: 262144,
  maximumLiveMigrations: 2,
  registeredAt: '2026-11-26T12:00:00.000Z',
};

describe('UpcasterRegistry', () => {
  it('upcasts the stored v1 HostRegistered fixture through v1→v2→v3 to the current shape', () => {
    const v1 = loadFixture('host-registered.v1.json');
    expect(v1.schemaVersion).toBe(1);
    const first = counted(hostRegisteredV1toV2);
    const second = counted(hostRegisteredV2toV3);
    const registry = new UpcasterRegistry([first, second]);

    const current = registry.upcast(v1);

    expect(current.schemaVersion).toBe(3);
    expect(current.data).toEqual(CURRENT_HOST_REGISTERED);
    expect([first.calls, second.calls]).toEqual([1, 1]);
    // Only the shape changes: the envelope is the stored one.
    const { data: _newData, schemaVersion: _newVersion, ...envelope } = current;
    const { data: _oldData, schemaVersion: _oldVersion, ...storedEnvelope } = v1;
    expect(envelope).toEqual(storedEnvelope);
    expect(current.recordedAt.toISOString()).toBe('2026-11-26T12:00:00.123Z');
  });

  it('never changes the stored event it reads', () => {
    const stored = loadFixture('host-registered.v1.json');
    const registry = new UpcasterRegistry([hostRegisteredV1toV2, hostRegisteredV2toV3]);
    const once = registry.upcast(stored);
    const twice = registry.upcast(stored);

    expect(stored).toEqual(loadFixture('host-registered.v1.json'));
    expect(once).not.toBe(stored);
    expect(twice).toEqual(once);
    // Upcasting an already upcast event is a no-op.
    expect(registry.upcast(once)).toBe(once);
  });

  it('starts the chain at the stored version: a v2 event only runs v2→v3', () => {
    const v1 = loadFixture('host-registered.v1.json');
    const v2: RecordedEvent = { ...v1, schemaVersion: 2, data: hostRegisteredV1toV2.upcast(v1.data) };
    const first = counted(hostRegisteredV1toV2);
    const second = counted(hostRegisteredV2toV3);
    const current = new UpcasterRegistry([first, second]).upcast(v2);

    expect(current.schemaVersion).toBe(3);
    expect(current.data).toEqual(CURRENT_HOST_REGISTERED);
    expect([first.calls, second.calls]).toEqual([0, 1]);
  });

  it('passes events that are already current, or of other types, through unchanged', () => {
    const v1 = loadFixture('host-registered.v1.json');
    const first = counted(hostRegisteredV1toV2);
    const second = counted(hostRegisteredV2toV3);
    const registry = new UpcasterRegistry([first, second]);

    const current: RecordedEvent = { ...v1, schemaVersion: 3, data: { ...CURRENT_HOST_REGISTERED } };
    const otherType: RecordedEvent = { ...v1, type: 'HostDecommissioned', data: { hostId: v1.data.hostId } };
    const unknownVersion: RecordedEvent = { ...v1, schemaVersion: 7 };

    expect(registry.upcast(current)).toBe(current);
    expect(registry.upcast(otherType)).toBe(otherType);
    expect(registry.upcast(unknownVersion)).toBe(unknownVersion);
    expect(new UpcasterRegistry().upcast(v1)).toBe(v1);
    expect([first.calls, second.calls]).toEqual([0, 0]);
  });

  it('does not depend on the order in which upcasters are registered', () => {
    const v1 = loadFixture('host-registered.v1.json');
    const forward = new UpcasterRegistry([hostRegisteredV1toV2, hostRegisteredV2toV3]).upcast(v1);
    const backward = new UpcasterRegistry([hostRegisteredV2toV3, hostRegisteredV1toV2]).upcast(v1);
    expect(backward).toEqual(forward);
  });

  it('stops where the chain has a gap', () => {
    const v1 = loadFixture('host-registered.v1.json');
    const v3toV4: Upcaster = { type: 'HostRegistered', fromSchemaVersion: 3, upcast: (data) => ({ ...data, v4: true }) };
    const upcast = new UpcasterRegistry([hostRegisteredV1toV2, v3toV4]).upcast(v1);
    expect(upcast.schemaVersion).toBe(2);
    expect(upcast.data).toEqual(hostRegisteredV1toV2.upcast(v1.data));
  });

  it('refuses two upcasters for the same type and version', () => {
    const rival: Upcaster = { type: 'HostRegistered', fromSchemaVersion: 1, upcast: (data) => data };
    expect(() => new UpcasterRegistry([hostRegisteredV1toV2, rival])).toThrow(/Two upcasters for HostRegistered v1/);

    const registry = new UpcasterRegistry([hostRegisteredV1toV2, hostRegisteredV2toV3]);
    expect(() => registry.register(rival)).toThrow(/Two upcasters for HostRegistered v1/);
    // The refused one did not replace the registered one.
    expect(registry.upcast(loadFixture('host-registered.v1.json')).data).toEqual(CURRENT_HOST_REGISTERED);

    // The same version of another type is fine.
    expect(() => registry.register({ ...rival, type: 'HostRenamed' })).not.toThrow();
  });
});
