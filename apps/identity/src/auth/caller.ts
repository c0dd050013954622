import type { RequestContext } from '@parley/contracts';
import { UnauthorizedException } from '@parley/platform';

export interface Caller {
  userId: string;
  tenantId: string;
}

/** The authenticated user and active tenant of a request (the gateway verified the token). */
export function callerOf(ctx: RequestContext): Caller {
  if (!ctx.user_id || !ctx.tenant_id) throw new UnauthorizedException('authentication required');
  return { userId: ctx.user_id, tenantId: ctx.tenant_id };
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
