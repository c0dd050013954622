import type { RequestContext } from '@parley/contracts';
import { bootServiceHarness, type Isolation, type ServiceHarness } from '@parley/testing';
import { randomUUID } from 'node:crypto';
import { LeadsAppModule } from '../../src/leads-app.module';
import { leadsConfigSpec, type LeadsConfig } from '../../src/leads.config';

/** The leads service booted on a fresh schema and subject prefix. */
export type LeadsHarness = ServiceHarness<LeadsConfig>;

/** Boots leads; pass `iso` of an earlier harness to boot it again on the same schema (a restart). */
export function bootLeads(env: Record<string, string> = {}, iso?: Isolation): Promise<LeadsHarness> {
  return bootServiceHarness({
    service: 'leads', spec: leadsConfigSpec, module: (config) => LeadsAppModule.forRoot(config), env, iso,
  });
}

/** A caller in a fresh tenant with every leads permission, as the gateway would derive it from a JWT. */
export function tenantCtx(extra: Partial<RequestContext> = {}): Partial<RequestContext> {
  return {
    tenant_id: randomUUID(),
    user_id: randomUUID(),
    roles: ['owner'],
    perms: ['leads:read', 'leads:write', 'campaigns:read', 'campaigns:write'],
    ...extra,
  };
}
