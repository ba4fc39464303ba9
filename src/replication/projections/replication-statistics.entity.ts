import { Column, Entity, PrimaryColumn } from 'typeorm';

const bigintAsNumber = { to: (v: number) => v, from: (v: string | number) => Number(v) };

/** The live figures of a relationship as the monitor last read them: written per poll, not events. */
@Entity({ name: 'rm_replication_statistics' })
export class ReplicationStatisticsRow {
  @PrimaryColumn('uuid', { name: 'vm_id' }) vmId!: string;
  @Column('uuid', { name: 'primary_host_id' }) primaryHostId!: string;
  @Column('timestamptz', { name: 'observed_at' }) observedAt!: Date;
  @Column('text') state!: string;
  @Column('timestamptz', { name: 'last_replicated_at', nullable: true }) lastReplicatedAt!: Date | null;
  @Column('int', { name: 'last_size_mb', nullable: true }) lastSizeMb!: number | null;
  @Column('int', { name: 'average_size_mb', nullable: true }) averageSizeMb!: number | null;
  @Column('int', { name: 'maximum_size_mb', nullable: true }) maximumSizeMb!: number | null;
  @Column('bigint', { name: 'successful_cycles', transformer: bigintAsNumber }) successfulCycles!: number;
  @Column('bigint', { name: 'failed_cycles', transformer: bigintAsNumber }) failedCycles!: number;
  @Column('bigint', { name: 'missed_cycles', transformer: bigintAsNumber }) missedCycles!: number;
  @Column('int', { name: 'consecutive_failed_cycles' }) consecutiveFailedCycles!: number;
  @Column('text', { name: 'failure_reason', nullable: true }) failureReason!: string | null;
}
