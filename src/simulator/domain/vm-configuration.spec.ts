import { describe, it } from 'node:test';
import { expect } from 'expect';
import type { CheckpointRef, HostRef, VmRef } from '../../jobs/domain/hypervisor-driver.port';
import {
  ConfigurationChange,
  ConfigurationContext,
  configure,
  heartbeatServiceEnabled,
  initialConfiguration,
  MAX_CHECKPOINTS,
  SimVmConfiguration,
  SimVmOperation,
} from './vm-configuration';

const host: HostRef = { hostId: 'h1', name: 'hv01', osVersion: 'WS2016', memoryMb: 65536 };
const vmRef = (overrides: Partial<VmRef> = {}): VmRef => ({
  vmId: 'v1',
  name: 'web01',
  generation: 2,
  configVersion: '8.0',
  memoryMb: 4096,
  processorCount: 2,
  ...overrides,
});
const off: ConfigurationContext = { state: 'Off', memoryDemandMb: 0, hostOsVersion: 'WS2016' };
const running = (memoryDemandMb = 2000): ConfigurationContext => ({ state: 'Running', memoryDemandMb, hostOsVersion: 'WS2016' });
const checkpoint = (checkpointId: string, overrides: Partial<CheckpointRef> = {}): CheckpointRef => ({
  checkpointId,
  name: `cp-${checkpointId}`,
  kind: 'Production',
  includesState: false,
  ...overrides,
});

/** The operation for a VM, with the host and VM references filled in. */
const op = (operation: DistributiveOmit<SimVmOperation, 'host' | 'vm'>, vm: VmRef = vmRef()): SimVmOperation =>
  ({ ...operation, host, vm }) as SimVmOperation;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function next(change: ConfigurationChange): SimVmConfiguration {
  if (change.outcome !== 'ok') throw new Error(`expected the change to be made, but: ${change.reason}`);
  return change.next;
}

/** Runs the operations in turn from a new VM's configuration. */
function after(operations: SimVmOperation[], context = off, start = initialConfiguration(vmRef())): SimVmConfiguration {
  return operations.reduce((config, operation) => next(configure(config, operation, context)), start);
}

/** Applying the operation to the configuration it produced changes nothing. */
function expectIdempotent(config: SimVmConfiguration, operation: SimVmOperation, context = off): void {
  const first = next(configure(config, operation, context));
  expect(configure(first, operation, context)).toMatchObject({ outcome: 'ok', next: first, changed: false });
}

describe('simulated VM configuration', () => {
  it('starts as New-VM leaves it: Secure Boot with the Windows template on Generation 2, Guest Service Interface off', () => {
    expect(initialConfiguration(vmRef())).toEqual({
      generation: 2,
      configVersion: '8.0',
      memoryMb: 4096,
      dynamicMemory: null,
      processorCount: 2,
      compatibilityForMigration: false,
      secureBoot: true,
      secureBootTemplate: 'MicrosoftWindows',
      adapters: [],
      disks: [],
      checkpoints: [],
      currentCheckpointId: null,
      integrationServicesVersion: null,
      disabledIntegrationServices: ['GuestServiceInterface'],
      exposeVirtualizationExtensions: false,
      checkpointType: 'Production',
    });
    expect(initialConfiguration(vmRef({ generation: 1 }))).toMatchObject({ secureBoot: null, secureBootTemplate: null });
  });

  it('leaves the configuration alone for the power operations', () => {
    const config = initialConfiguration(vmRef());
    for (const kind of ['create-vm', 'start-vm', 'save-vm', 'pause-vm', 'resume-vm', 'delete-vm'] as const) {
      expect(configure(config, op({ kind }), off)).toEqual({ outcome: 'ok', next: config, changed: false, details: {} });
    }
  });

  describe('upgrade-vm-version', () => {
    it('moves to the target version and makes online checkpoints offline, naming them', () => {
      const start = initialConfiguration(vmRef({ configVersion: '5.0' }));
      const withCheckpoints = after(
        [
          op({ kind: 'create-checkpoint', checkpoint: checkpoint('c1', { kind: 'Standard', includesState: true }) }),
          op({ kind: 'create-checkpoint', checkpoint: checkpoint('c2', { kind: 'Standard', includesState: false }) }),
        ],
        off,
        start,
      );
      const change = configure(withCheckpoints, op({ kind: 'upgrade-vm-version', targetVersion: '8.0' }), off);
      expect(change).toMatchObject({
        outcome: 'ok',
        changed: true,
        details: { configVersion: '8.0', previousConfigVersion: '5.0', checkpointsMadeOffline: ['c1'] },
      });
      expect(next(change).configVersion).toBe('8.0');
      expect(next(change).checkpoints.map((c) => [c.checkpointId, c.includesState])).toEqual([
        ['c1', false],
        ['c2', false],
      ]);
      expectIdempotent(withCheckpoints, op({ kind: 'upgrade-vm-version', targetVersion: '8.0' }));
    });

    it('refuses to go down a version, or to one the host OS does not run', () => {
      const config = initialConfiguration(vmRef({ configVersion: '8.0' }));
      expect(configure(config, op({ kind: 'upgrade-vm-version', targetVersion: '7.1' }), off)).toMatchObject({
        outcome: 'refused',
        reason: expect.stringContaining('only goes up'),
      });
      expect(configure(config, op({ kind: 'upgrade-vm-version', targetVersion: '9.0' }), off)).toMatchObject({
        outcome: 'refused',
        reason: 'a WS2016 host does not run configuration version 9.0',
      });
    });
  });

  describe('set-vm-firmware', () => {
    it('sets Secure Boot and its template on Generation 2', () => {
      const firmware = op({ kind: 'set-vm-firmware', secureBoot: true, secureBootTemplate: 'MicrosoftUEFICertificateAuthority' });
      expect(after([firmware])).toMatchObject({ secureBoot: true, secureBootTemplate: 'MicrosoftUEFICertificateAuthority' });
      expect(after([op({ kind: 'set-vm-firmware', secureBoot: false, secureBootTemplate: 'MicrosoftWindows' })])).toMatchObject({
        secureBoot: false,
      });
      expectIdempotent(initialConfiguration(vmRef()), firmware);
    });

    it('refuses Generation 1, whose BIOS has no Secure Boot', () => {
      const gen1 = initialConfiguration(vmRef({ generation: 1 }));
      expect(
        configure(gen1, op({ kind: 'set-vm-firmware', secureBoot: true, secureBootTemplate: 'MicrosoftWindows' }), off),
      ).toMatchObject({ outcome: 'refused', reason: expect.stringContaining('Generation 1') });
    });
  });

  describe('network adapters', () => {
    const storage = { id: 'a1', name: 'Storage', switchName: 'SAN' };

    it('adds an adapter once however often the addition runs, and removes it once', () => {
      const added = after([op({ kind: 'add-network-adapter', adapter: storage })]);
      expect(added.adapters).toEqual([storage]);
      expectIdempotent(initialConfiguration(vmRef()), op({ kind: 'add-network-adapter', adapter: storage }));
      const removed = next(configure(added, op({ kind: 'remove-network-adapter', adapter: storage }), off));
      expect(removed.adapters).toEqual([]);
      expectIdempotent(added, op({ kind: 'remove-network-adapter', adapter: storage }));
    });

    it('hot-adds to a running Generation 2 VM of version 6.2 or later', () => {
      expect(
        next(configure(initialConfiguration(vmRef()), op({ kind: 'add-network-adapter', adapter: storage }), running())).adapters,
      ).toEqual([storage]);
    });

    it('refuses a hot add or remove on Generation 1 or below version 6.2', () => {
      for (const vm of [vmRef({ generation: 1 }), vmRef({ configVersion: '5.0' })]) {
        const config = initialConfiguration(vm);
        for (const kind of ['add-network-adapter', 'remove-network-adapter'] as const) {
          expect(configure(config, op({ kind, adapter: storage }), running())).toMatchObject({
            outcome: 'refused',
            reason: expect.stringContaining('turn it off first'),
          });
          expect(configure(config, op({ kind, adapter: storage }), off)).toMatchObject({ outcome: 'ok' });
        }
      }
    });
  });

  describe('set-vm-memory', () => {
    const dynamic = { minimumMb: 512, maximumMb: 8192, bufferPercent: 20 };

    it('sets static or dynamic memory while Off', () => {
      expect(after([op({ kind: 'set-vm-memory', memory: { startupMb: 8192, dynamic: null } })])).toMatchObject({
        memoryMb: 8192,
        dynamicMemory: null,
      });
      const dynamicOp = op({ kind: 'set-vm-memory', memory: { startupMb: 2048, dynamic } });
      expect(after([dynamicOp])).toMatchObject({ memoryMb: 2048, dynamicMemory: dynamic });
      expectIdempotent(initialConfiguration(vmRef()), dynamicOp);
    });

    it('resizes static memory while running, but not below what the guest uses', () => {
      const config = initialConfiguration(vmRef({ memoryMb: 4096 }));
      expect(
        next(configure(config, op({ kind: 'set-vm-memory', memory: { startupMb: 3000, dynamic: null } }), running(3000)))
          .memoryMb,
      ).toBe(3000);
      expect(
        configure(config, op({ kind: 'set-vm-memory', memory: { startupMb: 2999, dynamic: null } }), running(3000)),
      ).toMatchObject({
        outcome: 'refused',
        reason: expect.stringContaining('uses 3000 MB'),
      });
      expectIdempotent(config, op({ kind: 'set-vm-memory', memory: { startupMb: 8192, dynamic: null } }), running());
    });

    it('refuses a runtime resize below version 6.2, and switching static and dynamic while running', () => {
      const old = initialConfiguration(vmRef({ configVersion: '5.0' }));
      expect(configure(old, op({ kind: 'set-vm-memory', memory: { startupMb: 8192, dynamic: null } }), running())).toMatchObject({
        outcome: 'refused',
        reason: expect.stringContaining('6.2'),
      });
      const config = initialConfiguration(vmRef());
      expect(configure(config, op({ kind: 'set-vm-memory', memory: { startupMb: 4096, dynamic } }), running())).toMatchObject({
        outcome: 'refused',
        reason: expect.stringContaining('static and dynamic'),
      });
    });

    it('only raises the maximum or lowers the minimum of dynamic memory while running', () => {
      const config = after([op({ kind: 'set-vm-memory', memory: { startupMb: 2048, dynamic } })]);
      const raised = { startupMb: 2048, dynamic: { ...dynamic, minimumMb: 256, maximumMb: 16384 } };
      expect(next(configure(config, op({ kind: 'set-vm-memory', memory: raised }), running(1000))).dynamicMemory).toEqual(
        raised.dynamic,
      );
      for (const memory of [
        { startupMb: 2048, dynamic: { ...dynamic, maximumMb: 4096 } },
        { startupMb: 2048, dynamic: { ...dynamic, minimumMb: 1024 } },
        { startupMb: 4096, dynamic },
      ]) {
        expect(configure(config, op({ kind: 'set-vm-memory', memory }), running(1000))).toMatchObject({ outcome: 'refused' });
      }
    });

    it('refuses dynamic limits Hyper-V does not take: minimum 32 MB, buffer 5–2000 %, minimum ≤ startup ≤ maximum', () => {
      const config = initialConfiguration(vmRef());
      const attempt = (startupMb: number, d: typeof dynamic) =>
        configure(config, op({ kind: 'set-vm-memory', memory: { startupMb, dynamic: d } }), off);
      expect(attempt(1024, { ...dynamic, minimumMb: 32 })).toMatchObject({ outcome: 'ok' });
      expect(attempt(1024, { ...dynamic, minimumMb: 31 })).toMatchObject({ outcome: 'refused' });
      expect(attempt(1024, { ...dynamic, bufferPercent: 5 })).toMatchObject({ outcome: 'ok' });
      expect(attempt(1024, { ...dynamic, bufferPercent: 2000 })).toMatchObject({ outcome: 'ok' });
      expect(attempt(1024, { ...dynamic, bufferPercent: 4 })).toMatchObject({ outcome: 'refused' });
      expect(attempt(1024, { ...dynamic, bufferPercent: 2001 })).toMatchObject({ outcome: 'refused' });
      expect(attempt(256, dynamic)).toMatchObject({ outcome: 'refused' });
      expect(attempt(16384, dynamic)).toMatchObject({ outcome: 'refused' });
    });
  });

  it('sets processors and compatibility for migration', () => {
    const processor = op({ kind: 'set-vm-processor', processorCount: 8, compatibilityForMigration: true });
    expect(after([processor])).toMatchObject({ processorCount: 8, compatibilityForMigration: true });
    expectIdempotent(initialConfiguration(vmRef()), processor);
    expect(
      configure(
        initialConfiguration(vmRef()),
        op({ kind: 'set-vm-processor', processorCount: 0, compatibilityForMigration: false }),
        off,
      ),
    ).toMatchObject({ outcome: 'refused' });
  });

  it('disables and enables integration services, keeping Hyper-V’s order', () => {
    const disabled = after([
      op({ kind: 'set-integration-service', service: 'VSS', enabled: false }),
      op({ kind: 'set-integration-service', service: 'Heartbeat', enabled: false }),
    ]);
    expect(disabled.disabledIntegrationServices).toEqual(['Heartbeat', 'VSS', 'GuestServiceInterface']);
    expect(heartbeatServiceEnabled(disabled)).toBe(false);
    const enabled = after([op({ kind: 'set-integration-service', service: 'Heartbeat', enabled: true })], off, disabled);
    expect(heartbeatServiceEnabled(enabled)).toBe(true);
    expectIdempotent(
      initialConfiguration(vmRef()),
      op({ kind: 'set-integration-service', service: 'Heartbeat', enabled: false }),
    );
  });

  it('records the integration services version the guest update channel delivered', () => {
    const update = op({ kind: 'update-integration-services', version: '10.0.14393.0' });
    const change = configure(initialConfiguration(vmRef()), update, running());
    expect(change).toMatchObject({
      outcome: 'ok',
      changed: true,
      details: { integrationServicesVersion: '10.0.14393.0', previousIntegrationServicesVersion: null },
    });
    expect(next(change).integrationServicesVersion).toBe('10.0.14393.0');
    expectIdempotent(initialConfiguration(vmRef()), update);
  });

  it('adds a disk once however often the addition runs', () => {
    const disk = { id: 'd1', name: 'data', sizeGb: 100 };
    expect(after([op({ kind: 'add-vm-disk', disk }), op({ kind: 'add-vm-disk', disk })]).disks).toEqual([disk]);
    expectIdempotent(initialConfiguration(vmRef()), op({ kind: 'add-vm-disk', disk }), running());
  });

  describe('checkpoints', () => {
    it('keeps a tree: each checkpoint’s parent is the current one, with the hardware it captured', () => {
      const config = after([
        op({ kind: 'create-checkpoint', checkpoint: checkpoint('c1') }),
        op({ kind: 'set-vm-processor', processorCount: 4, compatibilityForMigration: false }),
        op({ kind: 'create-checkpoint', checkpoint: checkpoint('c2', { kind: 'Standard', includesState: true }) }),
      ]);
      expect(config.checkpoints.map((c) => [c.checkpointId, c.parentId, c.hardware.processorCount])).toEqual([
        ['c1', null, 2],
        ['c2', 'c1', 4],
      ]);
      expect(config.checkpoints[1]).toMatchObject({ name: 'cp-c2', kind: 'Standard', includesState: true });
      expect(config.currentCheckpointId).toBe('c2');
      expectIdempotent(config, op({ kind: 'create-checkpoint', checkpoint: checkpoint('c3') }));
    });

    it(`allows ${MAX_CHECKPOINTS} checkpoints and refuses one more, but a re-run of an existing one still succeeds`, () => {
      const operations = Array.from({ length: MAX_CHECKPOINTS }, (_, i) =>
        op({ kind: 'create-checkpoint', checkpoint: checkpoint(`c${i}`) }),
      );
      const full = after(operations);
      expect(full.checkpoints).toHaveLength(MAX_CHECKPOINTS);
      expect(configure(full, op({ kind: 'create-checkpoint', checkpoint: checkpoint('one-more') }), off)).toMatchObject({
        outcome: 'refused',
        reason: expect.stringContaining(`${MAX_CHECKPOINTS} checkpoints`),
      });
      expect(configure(full, operations[MAX_CHECKPOINTS - 1], off)).toMatchObject({ outcome: 'ok', changed: false });
    });

    it('applies a checkpoint: restores its hardware, keeps every checkpoint, makes it current', () => {
      const adapter = { id: 'a1', name: 'eth0', switchName: 'External' };
      const config = after([
        op({ kind: 'create-checkpoint', checkpoint: checkpoint('c1') }),
        op({ kind: 'set-vm-memory', memory: { startupMb: 8192, dynamic: null } }),
        op({ kind: 'add-network-adapter', adapter }),
        op({ kind: 'set-integration-service', service: 'Heartbeat', enabled: false }),
        op({ kind: 'create-checkpoint', checkpoint: checkpoint('c2') }),
      ]);
      const apply = op({ kind: 'apply-checkpoint', checkpoint: checkpoint('c1'), resultingState: 'Off' });
      const applied = next(configure(config, apply, running()));
      expect(applied).toMatchObject({ memoryMb: 4096, adapters: [], currentCheckpointId: 'c1' });
      expect(applied.checkpoints.map((c) => c.checkpointId)).toEqual(['c1', 'c2']);
      // Integration service settings are not part of the captured hardware.
      expect(heartbeatServiceEnabled(applied)).toBe(false);
      expectIdempotent(config, apply);
    });

    it('refuses to apply a checkpoint the host does not have', () => {
      expect(
        configure(
          initialConfiguration(vmRef()),
          op({ kind: 'apply-checkpoint', checkpoint: checkpoint('nope'), resultingState: 'Off' }),
          off,
        ),
      ).toMatchObject({ outcome: 'refused', reason: expect.stringContaining('no checkpoint cp-nope (nope)') });
    });

    it('deletes a checkpoint by merging it: its children move up, and its parent becomes current if it was', () => {
      // c1 ─ c2 ─ c3, then c1 applied and c4 taken from it: c1 ─ c2 ─ c3, c1 ─ c4
      const config = after([
        op({ kind: 'create-checkpoint', checkpoint: checkpoint('c1') }),
        op({ kind: 'create-checkpoint', checkpoint: checkpoint('c2') }),
        op({ kind: 'create-checkpoint', checkpoint: checkpoint('c3') }),
        op({ kind: 'apply-checkpoint', checkpoint: checkpoint('c1'), resultingState: 'Off' }),
        op({ kind: 'create-checkpoint', checkpoint: checkpoint('c4') }),
      ]);
      const merged = configure(config, op({ kind: 'delete-checkpoint', checkpoint: checkpoint('c2'), subtree: false }), off);
      expect(merged).toMatchObject({ outcome: 'ok', changed: true, details: { removedCheckpointIds: ['c2'] } });
      expect(next(merged).checkpoints.map((c) => [c.checkpointId, c.parentId])).toEqual([
        ['c1', null],
        ['c3', 'c1'],
        ['c4', 'c1'],
      ]);
      const currentGone = next(
        configure(config, op({ kind: 'delete-checkpoint', checkpoint: checkpoint('c4'), subtree: false }), off),
      );
      expect(currentGone.currentCheckpointId).toBe('c1');
      expectIdempotent(config, op({ kind: 'delete-checkpoint', checkpoint: checkpoint('c2'), subtree: false }));
    });

    it('deletes a whole subtree', () => {
      const config = after([
        op({ kind: 'create-checkpoint', checkpoint: checkpoint('c1') }),
        op({ kind: 'create-checkpoint', checkpoint: checkpoint('c2') }),
        op({ kind: 'create-checkpoint', checkpoint: checkpoint('c3') }),
        op({ kind: 'apply-checkpoint', checkpoint: checkpoint('c1'), resultingState: 'Off' }),
        op({ kind: 'create-checkpoint', checkpoint: checkpoint('c4') }),
        op({ kind: 'apply-checkpoint', checkpoint: checkpoint('c3'), resultingState: 'Off' }),
      ]);
      const pruned = configure(config, op({ kind: 'delete-checkpoint', checkpoint: checkpoint('c2'), subtree: true }), off);
      expect(pruned).toMatchObject({ outcome: 'ok', details: { removedCheckpointIds: ['c2', 'c3'] } });
      expect(next(pruned).checkpoints.map((c) => c.checkpointId)).toEqual(['c1', 'c4']);
      expect(next(pruned).currentCheckpointId).toBe('c1');
      expectIdempotent(config, op({ kind: 'delete-checkpoint', checkpoint: checkpoint('c2'), subtree: true }));
    });

    it('treats deleting a checkpoint the host no longer has as done', () => {
      expect(
        configure(
          initialConfiguration(vmRef()),
          op({ kind: 'delete-checkpoint', checkpoint: checkpoint('gone'), subtree: false }),
          off,
        ),
      ).toMatchObject({ outcome: 'ok', changed: false, details: { removedCheckpointIds: [] } });
    });
  });

  it('sees no change in a configuration whose objects come back from storage with their keys reordered', () => {
    const dynamic = { minimumMb: 512, maximumMb: 8192, bufferPercent: 20 };
    const config = after([op({ kind: 'set-vm-memory', memory: { startupMb: 2048, dynamic } })]);
    const reordered = { ...config, dynamicMemory: { bufferPercent: 20, maximumMb: 8192, minimumMb: 512 } };
    expect(configure(reordered, op({ kind: 'set-vm-memory', memory: { startupMb: 2048, dynamic } }), off)).toMatchObject({
      changed: false,
    });
  });
});
