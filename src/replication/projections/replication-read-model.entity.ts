import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReplicationState } from '../domain/replication.decider';
import type { ObservationBaseline } from '../domain/replication-observation';

const bigintAsNumber = { to: (v: number) => v, from: (v: string | number) => Number(v) };

@Entity({ name: 'rm_replications' })
export class ReplicationReadModel {
  /** The primary VM's id: one relationship per VM. */
  @PrimaryColumn('uuid') id!: string;
  @Column('text') tenant!: string;
  @Column('text') state!: string;
  @Column('text') health!: string;
  @Column('uuid', { name: 'primary_host_id' }) primaryHostId!: string;
  @Column('uuid', { name: 'replica_host_id' }) replicaHostId!: string;
  /** What the monitor compares observations with; null while the relationship is not observed. */
  @Column('jsonb', { nullable: true }) baseline!: ObservationBaseline | null;
  /** The relationship's state as its decider folds it. */
  @Column('jsonb') process!: ReplicationState;
  @Column('bigint', { transformer: bigintAsNumber }) version!: number;
  @Column('bigint', { name: 'last_position', transformer: bigintAsNumber }) lastPosition!: number;
}
