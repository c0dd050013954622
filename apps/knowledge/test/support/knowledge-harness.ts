import type { RequestContext } from '@parley/contracts';
import { bootServiceHarness, type Isolation, type ServiceHarness } from '@parley/testing';
import { randomUUID } from 'node:crypto';
import { KnowledgeAppModule } from '../../src/knowledge-app.module';
import { knowledgeConfigSpec, type KnowledgeConfig } from '../../src/knowledge.config';

/** The knowledge service booted on a fresh schema and subject prefix. */
export type KnowledgeHarness = ServiceHarness<KnowledgeConfig>;

/** Boots knowledge; pass `iso` of an earlier harness to boot it again on the same schema (a restart). */
export function bootKnowledge(env: Record<string, string> = {}, iso?: Isolation): Promise<KnowledgeHarness> {
  return bootServiceHarness({
    service: 'knowledge', spec: knowledgeConfigSpec, module: (config) => KnowledgeAppModule.forRoot(config),
    // Tests crawl sites served on loopback and want uploads picked up at once.
    env: { CRAWL_ALLOW_PRIVATE_HOSTS: 'true', INGEST_POLL_MS: '200', ...env }, iso,
  });
}

/** A caller in a fresh tenant with every knowledge permission, as the gateway would derive it from a JWT. */
export function tenantCtx(extra: Partial<RequestContext> = {}): Partial<RequestContext> {
  return {
    tenant_id: randomUUID(),
    user_id: randomUUID(),
    roles: ['owner'],
    perms: ['knowledge:read', 'knowledge:write'],
    ...extra,
  };
}
