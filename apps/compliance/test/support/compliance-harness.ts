import type { RequestContext } from '@parley/contracts';
import { bootServiceHarness, type Isolation, type ServiceHarness } from '@parley/testing';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { ComplianceAppModule } from '../../src/compliance-app.module';
import { complianceConfigSpec, type ComplianceConfig } from '../../src/compliance.config';

/** The compliance service booted on a fresh schema and subject prefix. */
export type ComplianceHarness = ServiceHarness<ComplianceConfig>;

/** Boots compliance; pass `iso` of an earlier harness to boot a second replica on the same schema. */
export function bootCompliance(env: Record<string, string> = {}, iso?: Isolation): Promise<ComplianceHarness> {
  return bootServiceHarness({
    service: 'compliance', spec: complianceConfigSpec, module: (config) => ComplianceAppModule.forRoot(config), env, iso,
  });
}

/** A caller in a fresh tenant with every compliance permission, as the gateway would derive it from a JWT. */
export function tenantCtx(extra: Partial<RequestContext> = {}): Partial<RequestContext> {
  return {
    tenant_id: randomUUID(),
    user_id: randomUUID(),
    roles: ['owner'],
    perms: ['compliance:read', 'compliance:write'],
    ...extra,
  };
}

/** Puts a CSV into the transfer store as the gateway does with a multipart upload; answers its name. */
export async function putCsv(svc: ComplianceHarness, csv: string): Promise<string> {
  const store = svc.bus.transfers();
  const name = store.newName('test-dnc-import');
  await store.put(name, Readable.from([Buffer.from(csv)]));
  return name;
}
