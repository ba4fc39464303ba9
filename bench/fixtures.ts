import { randomUUID } from 'node:crypto';
import { EventMetadata, NewEvent } from '../src/event-store/event-store.port';

/** Metadata shaped like what the command handler writes for a REST command. */
export function commandMetadata(): EventMetadata {
  return {
    actor: 'bench-operator@fabric.local',
    role: 'fabric-admin',
    correlationId: randomUUID(),
    causationId: null,
    requestId: randomUUID(),
    idempotencyKey: null,
    commandId: randomUUID(),
  };
}

let hostCounter = 0;

/** A HostRegistered event as the hosts slice writes it, for stream `host-<hostId>`. */
export function hostRegistered(hostId: string, metadata: EventMetadata = commandMetadata()): NewEvent {
  const n = ++hostCounter;
  return {
    eventId: randomUUID(),
    type: 'HostRegistered',
    schemaVersion: 1,
    data: {
      hostId,
      name: `HV-RACK${String(n % 64).padStart(2, '0')}-NODE${String(n).padStart(6, '0')}`,
      address: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
      osVersion: 'WS2022',
      slat: true,
      cpuVendor: n % 3 === 0 ? 'AMD' : 'Intel',
      logicalProcessors: 64,
      memoryMb: 524288,
      maximumLiveMigrations: 2,
      registeredAt: new Date().toISOString(),
    },
    metadata,
  };
}

/** `count` HostRegistered events of one command (they share the metadata, as a real command's do). */
export function hostEvents(hostId: string, count: number): NewEvent[] {
  const metadata = commandMetadata();
  return Array.from({ length: count }, () => hostRegistered(hostId, metadata));
}

/** Stored size of one event's JSON, to show that the raw insert carries the same payload. */
export function payloadBytes(event: NewEvent): number {
  return Buffer.byteLength(JSON.stringify(event.data)) + Buffer.byteLength(JSON.stringify(event.metadata));
}
