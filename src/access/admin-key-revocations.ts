import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { fold } from '../platform/domain/decider';
import { apiKeyDecider } from './domain/api-key.decider';
import { ApiKeyEvent, apiKeyStreamId } from './domain/api-key.events';
import { ApiKeyReadModel } from './projections/api-key-read-model.entity';

/**
 * Keeps the fabric from losing its last admin key. Revocations of admin keys run one at a time
 * across every process (a PostgreSQL session advisory lock), and each counts the other active
 * admin keys from their own streams, not from the read model: two admins revoking each other at
 * the same instant would otherwise both see the other still active and both succeed.
 *
 * The candidates come from the read model, which can only miss an admin key issued a moment ago;
 * that undercounts, so the guard errs towards refusing, never towards a fabric without an admin.
 */
@Injectable()
export class AdminKeyRevocations {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  /**
   * Runs `revoke` holding the fabric-wide revocation lock, with the count of other active admin
   * keys. The lock is transaction-scoped, so no failure can leave it held; the transaction writes
   * nothing, so it takes no transaction id and holds back no reader of the event log.
   */
  serialised<T>(keyId: string, revoke: (otherActiveAdminKeys: number) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('fabric-manager:admin-key-revocation', 0))`);
      return revoke(await this.otherActiveAdminKeys(keyId));
    });
  }

  private async otherActiveAdminKeys(keyId: string): Promise<number> {
    const candidates = await this.dataSource
      .getRepository(ApiKeyReadModel)
      .find({ select: { id: true }, where: { role: 'admin' } });
    let active = 0;
    for (const { id } of candidates) {
      if (id === keyId) continue;
      const history = await this.eventStore.readStream(apiKeyStreamId(id));
      const state = fold(apiKeyDecider, history as unknown as ApiKeyEvent[]);
      if (state.status === 'Active' && state.role === 'admin') active++;
    }
    return active;
  }
}
