import type { RequestContext } from '@parley/contracts';
import { bootServiceHarness, type Isolation, type ServiceHarness } from '@parley/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { TelephonyAppModule } from '../../src/telephony-app.module';
import { telephonyConfigSpec, type TelephonyConfig } from '../../src/telephony.config';

/** The telephony service booted on a fresh schema and subject prefix. */
export type TelephonyHarness = ServiceHarness<TelephonyConfig>;

/** A real key per run: tests exercise the configured-key path, not the development fallback. */
export const TEST_ENCRYPTION_KEY = randomBytes(32).toString('hex');

/** Boots telephony; pass `iso` to share an isolation (a compliance service booted beside it). */
export function bootTelephony(env: Record<string, string> = {}, iso?: Isolation): Promise<TelephonyHarness> {
  return bootServiceHarness({
    service: 'telephony',
    spec: telephonyConfigSpec,
    module: (config) => TelephonyAppModule.forRoot(config),
    env: { TELEPHONY_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, PUBLIC_BASE_URL: 'https://calls.parley.test', ...env },
    iso,
  });
}

/** A caller in a fresh tenant with every calls permission, as the gateway would derive it from a JWT. */
export function tenantCtx(extra: Partial<RequestContext> = {}): Partial<RequestContext> {
  return {
    tenant_id: randomUUID(),
    user_id: randomUUID(),
    roles: ['owner'],
    perms: ['calls:read', 'calls:write', 'settings:write'],
    ...extra,
  };
}
