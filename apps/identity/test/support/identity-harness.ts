import { randomBytes } from 'node:crypto';
import type { RequestContext, TokenPairDto } from '@parley/contracts';
import { bootServiceHarness, type ServiceHarness, type TestBus } from '@parley/testing';
import { IdentityAppModule } from '../../src/identity-app.module';
import { identityConfigSpec, type IdentityConfig } from '../../src/identity.config';

export type { OutboxRow } from '@parley/testing';

/** The identity service booted on a fresh schema and subject prefix. */
export type IdentityHarness = ServiceHarness<IdentityConfig>;

export function bootIdentity(env: Record<string, string> = {}): Promise<IdentityHarness> {
  return bootServiceHarness({
    service: 'identity', spec: identityConfigSpec, module: (config) => IdentityAppModule.forRoot(config), env,
  });
}

export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomBytes(4).toString('hex')}@example.com`;
}

/** The request context the gateway would derive from this token pair. */
export function ctxOf(pair: TokenPairDto, extra: Partial<RequestContext> = {}): Partial<RequestContext> {
  return {
    tenant_id: pair.user.tenant_id,
    user_id: pair.user.id,
    roles: [pair.user.role],
    perms: pair.user.permissions,
    ...extra,
  };
}

export interface RegisteredUser {
  email: string;
  password: string;
  pair: TokenPairDto;
  ctx: Partial<RequestContext>;
}

export async function registerUser(
  bus: TestBus,
  overrides: { email?: string; password?: string; name?: string; company?: string } = {},
): Promise<RegisteredUser> {
  const email = overrides.email ?? uniqueEmail();
  const password = overrides.password ?? 'correct horse battery';
  const pair = await bus.send('identity.auth.register', {
    email, password, name: overrides.name ?? 'Test User', company_name: overrides.company ?? 'Acme Calls',
  });
  return { email, password, pair, ctx: ctxOf(pair) };
}
