import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Permit, Principal } from '../../platform/auth/principal';
import { CurrentApiKeyDto } from './api-key.dto';
import { ApiKeyDocs } from './api-keys.docs';

/**
 * Who the caller is, for every role: a user interface offers only what the key's role may do
 * (an auditor gets no action buttons, a vm-operator sees its tenants).
 */
@ApiTags('api-keys')
@ApiBearerAuth()
@Controller('v1/api-keys/current')
export class CurrentApiKeyController {
  @Get()
  @Permit('fabric-admin', 'vm-operator', 'auditor')
  @ApiKeyDocs.current
  current(@CurrentPrincipal() principal: Principal): CurrentApiKeyDto {
    return { id: principal.keyId, name: principal.actor, role: principal.role, tenants: [...principal.tenants] };
  }
}
