import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { JobPlacement } from '../domain/job.events';
import type { JobProblem, JobTarget } from '../domain/job.events';

const bigintAsNumber = { to: (v: number) => v, from: (v: string | number) => Number(v) };

export interface JobStepView {
  name: string;
  status: string;
  startedAt: string | null;
  finishedAt: string | null;
  powershell: string;
}

@Entity({ name: 'rm_jobs' })
export class JobReadModel {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') kind!: string;
  @Column('text', { nullable: true }) tenant!: string | null;
  @Column('text') status!: string;
  @Column('int') progress!: number;
  @Column('int') attempt!: number;
  @Column('text', { name: 'target_type' }) targetType!: string;
  @Column('uuid', { name: 'target_id' }) targetId!: string;
  @Column('jsonb') steps!: JobStepView[];
  @Column('jsonb', { nullable: true }) error!: JobProblem | null;
  @Column('jsonb', { nullable: true }) result!: Record<string, unknown> | null;
  @Column('jsonb', { nullable: true }) placement!: JobPlacement | null;
  @Column('jsonb', { name: 'requested_by' }) requestedBy!: { actor: string; role: string };
  @Column('text', { name: 'created_at' }) createdAt!: string;
  @Column('text', { name: 'started_at', nullable: true }) startedAt!: string | null;
  @Column('text', { name: 'finished_at', nullable: true }) finishedAt!: string | null;
  @Column('bigint', { transformer: bigintAsNumber }) version!: number;
  @Column('bigint', { name: 'last_position', transformer: bigintAsNumber }) lastPosition!: number;
}

export type JobTargetView = JobTarget;
