import { Column, Entity, PrimaryColumn } from 'typeorm';

const bigintAsNumber = { to: (v: number) => v, from: (v: string | number) => Number(v) };

@Entity({ name: 'rm_hosts' })
export class HostReadModel {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text') address!: string;
  @Column('text', { name: 'os_version' }) osVersion!: string;
  @Column('boolean') slat!: boolean;
  @Column('text', { name: 'cpu_vendor' }) cpuVendor!: string;
  @Column('int', { name: 'logical_processors' }) logicalProcessors!: number;
  @Column('int', { name: 'memory_mb' }) memoryMb!: number;
  @Column('int', { name: 'memory_used_mb' }) memoryUsedMb!: number;
  /** Memory of each VM that runs (or is paused) here; memoryUsedMb is their sum. */
  @Column('jsonb', { name: 'running_vms' }) runningVms!: Record<string, number>;
  @Column('int', { name: 'maximum_live_migrations' }) maximumLiveMigrations!: number;
  @Column('text') state!: string;
  @Column('uuid', { name: 'cluster_id', nullable: true }) clusterId!: string | null;
  @Column('text', { name: 'registered_at' }) registeredAt!: string;
  /** Stream version, served as the ETag. */
  @Column('bigint', { transformer: bigintAsNumber }) version!: number;
  @Column('bigint', { name: 'last_position', transformer: bigintAsNumber }) lastPosition!: number;
}
