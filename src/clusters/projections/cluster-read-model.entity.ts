import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ClusterState } from '../domain/cluster.decider';
import type { NodeState, ResiliencySettings } from '../domain/cluster.events';

const bigintAsNumber = { to: (v: number) => v, from: (v: string | number) => Number(v) };

export interface ClusterNodeView {
  hostId: string;
  name: string;
  osVersion: string;
  state: NodeState;
  cpuVendor: string;
  memoryMb: number;
  logicalProcessors: number;
  maximumLiveMigrations: number;
  /** Ungraceful failures within the quarantine window's reach (newest last). */
  failures: string[];
  quarantinedUntil: string | null;
  isolatedSince: string | null;
}

@Entity({ name: 'rm_clusters' })
export class ClusterReadModel {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  /** Creating, CreationFailed or Active. */
  @Column('text') status!: string;
  @Column('int', { name: 'functional_level' }) functionalLevel!: number;
  @Column('boolean', { name: 'mixed_mode' }) mixedMode!: boolean;
  @Column('text', { name: 'mixed_mode_since', nullable: true }) mixedModeSince!: string | null;
  @Column('jsonb') nodes!: ClusterNodeView[];
  @Column('jsonb') resiliency!: ResiliencySettings;
  @Column('jsonb', { name: 'vm_resiliency_periods' }) vmResiliencyPeriods!: Record<string, number>;
  @Column('jsonb', { name: 'pending_job_ids' }) pendingJobIds!: string[];
  /** The aggregate's state as folded by its decider: the projection is that fold, stored. */
  @Column('jsonb') state!: ClusterState;
  @Column('text', { name: 'created_at' }) createdAt!: string;
  @Column('bigint', { transformer: bigintAsNumber }) version!: number;
  @Column('bigint', { name: 'last_position', transformer: bigintAsNumber }) lastPosition!: number;
}
