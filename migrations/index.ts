import { EventStore1764150000000 } from './1764150000000-event-store';
import { Processing1764150000001 } from './1764150000001-processing';
import { Hosts1764150000002 } from './1764150000002-hosts';
import { Simulator1764150000003 } from './1764150000003-simulator';
import { JobsAndVms1764150000004 } from './1764150000004-jobs-and-vms';
import { ApiKeysAndIdempotency1764150000005 } from './1764150000005-api-keys-and-idempotency';
import { FasterAppends1764150000006 } from './1764150000006-faster-appends';
import { SimulatorVmConfiguration1764150000007 } from './1764150000007-simulator-vm-configuration';
import { VmConfiguration1764150000008 } from './1764150000008-vm-configuration';
import { Clusters1764150000009 } from './1764150000009-clusters';
import { SimulatorClusters1764150000010 } from './1764150000010-simulator-clusters';
import { RollingUpgrades1764150000011 } from './1764150000011-rolling-upgrades';
import { SimulatorReplication1764150000012 } from './1764150000012-simulator-replication';
import { Replication1764150000013 } from './1764150000013-replication';
import { MultiStreamAppend1764150000100 } from './1764150000100-multi-stream-append';
import { AppendersHoldTheHorizon1764150000101 } from './1764150000101-appenders-hold-the-horizon';
import { EventTypeIndex1764150000102 } from './1764150000102-event-type-index';
import { Snapshots1764150000103 } from './1764150000103-snapshots';
import { ReplicationObserved1764150000200 } from './1764150000200-replication-observed';
import { NestedVirtualizationAndCheckpointType1764150000300 } from './1764150000300-nested-virtualization-and-checkpoint-type';
import { SimulatorHypervIds1764150000310 } from './1764150000310-simulator-hyperv-ids';
import { ReadWithHorizon1764150000320 } from './1764150000320-read-with-horizon';
import { MigrationSlotHandOver1764150000321 } from './1764150000321-migration-slot-hand-over';
import { AuditActorIndex1764150000400 } from './1764150000400-audit-actor-index';
import { IdempotencySeeds1764150000401 } from './1764150000401-idempotency-seeds';
import { OneAppendFunction1764150000420 } from './1764150000420-one-append-function';
import { HorizonSeesNewTransactionIds1764150000422 } from './1764150000422-horizon-sees-new-transaction-ids';
import { VmHypervisorId1764150000520 } from './1764150000520-vm-hypervisor-id';
import { SimulatorDroppedSessions1764150000530 } from './1764150000530-simulator-dropped-sessions';

/** Every migration, in order. Listed explicitly so the compiled service and the tests agree. */
export const MIGRATIONS = [
  EventStore1764150000000,
  Processing1764150000001,
  Hosts1764150000002,
  Simulator1764150000003,
  JobsAndVms1764150000004,
  ApiKeysAndIdempotency1764150000005,
  FasterAppends1764150000006,
  SimulatorVmConfiguration1764150000007,
  VmConfiguration1764150000008,
  Clusters1764150000009,
  SimulatorClusters1764150000010,
  RollingUpgrades1764150000011,
  SimulatorReplication1764150000012,
  Replication1764150000013,
  MultiStreamAppend1764150000100,
  AppendersHoldTheHorizon1764150000101,
  EventTypeIndex1764150000102,
  Snapshots1764150000103,
  ReplicationObserved1764150000200,
  NestedVirtualizationAndCheckpointType1764150000300,
  SimulatorHypervIds1764150000310,
  ReadWithHorizon1764150000320,
  MigrationSlotHandOver1764150000321,
  AuditActorIndex1764150000400,
  IdempotencySeeds1764150000401,
  OneAppendFunction1764150000420,
  HorizonSeesNewTransactionIds1764150000422,
  VmHypervisorId1764150000520,
  SimulatorDroppedSessions1764150000530,
];
