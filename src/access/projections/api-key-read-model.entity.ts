import { Column, Entity, PrimaryColumn } from 'typeorm';

const bigintAsNumber = { to: (v: number) => v, from: (v: string | number) => Number(v) };

@Entity({ name: 'rm_api_keys' })
export class ApiKeyReadModel {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text') role!: string;
  @Column('jsonb') tenants!: string[];
  /** SHA-256 of the secret; the secret itself is never stored. */
  @Column('text', { name: 'secret_hash' }) secretHash!: string;
  @Column('text', { name: 'created_at' }) createdAt!: string;
  @Column('text', { name: 'created_by' }) createdBy!: string;
  @Column('text', { name: 'revoked_at', nullable: true }) revokedAt!: string | null;
  @Column('bigint', { transformer: bigintAsNumber }) version!: number;
  @Column('bigint', { name: 'last_position', transformer: bigintAsNumber }) lastPosition!: number;
}
