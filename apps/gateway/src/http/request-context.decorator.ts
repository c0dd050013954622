import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AccessTokenClaims, RequestContext } from '@parley/contracts';

export type AuthedRequest = FastifyRequest & { user?: AccessTokenClaims };

export function contextOf(req: AuthedRequest): RequestContext {
  const user = req.user;
  return {
    request_id: String(req.id),
    tenant_id: user?.tid ?? null,
    user_id: user?.sub ?? null,
    roles: user?.roles ?? [],
    perms: user?.perms ?? [],
    ip: req.ip,
  };
}

/** The caller's request context (tenant, user, permissions, request id) for the NATS hop. */
export const Caller = createParamDecorator((_: unknown, context: ExecutionContext): RequestContext =>
  contextOf(context.switchToHttp().getRequest<AuthedRequest>()),
);
