import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { FastifyRequest } from 'fastify';

export const ROLES = ['admin', 'fabric-admin', 'vm-operator', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: the API key's id and name, its role, and for vm-operators their tenants. */
export interface Principal {
  keyId: string;
  /** Recorded as the events' actor. */
  actor: string;
  role: Role;
  tenants: readonly string[];
}

export const PERMIT = 'fm:permit';
export const PUBLIC = 'fm:public';

/**
 * Roles allowed on a route besides `admin` (who may do everything). A route with neither
 * @Permit nor @Public is admin-only: forgetting the decorator fails closed.
 */
export const Permit = (...roles: Exclude<Role, 'admin'>[]) => SetMetadata(PERMIT, roles);

/** No API key needed (health, metrics). */
export const Public = () => SetMetadata(PUBLIC, true);

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

export function principalOf(request: FastifyRequest): Principal {
  const principal = (request as AuthenticatedRequest).principal;
  if (!principal) throw new Error('No principal on an authenticated route');
  return principal;
}

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext) =>
  principalOf(context.switchToHttp().getRequest<FastifyRequest>()),
);

/** What a vm-operator may see: only its tenants. Everyone else sees every tenant. */
export function canSeeTenant(principal: Principal, tenant: string): boolean {
  return principal.role !== 'vm-operator' || principal.tenants.includes(tenant);
}
