import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { EVENT_STORE, EventStore, WrongExpectedVersionError } from '../event-store/event-store.port';
import { AppConfig } from '../platform/config';
import { deterministicUuid } from '../platform/deterministic-id';
import { SystemCommands } from '../platform/system-commands';
import { APP_CONFIG, LOGGER } from '../platform/tokens';
import { ProcessingService } from '../processing/processing.service';
import { apiKeyDecider } from './domain/api-key.decider';
import { apiKeyStreamId } from './domain/api-key.events';
import { hashSecret, newSecret } from './api-key-authenticator';

/**
 * A fresh database gets one admin key: ADMIN_API_KEY when set, otherwise a new secret printed
 * once. The key's id is derived from its origin, so concurrent starts issue it once.
 */
@Injectable()
export class BootstrapAdminKey implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly commands: SystemCommands,
    private readonly dataSource: DataSource,
    private readonly processing: ProcessingService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const configured = this.config.adminApiKey;
    if (configured) {
      await this.issue(deterministicUuid(`admin-api-key/${hashSecret(configured)}`), configured);
      return;
    }
    const issued: Array<{ exists: boolean }> = await this.dataSource.query(
      "SELECT EXISTS (SELECT 1 FROM fm_events WHERE type = 'ApiKeyIssued') AS exists",
    );
    if (issued[0].exists) return;
    const secret = newSecret();
    if (await this.issue(deterministicUuid('admin-api-key/bootstrap'), secret)) {
      process.stdout.write(
        `\nAdmin API key (shown once, store it now): ${secret}\n` +
          'Use it as "Authorization: Bearer <key>"; create other keys with POST /v1/api-keys.\n\n',
      );
    }
  }

  private async issue(keyId: string, secret: string): Promise<boolean> {
    try {
      const outcome = await this.commands.send(
        apiKeyDecider,
        apiKeyStreamId(keyId),
        {
          type: 'IssueApiKey',
          keyId,
          name: 'bootstrap-admin',
          role: 'admin',
          tenants: [],
          secretHash: hashSecret(secret),
          issuedBy: 'system:bootstrap',
          now: new Date().toISOString(),
        },
        { commandId: `bootstrap/${keyId}`, actor: 'bootstrap' },
      );
      if (outcome.events.length > 0) {
        this.logger.info({ keyId }, 'issued the bootstrap admin API key');
        // Serve only once the key works.
        await this.processing.waitFor(['api-keys'], outcome.position, 10_000);
      }
      return outcome.events.length > 0 && !outcome.alreadyHandled;
    } catch (error) {
      // Another process issued it at the same moment.
      if (error instanceof WrongExpectedVersionError) return false;
      throw error;
    }
  }
}
