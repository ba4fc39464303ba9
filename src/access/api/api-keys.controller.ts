import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { DataSource, MoreThan } from 'typeorm';
import { CommandOutcome, DecideCommand } from '../../platform/command-handler';
import { commandContextOf, newIdFor } from '../../platform/http/request-context';
import { ProblemError } from '../../platform/http/problem';
import { UuidPipe } from '../../platform/http/uuid.pipe';
import { isIdCursor, decodePageCursor, DEFAULT_PAGE_SIZE, encodePageCursor } from '../../platform/http/pagination';
import { ProcessingService } from '../../processing/processing.service';
import { apiKeyDecider } from '../domain/api-key.decider';
import { apiKeyStreamId } from '../domain/api-key.events';
import { ApiKeyReadModel } from '../projections/api-key-read-model.entity';
import { AdminKeyRevocations } from '../admin-key-revocations';
import { hashSecret, newSecret, ApiKeyAuthenticator } from '../api-key-authenticator';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto, ListApiKeysQuery } from './api-key.dto';
import { ApiKeyDocs } from './api-keys.docs';

const toDto = (key: ApiKeyReadModel): ApiKeyDto => ({
  id: key.id,
  name: key.name,
  role: key.role,
  tenants: key.tenants,
  createdAt: key.createdAt,
  createdBy: key.createdBy,
  revokedAt: key.revokedAt,
});

/** Admin only (no @Permit): keys are stored hashed and their secret is shown once. */
@ApiTags('api-keys')
@ApiBearerAuth()
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly dataSource: DataSource,
    private readonly processing: ProcessingService,
    private readonly authenticator: ApiKeyAuthenticator,
    private readonly adminRevocations: AdminKeyRevocations,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiKeyDocs.create
  async create(@Body() body: CreateApiKeyDto, @Req() request: FastifyRequest): Promise<CreatedApiKeyDto> {
    const keyId = newIdFor(request);
    const secret = newSecret();
    const context = commandContextOf(request);
    const outcome: CommandOutcome = await this.commandBus.execute(
      new DecideCommand(
        apiKeyDecider,
        apiKeyStreamId(keyId),
        {
          type: 'IssueApiKey',
          keyId,
          name: body.name,
          role: body.role,
          tenants: body.tenants ?? [],
          secretHash: hashSecret(secret),
          issuedBy: context.actor,
          now: new Date().toISOString(),
        },
        context,
      ),
    );
    if (outcome.alreadyHandled) {
      // A retry of a request whose first try issued the key: only its hash was kept.
      throw new ProblemError(
        409,
        'API_KEY_SECRET_UNRECOVERABLE',
        `API key ${keyId} was issued by the first try of this request; its secret is shown only once. Revoke it and issue another`,
        { keyId },
      );
    }
    // The key must work as soon as the client has it.
    await this.processing.waitFor(['api-keys'], outcome.position, 5000);
    const key = await this.dataSource.getRepository(ApiKeyReadModel).findOneByOrFail({ id: keyId });
    return { ...toDto(key), secret, position: outcome.position };
  }

  @Get()
  @ApiKeyDocs.list
  async list(@Query() query: ListApiKeysQuery) {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodePageCursor(query.cursor, isIdCursor);
    const rows = await this.dataSource.getRepository(ApiKeyReadModel).find({
      where: after ? { id: MoreThan(after.id) } : {},
      order: { id: 'ASC' },
      take: limit + 1,
    });
    const items = rows.slice(0, limit);
    return {
      items: items.map(toDto),
      nextCursor: rows.length > limit ? encodePageCursor({ id: items[items.length - 1].id }) : null,
    };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiKeyDocs.revoke
  async revoke(@Param('id', new UuidPipe('id')) id: string, @Req() request: FastifyRequest): Promise<void> {
    const key = await this.dataSource.getRepository(ApiKeyReadModel).findOneBy({ id });
    if (!key) throw new ProblemError(404, 'NOT_FOUND', `API key ${id} does not exist`);
    const context = commandContextOf(request);
    const revoke = (otherActiveAdminKeys: number): Promise<CommandOutcome> =>
      this.commandBus.execute(
        new DecideCommand(
          apiKeyDecider,
          apiKeyStreamId(id),
          { type: 'RevokeApiKey', revokedBy: context.actor, otherActiveAdminKeys, now: new Date().toISOString() },
          context,
        ),
      );
    // Only admin keys can be the last admin key; other revocations need no fabric-wide order.
    const outcome =
      key.role === 'admin' ? await this.adminRevocations.serialised(id, revoke) : await revoke(Number.MAX_SAFE_INTEGER);
    this.authenticator.revoked(id);
    // Other processes trust their cache for a few seconds; from the read model they learn it at once.
    await this.processing.waitFor(['api-keys'], outcome.position, 5000);
  }
}
