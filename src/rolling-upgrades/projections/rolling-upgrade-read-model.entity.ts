import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { NodeProgress, RollingUpgradeState } from '../domain/rolling-upgrade.decider';

const bigintAsNumber = { to: (v: number) => v, from: (v: string | number) => Number(v) };

@Entity({ name: 'rm_rolling_upgrades' })
export class RollingUpgradeReadModel {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'cluster_id' }) clusterId!: string;
  /** Running, Paused, Completed, Failed or Cancelled. */
  @Column('text') state!: string;
  @Column('text', { name: 'target_os_version' }) targetOsVersion!: string;
  @Column('uuid', { name: 'current_node_id', nullable: true }) currentNodeId!: string | null;
  @Column('text', { name: 'current_step', nullable: true }) currentStep!: string | null;
  @Column('jsonb', { name: 'in_flight', nullable: true }) inFlight!: { jobId: string; timeoutAt: string; step: string } | null;
  @Column('jsonb') nodes!: NodeProgress[];
  @Column('jsonb', { nullable: true }) failure!: Record<string, unknown> | null;
  @Column('boolean', { name: 'raise_functional_level' }) raiseFunctionalLevel!: boolean;
  @Column('boolean', { name: 'functional_level_raised' }) functionalLevelRaised!: boolean;
  @Column('boolean', { name: 'pause_requested' }) pauseRequested!: boolean;
  @Column('boolean', { name: 'cancel_requested' }) cancelRequested!: boolean;
  @Column('bigint', { name: 'estimated_duration_ms', transformer: bigintAsNumber }) estimatedDurationMs!: number;
  @Column('text', { name: 'started_at' }) startedAt!: string;
  @Column('text', { name: 'finished_at', nullable: true }) finishedAt!: string | null;
  /** The process's state as its decider folds it. */
  @Column('jsonb') process!: RollingUpgradeState;
  @Column('bigint', { transformer: bigintAsNumber }) version!: number;
  @Column('bigint', { name: 'last_position', transformer: bigintAsNumber }) lastPosition!: number;
}
