import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Checkpoint, Firmware, MemorySettings, NetworkAdapter, VirtualDisk } from '../domain/vm.events';

const bigintAsNumber = { to: (v: number) => v, from: (v: string | number) => Number(v) };

@Entity({ name: 'rm_vms' })
export class VmReadModel {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text') tenant!: string;
  @Column('uuid', { name: 'host_id' }) hostId!: string;
  @Column('uuid', { name: 'cluster_id', nullable: true }) clusterId!: string | null;
  @Column('int') generation!: number;
  @Column('text', { name: 'config_version' }) configVersion!: string;
  /** What clients see: the power state, or the transition a job is making (Starting, …). */
  @Column('text') state!: string;
  @Column('text', { name: 'power_state' }) powerState!: string;
  @Column('jsonb', { name: 'guest_os' }) guestOs!: { family: string; version: string | null };
  @Column('jsonb') memory!: MemorySettings;
  @Column('int', { name: 'memory_demand_mb', nullable: true }) memoryDemandMb!: number | null;
  @Column('int', { name: 'processor_count' }) processorCount!: number;
  @Column('boolean', { name: 'compatibility_for_migration' }) compatibilityForMigration!: boolean;
  @Column('boolean', { name: 'expose_virtualization_extensions' }) exposeVirtualizationExtensions!: boolean;
  @Column('jsonb', { name: 'network_adapters' }) networkAdapters!: NetworkAdapter[];
  @Column('jsonb') disks!: VirtualDisk[];
  @Column('jsonb', { nullable: true }) firmware!: Firmware | null;
  @Column('text', { name: 'checkpoint_type' }) checkpointType!: string;
  @Column('uuid', { name: 'current_checkpoint_id', nullable: true }) currentCheckpointId!: string | null;
  @Column('jsonb') checkpoints!: Checkpoint[];
  @Column('jsonb', { name: 'integration_services' }) integrationServices!: Record<string, boolean>;
  @Column('text', { name: 'integration_services_version', nullable: true }) integrationServicesVersion!: string | null;
  /** Hyper-V's heartbeat status, derived from the power state, the Heartbeat service and the guest's last report. */
  @Column('text') heartbeat!: string;
  /** What the guest last reported while running (kept so enabling Heartbeat again shows it). */
  @Column('text', { name: 'reported_heartbeat', nullable: true }) reportedHeartbeat!: string | null;
  /** Its node lost the cluster heartbeat: the VM runs on, Unmonitored, until the node is back or it fails over. */
  @Column('boolean') unmonitored!: boolean;
  @Column('uuid', { name: 'pending_job_id', nullable: true }) pendingJobId!: string | null;
  @Column('uuid', { name: 'last_job_id', nullable: true }) lastJobId!: string | null;
  /** Hyper-V's own id of the VM (Get-VM's Id), as its host reported it on creation; null until then. */
  @Column('text', { name: 'hypervisor_vm_id', nullable: true }) hypervisorVmId!: string | null;
  @Column('text', { name: 'created_at' }) createdAt!: string;
  @Column('bigint', { transformer: bigintAsNumber }) version!: number;
  @Column('bigint', { name: 'last_position', transformer: bigintAsNumber }) lastPosition!: number;
}
