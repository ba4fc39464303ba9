import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsNumber, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { SIM_OPERATION_KINDS, SimOperationKind } from '../domain/latency-model';
import { SIM_REPLICATION_STATES } from '../domain/replication';
import { SIM_VM_STATES } from '../domain/vm-transitions';
import { MAX_LATENCY_FACTOR } from '../simulated-fleet';

/** An optional list of operation kinds, each one named in the refusal of a value that is not. */
function OperationKinds(field: string, description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ enum: SIM_OPERATION_KINDS, isArray: true, description }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(SIM_OPERATION_KINDS.length * 2),
    IsIn(SIM_OPERATION_KINDS, { each: true, message: `each value in ${field} must be one of ${SIM_OPERATION_KINDS.join(', ')}` }),
  );
}

export class SetFaultsDto {
  @ApiProperty({ format: 'uuid', description: 'The host; it need not have been used by the fleet yet' })
  @IsUUID('all', { message: 'hostId must be a UUID' })
  hostId!: string;

  @OperationKinds('failOperations', 'Operations that fail on this host with OPERATION_FAILED; replaces the previous list')
  failOperations?: SimOperationKind[];

  @OperationKinds(
    'dropSessions',
    'Operations whose PowerShell remoting session to this host drops while they run (a transport failure, not a ' +
      'refusal by the host): the job is tried again and fails with DRIVER_FAULT after its last try. failOperations ' +
      'naming the same operation wins. Replaces the previous list',
  )
  dropSessions?: SimOperationKind[];

  @ApiPropertyOptional({ description: 'The host stops answering: operations time out with HOST_UNRESPONSIVE' })
  @IsOptional()
  @IsBoolean()
  unresponsive?: boolean;

  @ApiPropertyOptional({
    description: 'true: the host crashes now (Down; its running and paused VMs turn Off). false: a crashed host comes back Up',
  })
  @IsOptional()
  @IsBoolean()
  crash?: boolean;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_LATENCY_FACTOR,
    description: 'Multiplies every operation duration on the host',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_LATENCY_FACTOR)
  latencyFactor?: number;
}

export class ClearFaultsQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Clear this host only; without it, every host' })
  @IsOptional()
  @IsUUID('all', { message: 'hostId must be a UUID' })
  hostId?: string;
}

export class SimFaultsDto {
  @ApiProperty({ format: 'uuid' }) hostId!: string;
  @ApiProperty({ enum: SIM_OPERATION_KINDS, isArray: true }) failOperations!: string[];
  @ApiProperty({ enum: SIM_OPERATION_KINDS, isArray: true }) dropSessions!: string[];
  @ApiProperty() unresponsive!: boolean;
  @ApiProperty() crashed!: boolean;
  @ApiProperty() latencyFactor!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class SetFaultsResultDto extends SimFaultsDto {
  @ApiProperty({ type: String, enum: ['Up', 'Down'], nullable: true, description: 'null until an operation has named the host' })
  hostState!: string | null;
  @ApiProperty({ type: [String], description: 'VMs that went Off because this request crashed the host' })
  vmsTurnedOff!: string[];
}

export class ClearFaultsResultDto {
  @ApiProperty({ type: [String] }) clearedHostIds!: string[];
  @ApiProperty({ type: [String], description: 'Crashed hosts brought back Up; their VMs stay Off' }) recoveredHostIds!: string[];
}

class SimDynamicMemoryDto {
  @ApiProperty() minimumMb!: number;
  @ApiProperty() maximumMb!: number;
  @ApiProperty() bufferPercent!: number;
}

class SimAdapterDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'Exposed to the guest (device naming)' }) name!: string;
  @ApiProperty() switchName!: string;
}

class SimDiskDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() sizeGb!: number;
}

class SimHardwareDto {
  @ApiProperty() memoryMb!: number;
  @ApiProperty({ type: SimDynamicMemoryDto, nullable: true, description: 'null: static memory' })
  dynamicMemory!: SimDynamicMemoryDto | null;
  @ApiProperty() processorCount!: number;
  @ApiProperty({ type: Boolean, nullable: true, description: 'null on Generation 1' }) secureBoot!: boolean | null;
  @ApiProperty({ type: String, nullable: true }) secureBootTemplate!: string | null;
  @ApiProperty({ type: [SimAdapterDto] }) adapters!: SimAdapterDto[];
  @ApiProperty({ type: [SimDiskDto] }) disks!: SimDiskDto[];
}

class SimCheckpointDto {
  @ApiProperty() checkpointId!: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: "Hyper-V's own id of the checkpoint (Get-VMSnapshot's Id), once the host reported it",
  })
  hypervisorId?: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['Production', 'Standard'] }) kind!: string;
  @ApiProperty({ description: 'Memory and device state saved with it' }) includesState!: boolean;
  @ApiProperty({ type: String, nullable: true }) parentId!: string | null;
  @ApiProperty({ type: SimHardwareDto, description: 'The hardware applying it restores' }) hardware!: SimHardwareDto;
}

export class SimVmDto {
  @ApiProperty({ format: 'uuid', description: "The fabric's id of the VM" }) vmId!: string;
  @ApiProperty({ format: 'uuid', description: "Hyper-V's own id of the VM (Get-VM's Id), given at creation" })
  hypervisorId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: SIM_VM_STATES }) state!: string;
  @ApiProperty() memoryMb!: number;
  @ApiProperty({ description: 'Memory the guest uses; 0 unless Running or Paused' }) memoryDemandMb!: number;
  @ApiProperty({
    type: String,
    enum: ['OkApplicationsHealthy', 'OkApplicationsUnknown', 'OkApplicationsCritical', 'Disabled'],
    nullable: true,
    description: 'What the guest reports while Running (Disabled: the Heartbeat service is off); null otherwise',
  })
  heartbeat!: string | null;
  @ApiProperty() configVersion!: string;
  @ApiProperty({ enum: [1, 2] }) generation!: number;
  @ApiProperty() processorCount!: number;
  @ApiProperty({ type: SimDynamicMemoryDto, nullable: true, description: 'null: static memory' })
  dynamicMemory!: SimDynamicMemoryDto | null;
  @ApiProperty() compatibilityForMigration!: boolean;
  @ApiProperty({ type: Boolean, nullable: true, description: 'null on Generation 1' }) secureBoot!: boolean | null;
  @ApiProperty({ type: String, nullable: true }) secureBootTemplate!: string | null;
  @ApiProperty({ type: [SimAdapterDto] }) adapters!: SimAdapterDto[];
  @ApiProperty({ type: [SimDiskDto] }) disks!: SimDiskDto[];
  @ApiProperty({ type: [SimCheckpointDto], description: 'Oldest first' }) checkpoints!: SimCheckpointDto[];
  @ApiProperty({ type: String, nullable: true }) currentCheckpointId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Reported by the guest after an update; null until then' })
  integrationServicesVersion!: string | null;
  @ApiProperty({ type: [String] }) disabledIntegrationServices!: string[];
  @ApiProperty({ description: 'Set-VMProcessor -ExposeVirtualizationExtensions' }) exposeVirtualizationExtensions!: boolean;
  @ApiProperty({ description: 'Set-VM -CheckpointType, as the host has it' }) checkpointType!: string;
}

export class SimHostDto {
  @ApiProperty({ format: 'uuid' }) hostId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() osVersion!: string;
  @ApiProperty() memoryMb!: number;
  @ApiProperty({ enum: ['Up', 'Down'] }) state!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The cluster the host is a node of, as the cluster operations left it',
  })
  clusterId!: string | null;
  @ApiProperty({ description: 'Memory of the Running and Paused VMs' }) memoryAssignedMb!: number;
  @ApiProperty({ type: [SimVmDto] }) vms!: SimVmDto[];
  @ApiProperty({ type: SimFaultsDto, nullable: true }) faults!: SimFaultsDto | null;
}

export class SimClusterDto {
  @ApiProperty({ format: 'uuid' }) clusterId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'null when the simulator has not learnt it' })
  functionalLevel!: number | null;
  @ApiProperty({ type: [String], description: 'The hosts that are nodes of the cluster' }) nodeIds!: string[];
}

export class CycleLedgerDto {
  @ApiProperty({ description: 'When replication (re)started: the initial copy, a resume, a resynchronization' })
  startedAt!: string;
  @ApiProperty({ description: 'The cycles due up to here are counted' }) settledAt!: string;
  @ApiProperty({ description: 'The last due cycle counted (0: none since startedAt)' }) lastDueCycle!: number;
  @ApiProperty() successfulCycles!: number;
  @ApiProperty() failedCycles!: number;
  @ApiProperty() missedCycles!: number;
  @ApiProperty() consecutiveFailedCycles!: number;
  @ApiProperty({ type: String, nullable: true }) failureReason!: string | null;
  @ApiProperty({ type: String, nullable: true }) lastMissedAt!: string | null;
  @ApiProperty({ description: 'The last cycle that reached the replica' }) lastCycle!: number;
  @ApiProperty({ type: String, nullable: true }) lastReplicatedAt!: string | null;
}

export class SimReplicaDto {
  @ApiProperty({ format: 'uuid', description: 'The replicated VM' }) vmId!: string;
  @ApiProperty({ format: 'uuid', description: 'Where the VM runs and replicates from' }) primaryHostId!: string;
  @ApiProperty({ format: 'uuid', description: 'Where its replica is kept' }) replicaHostId!: string;
  @ApiProperty({ enum: SIM_REPLICATION_STATES }) state!: string;
  @ApiProperty() frequencySeconds!: number;
  @ApiProperty({ type: CycleLedgerDto, description: 'Hyper-V runs the cycles itself: their counts as of settledAt' })
  ledger!: CycleLedgerDto;
  @ApiProperty({ type: [String] }) replicatedDiskIds!: string[];
  @ApiProperty({ type: [String], description: 'Disks of the VM outside the replicated set' }) nonReplicatedDiskIds!: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The VM of a running test failover' })
  testVmId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The recovery point of an unplanned failover' })
  failoverRecoveryPointId!: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class SimulatorDto {
  @ApiProperty({ description: 'SIMULATOR_TIME_SCALE: 1 = real time, 0 = instant' }) timeScale!: number;
  @ApiProperty({ description: 'SIMULATOR_SEED' }) seed!: number;
  @ApiProperty({ type: [SimHostDto] }) hosts!: SimHostDto[];
  @ApiProperty({ type: [SimClusterDto], description: 'Clusters as the simulated hosts know them (informational)' })
  clusters!: SimClusterDto[];
  @ApiProperty({ type: [SimReplicaDto], description: 'Hyper-V Replica relationships, one per replicated VM' })
  replicas!: SimReplicaDto[];
  @ApiProperty({ type: [SimFaultsDto], description: 'Faults for hosts no operation has named yet' })
  pendingFaults!: SimFaultsDto[];
}
