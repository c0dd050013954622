import { randomUUID } from 'node:crypto';
import { KnowledgeSubjects, VoiceAiSubjects as S } from '@parley/contracts';
import { domainEvent, eventually, publishDomainEvent } from '@parley/testing';
import { startPlatformDoubles, type PlatformDoubles } from './support/platform-doubles';
import { bootVoiceAi, tenantCtx, type VoiceAiHarness } from './support/voice-ai-harness';

/**
 * Knowledge hits reused by this replica: a question asked again is answered without a round trip
 * to knowledge, until the tenant's knowledge changes (knowledge.document.ready) or the entry ages out.
 */
describe('knowledge hits cached per replica (NATS, Postgres)', () => {
  let h: VoiceAiHarness;
  let doubles: PlatformDoubles;

  beforeAll(async () => {
    h = await bootVoiceAi();
    doubles = await startPlatformDoubles(h.iso.prefix);
  });

  afterAll(async () => {
    await doubles?.close();
    await h?.close();
  });

  const searches = (tenant: string) => doubles.knowledge.of(KnowledgeSubjects.search, tenant).length;

  it('answers a repeated question from the cache until a new document of the tenant is ready', async () => {
    const ctx = tenantCtx();
    const tenant = ctx.tenant_id as string;
    const other = tenantCtx();
    doubles.addKnowledge(tenant, { title: 'Refunds', heading: 'Refunds', content: 'Refunds are available within 30 days of purchase.' });
    doubles.addKnowledge(other.tenant_id as string, { title: 'Refunds', heading: 'Refunds', content: 'Refunds are available within 14 days.' });

    const first = await h.bus.send(S.aiQuery, { query: 'How do refunds work?' }, ctx);
    const again = await h.bus.send(S.aiQuery, { query: '  how do REFUNDS work ' }, ctx);
    expect(first.answer).toBe('Refunds are available within 30 days of purchase.');
    expect(again.answer).toBe(first.answer);
    expect(again.sources).toEqual(first.sources);
    expect(searches(tenant)).toBe(1);
    await h.bus.send(S.aiQuery, { query: 'How do refunds work?' }, other);
    expect(searches(other.tenant_id as string)).toBe(1);

    // Knowledge ingests a new document: the tenant's next question goes to knowledge and finds it.
    doubles.addKnowledge(tenant, { title: 'Refunds 2026', heading: 'Refunds', content: 'Refunds work through the billing page, refunds within 60 days of purchase.' });
    await publishDomainEvent(h.bus.nc, h.iso.prefix, domainEvent('knowledge.document.ready', tenant, {
      document_id: randomUUID(), title: 'Refunds 2026', type: 'faq', knowledge_base: 'default', category: null, chunk_count: 1, page_count: null,
    }));
    const fresh = await eventually(async () => {
      const answer = await h.bus.send(S.aiQuery, { query: 'How do refunds work?' }, ctx);
      return searches(tenant) === 2 ? answer : null;
    });
    expect(fresh.sources.map((s) => s.title)).toEqual(['Refunds 2026', 'Refunds']);

    // Another tenant's hits stay cached.
    await h.bus.send(S.aiQuery, { query: 'How do refunds work?' }, other);
    expect(searches(other.tenant_id as string)).toBe(1);
  });

  it('asks knowledge again when it found nothing', async () => {
    const ctx = tenantCtx();
    const tenant = ctx.tenant_id as string;
    await h.bus.send(S.aiQuery, { query: 'Do you ship to Mars?' }, ctx);
    await h.bus.send(S.aiQuery, { query: 'Do you ship to Mars?' }, ctx);
    expect(searches(tenant)).toBe(2);
  });

  it('caches per set of knowledge bases: an agent limited to some bases does not get hits of all', async () => {
    const ctx = tenantCtx();
    const tenant = ctx.tenant_id as string;
    doubles.addKnowledge(tenant, { title: 'Support refunds', heading: 'Refunds', content: 'Refunds are available within 30 days.', knowledge_base: 'support' });
    doubles.addKnowledge(tenant, { title: 'Reseller refunds', heading: 'Refunds', content: 'Resellers get refunds within 14 days.', knowledge_base: 'sales' });
    const agent = await h.bus.send(S.createAgent, { name: 'Supp', provider: 'local', knowledge_bases: ['support'] }, ctx);

    const all = await h.bus.send(S.aiQuery, { query: 'How do refunds work?' }, ctx);
    const scoped = await h.bus.send(S.aiQuery, { query: 'How do refunds work?', ai_agent_id: agent.id }, ctx);

    expect(all.sources).toHaveLength(2);
    expect(scoped.sources.map((s) => s.title)).toEqual(['Support refunds']);
    expect(searches(tenant)).toBe(2);
  });
});
