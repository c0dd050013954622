import { ComplianceSubjects, LeadsSubjects, VoiceAiSubjects as S, type RequestContext } from '@parley/contracts';
import { startFakeOpenAI, type FakeOpenAI } from '@parley/testing';
import { startPlatformDoubles, type PlatformDoubles } from './support/platform-doubles';
import { bootVoiceAi, tenantCtx, type VoiceAiHarness } from './support/voice-ai-harness';

/**
 * Conversations on the openai provider over NATS, the model played by the fake OpenAI (streamed
 * chat completions, tool calls, structured output): the same sales call as the local provider's,
 * with the knowledge lookup, the callback and the transfer done as tool calls.
 */
describe('conversations on the openai provider (NATS, Postgres, fake OpenAI)', () => {
  let h: VoiceAiHarness;
  let fake: FakeOpenAI;
  let doubles: PlatformDoubles;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    h = await bootVoiceAi({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL, OPENAI_CHAT_MODEL: 'gpt-4o-mini' });
    doubles = await startPlatformDoubles(h.iso.prefix);
  });

  afterAll(async () => {
    await doubles?.close();
    await h?.close();
    await fake?.close();
  });

  async function openaiTenant(): Promise<{ ctx: Partial<RequestContext>; tenant: string; agentId: string }> {
    const ctx = tenantCtx();
    const tenant = ctx.tenant_id as string;
    doubles.addKnowledge(tenant, { title: 'Pricing', heading: 'Growth plan', content: 'The Growth plan costs $49 per agent per month.' });
    const agent = await h.bus.send(S.createAgent, {
      name: 'Ava', company_name: 'Parley', role: 'sales', provider: 'openai',
      extraction_fields: [{ name: 'callback_at', type: 'date' }, { name: 'interested', type: 'boolean' }],
    }, ctx);
    return { ctx, tenant, agentId: agent.id };
  }

  const chatRequests = () => fake.requests.filter((r) => r.path === '/v1/chat/completions').map((r) => r.body as Record<string, any>);

  it('holds a sales call through tool calls: knowledge, a callback on the lead, then a transfer', async () => {
    const { ctx, tenant, agentId } = await openaiTenant();
    const lead = doubles.addLead(tenant, { name: 'Jordan Lee', company: 'Northwind', phone: '+14155550123' });
    const call = await h.bus.send(S.createVoiceCall, { ai_agent_id: agentId, lead_id: lead.id, purpose: 'follow up on the demo request' }, ctx);
    expect(call).toMatchObject({ provider: 'openai', status: 'created' });
    const start = await h.bus.send(S.startVoiceCall, { id: call.id }, ctx);
    expect(start.opening_message.length).toBeGreaterThan(0);

    const say = (text: string) => h.bus.send(S.respondVoiceCall, { id: call.id, text }, ctx);
    const before = chatRequests().length;
    const pricing = await say('How much does the Growth plan cost?');
    expect(pricing.ai_response).toContain('The Growth plan costs $49 per agent per month.');
    expect(pricing).toMatchObject({ should_continue: true, analysis: { intent: 'pricing' } });
    expect(pricing.actions).toEqual([{ type: 'knowledge_lookup', query: 'How much does the Growth plan cost?', hits: 1 }]);
    expect(pricing.sources).toEqual([expect.objectContaining({ title: 'Pricing', heading: 'Growth plan' })]);
    expect(pricing.latency.model_ms).toBeGreaterThan(0);
    const { total_ms, processing_ms, model_ms, knowledge_ms, services_ms } = pricing.latency;
    expect(processing_ms + model_ms + knowledge_ms + services_ms).toBeCloseTo(total_ms, 1);
    // Two streamed rounds: the tool call, then the structured answer using its result.
    const rounds = chatRequests().slice(before);
    expect(rounds).toHaveLength(2);
    expect(rounds.every((r) => r.stream === true && r.response_format?.type === 'json_schema')).toBe(true);
    expect(rounds[1].messages.at(-1)).toMatchObject({ role: 'tool' });
    expect(doubles.knowledge.of('knowledge.search', tenant)).toEqual([expect.objectContaining({ query: 'How much does the Growth plan cost?' })]);

    const callback = await say('Can you call me back tomorrow at 3pm?');
    const booked = callback.actions.find((a) => a.type === 'callback_booked') as { callback_at: string } | undefined;
    expect(booked).toBeDefined();
    expect(doubles.leads.of(LeadsSubjects.createActivity, tenant)).toContainEqual(expect.objectContaining({
      id: lead.id, type: 'callback_scheduled', metadata: expect.objectContaining({ callback_at: booked!.callback_at, voice_call_id: call.id }),
    }));

    const transfer = await say('Actually, let me talk to a real person, your manager please.');
    expect(transfer.should_continue).toBe(false);
    expect(transfer.actions).toContainEqual(expect.objectContaining({ type: 'transfer_requested', reason: 'Actually, let me talk to a real person, your manager please.' }));

    const detail = await h.bus.send(S.getVoiceCall, { id: call.id }, ctx);
    expect(detail.status).toBe('ended');
    expect(detail.summary).toMatchObject({ outcome: 'transferred', callback_at: booked!.callback_at });
    expect(detail.extracted).toMatchObject({ callback_at: expect.any(String) });
    const interactions = (await h.outbox('interaction.added')).filter((e) => e.data['voice_call_id'] === call.id);
    expect(interactions.map((e) => e.data['speaker'])).toEqual(['ai', 'caller', 'ai', 'caller', 'ai', 'caller', 'ai']);
    expect((await h.outbox('qa.score.updated')).filter((e) => e.data['voice_call_id'] === call.id)).toHaveLength(1);
  });

  it('puts the number on the DNC list when the caller opts out', async () => {
    const { ctx, tenant, agentId } = await openaiTenant();
    const lead = doubles.addLead(tenant, { name: 'Casey Park', phone: '+14155550144' });
    const call = await h.bus.send(S.createVoiceCall, { ai_agent_id: agentId, lead_id: lead.id }, ctx);
    await h.bus.send(S.startVoiceCall, { id: call.id }, ctx);
    const turn = await h.bus.send(S.respondVoiceCall, { id: call.id, text: 'Stop calling me and remove me from your list.' }, ctx);
    expect(turn.should_continue).toBe(false);
    expect(turn.actions).toContainEqual({ type: 'dnc_added', phone_number: '+14155550144' });
    expect(doubles.compliance.of(ComplianceSubjects.addDnc, tenant)).toEqual([expect.objectContaining({ phone_number: '+14155550144', source: 'opt_out' })]);
    const detail = await h.bus.send(S.getVoiceCall, { id: call.id }, ctx);
    expect(detail.summary).toMatchObject({ outcome: 'opted_out' });
  });
});
