import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'expect';
import { UpcasterRegistry } from '../event-store/upcasting';
import type { RecordedEvent } from '../event-store/event-store.port';
import { enable, op, replicating, run, stateOf, vmFacts } from '../../test/support/replication-builders';
import { replicationDecider } from './domain/replication.decider';
import type { ReplicationEvent } from './domain/replication.events';
import { REPLICATION_UPCASTERS } from './replication-upcasters';

/* Events stored before cycles were observed still load: v1 shapes upcast on read, cycle events folded. */
const fixture = (name: string) =>
  JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'src', 'replication', 'fixtures', name), 'utf8'));

const registry = new UpcasterRegistry(REPLICATION_UPCASTERS);
const recorded = (stored: { type: string; schemaVersion: number; data: Record<string, unknown> }, n: number) =>
  ({
    eventId: `e-${n}`,
    type: stored.type,
    schemaVersion: stored.schemaVersion,
    data: stored.data,
    metadata: {},
    streamId: 'replication-x',
    streamVersion: n,
    globalPosition: n,
    recordedAt: new Date(0),
  }) as unknown as RecordedEvent;
const upcast = (stored: { type: string; schemaVersion: number; data: Record<string, unknown> }) => {
  const { type, schemaVersion, data } = registry.upcast(recorded(stored, 1));
  return { type, schemaVersion, data };
};

describe('Replication events stored in older shapes', () => {
  for (const [file, version] of [
    ['replication-enabled.v1.json', 2],
    ['replication-planned-failed-over.v1.json', 2],
    ['replication-reversed.v1.json', 2],
  ] as const) {
    it(`lifts ${file} to v${version}: the full copy made no recovery point then`, () => {
      const stored = fixture(file);
      expect(upcast(stored)).toEqual({
        type: stored.type,
        schemaVersion: version,
        data: { ...stored.data, recoveryPoint: null },
      });
      expect(replicationDecider.schemaVersions?.[stored.type]).toBe(version);
    });
  }

  it('folds a relationship enabled and cycled before cycles were observed: its points, its failure and its miss', () => {
    const enabled = run([enable()]);
    const history = [
      ...enabled,
      upcast(fixture('replication-enabled.v1.json')),
      ...fixture('replication-cycles.v1.json').map(upcast),
    ] as ReplicationEvent[];
    const state = stateOf(history);
    expect(state.status).toBe('Replicating');
    expect(state.recoveryPoints.map((p) => p.id)).toEqual(['rp-1']);
    expect([state.consecutiveFailures, state.missingSince, state.health]).toEqual([1, '2026-11-26T12:16:00.000Z', 'Warning']);
    // A late outcome of an old cycle job changes nothing.
    expect(
      replicationDecider.decide(
        {
          type: 'CompleteReplicationOperation',
          jobId: 'job-cycle-2',
          sizeMb: 1,
          recoveryPointId: 'rp-x',
          now: '2026-11-26T12:20:00.000Z',
        },
        state,
      ),
    ).toEqual([]);
  });

  it('folds an upcast planned failover and reversal like new ones without their points', () => {
    const planned = run([op('PlannedFailover', 'job-planned', { vm: vmFacts({ power: 'Off' }) })], replicating());
    const state = stateOf([
      ...planned,
      upcast(fixture('replication-planned-failed-over.v1.json')) as unknown as ReplicationEvent,
    ]);
    expect([state.primaryHostId, state.replicaHostId, state.recoveryPoints]).toEqual(['host-2', 'host-1', []]);
  });
});
