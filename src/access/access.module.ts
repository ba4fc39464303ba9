import { Module, OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ProcessorRegistry } from '../processing/processor-registry';
import { documentProcessor } from '../processing/document-projection';
import { ApiKeysController } from './api/api-keys.controller';
import { AdminKeyRevocations } from './admin-key-revocations';
import { CurrentApiKeyController } from './api/current-api-key.controller';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { AuthGuard } from './auth.guard';
import { FailedAuthentications } from './failed-authentications';
import { BootstrapAdminKey } from './bootstrap-admin-key';
import { apiKeyProjection } from './projections/api-key.projection';
import { ApiKeyReadModel } from './projections/api-key-read-model.entity';

export const ACCESS_ENTITIES = [ApiKeyReadModel];

@Module({
  controllers: [CurrentApiKeyController, ApiKeysController],
  providers: [ApiKeyAuthenticator, AdminKeyRevocations, FailedAuthentications, BootstrapAdminKey, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [ApiKeyAuthenticator],
})
export class AccessModule implements OnModuleInit {
  constructor(private readonly processors: ProcessorRegistry) {}

  onModuleInit(): void {
    this.processors.register(documentProcessor(apiKeyProjection));
  }
}
