import { randomUUID } from 'node:crypto';
import { ErrorCode, LeadsSubjects, TelephonySubjects, ComplianceSubjects, VoiceAiSubjects as S, type RequestContext } from '@parley/contracts';
import { startPlatformDoubles, type PlatformDoubles } from './support/platform-doubles';
import { bootVoiceAi, tenantCtx, type VoiceAiHarness } from './support/voice-ai-harness';

/**
 * Conversations on the local engine over NATS, with leads, knowledge, compliance and telephony
 * played by responders: a full scripted sales call, an opt-out, a transfer, the wrap-up and the
 * events every turn leaves in the outbox.
 */
describe('conversations on the local provider (NATS, Postgres)', () => {
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

  async function salesTenant(): Promise<{ ctx: Partial<RequestContext>; tenant: string; agentId: string }> {
    const ctx = tenantCtx();
    const tenant = ctx.tenant_id as string;
    doubles.addKnowledge(tenant, {
      title: 'Pricing', heading: 'How much does Parley cost?',
      content: 'The Growth plan costs $49 per agent per month, billed monthly. Annual billing saves 20 percent.',
    });
    doubles.addKnowledge(tenant, {
      title: 'Product', heading: 'What is Parley?',
      content: 'Parley is an AI call center that answers and places calls for your sales team. It books meetings and updates your CRM automatically.',
    });
    const agent = await h.bus.send(S.createAgent, { name: 'Ava', company_name: 'Parley', role: 'sales' }, ctx);
    return { ctx, tenant, agentId: agent.id };
  }

  it('holds a scripted sales call from greeting to closing: pricing from knowledge, a price objection, a callback on the lead', async () => {
    const { ctx, tenant, agentId } = await salesTenant();
    const lead = doubles.addLead(tenant, { name: 'Jordan Lee', company: 'Northwind', phone: '+14155550123' });
    const call = await h.bus.send(S.createVoiceCall, { ai_agent_id: agentId, lead_id: lead.id, purpose: 'follow up on the demo request' }, ctx);
    expect(call).toMatchObject({ status: 'created', provider: 'local', call_type: 'web', lead_id: lead.id, phone_number: '+14155550123', turns: 0 });

    const start = await h.bus.send(S.startVoiceCall, { id: call.id }, ctx);
    expect(start.opening_message).toContain('Jordan');
    expect(start.opening_message).toContain('Ava');
    expect(start.session_info).toMatchObject({
      voice_call_id: call.id, agent: { id: agentId, name: 'Ava', tone: 'professional' }, provider: 'local', conversation_state: 'greeting',
      lead: { id: lead.id, name: 'Jordan Lee', company: 'Northwind' },
    });
    // Starting again answers the same opening, it does not greet twice.
    expect((await h.bus.send(S.startVoiceCall, { id: call.id }, ctx)).opening_message).toBe(start.opening_message);

    const say = (text: string) => h.bus.send(S.respondVoiceCall, { id: call.id, text }, ctx);
    const intro = await say('Hi, yes, this is Jordan. What is this about?');
    expect(intro).toMatchObject({ turn: 1, should_continue: true, conversation_state: 'discovery' });
    await say('We have a team of 12 sales reps and we lose a lot of calls.');

    const pricing = await say('How much does it cost?');
    expect(pricing.analysis.intent).toBe('pricing');
    expect(pricing.ai_response).toContain('$49 per agent per month');
    expect(pricing.sources).toEqual([expect.objectContaining({ title: 'Pricing', heading: 'How much does Parley cost?' })]);
    expect(pricing.actions).toContainEqual(expect.objectContaining({ type: 'knowledge_lookup', hits: 1 }));
    expect(pricing.latency.knowledge_ms).toBeGreaterThan(0);

    const objection = await say("Hmm, that's too expensive for us right now.");
    expect(objection).toMatchObject({ conversation_state: 'objection_handling', analysis: { intent: 'objection', objections: ['price'] } });
    expect(objection.analysis.sentiment.score).toBeLessThan(0);

    const callback = await say('Okay, that sounds interesting. Can you call me back tomorrow at 3pm?');
    const booked = callback.actions.find((a) => a.type === 'callback_booked');
    expect(booked).toMatchObject({ type: 'callback_booked', timezone: 'America/New_York', lead_id: lead.id });
    expect(callback.conversation_state).toBe('closing');
    const activity = doubles.leads.of(LeadsSubjects.createActivity, tenant).find((a) => a.type === 'callback_scheduled');
    expect(activity).toMatchObject({
      id: lead.id, type: 'callback_scheduled',
      metadata: { callback_at: (booked as { callback_at: string }).callback_at, timezone: 'America/New_York', voice_call_id: call.id },
    });
    expect(doubles.lead(tenant, lead.id)?.status).toBe('contacted');

    const bye = await say('Thanks, bye!');
    expect(bye).toMatchObject({ should_continue: false, conversation_state: 'ended', turn: 6 });
    await expect(say('One more thing')).rejects.toMatchObject({ code: ErrorCode.Conflict, message: 'the conversation has ended' });

    // Ended by the goodbye with its wrap-up; ending again answers the stored one and emits nothing more.
    const ended = await h.bus.send(S.endVoiceCall, { id: call.id }, ctx);
    expect(ended.summary).toMatchObject({
      state_reached: 'closing', objections: ['price'], objections_handled: ['price'], outcome: 'callback_booked',
      callback_at: (booked as { callback_at: string }).callback_at,
    });
    expect(ended.summary.states_visited).toEqual(expect.arrayContaining(['greeting', 'discovery', 'presentation', 'objection_handling', 'closing']));
    expect(ended.analytics.conversion_probability).toBeGreaterThan(0);
    expect(ended.qa.score).toBeGreaterThan(50);
    expect(await h.bus.send(S.endVoiceCall, { id: call.id }, ctx)).toEqual(ended);

    const detail = await h.bus.send(S.getVoiceCall, { id: call.id }, ctx);
    expect(detail).toMatchObject({ status: 'ended', conversation_state: 'ended', turns: 6, summary: ended.summary, qa: ended.qa });
    expect(detail.transcript.map((t) => `${t.turn}:${t.speaker}`)).toEqual([
      '0:ai', '1:caller', '1:ai', '2:caller', '2:ai', '3:caller', '3:ai', '4:caller', '4:ai', '5:caller', '5:ai', '6:caller', '6:ai',
    ]);
    expect(detail.transcript[5]).toMatchObject({ speaker: 'caller', text: 'How much does it cost?', analysis: { intent: 'pricing' }, latency: null });
    for (const line of detail.transcript.filter((t) => t.speaker === 'ai' && t.turn > 0)) {
      const { total_ms, processing_ms, model_ms, knowledge_ms, services_ms } = line.latency as NonNullable<typeof line.latency>;
      expect(model_ms).toBe(0);
      expect(processing_ms + model_ms + knowledge_ms + services_ms).toBeCloseTo(total_ms, 1);
    }

    const interactions = (await h.outbox('interaction.added')).filter((e) => e.data['voice_call_id'] === call.id);
    expect(interactions.map((e) => `${e.data['turn']}:${e.data['speaker']}`)).toEqual(detail.transcript.map((t) => `${t.turn}:${t.speaker}`));
    expect(interactions[5].data).toMatchObject({ ai_agent_id: agentId, lead_id: lead.id, call_id: null, text: 'How much does it cost?', intent: 'pricing' });
    expect(interactions[6].data['latency']).toMatchObject({ total_ms: expect.any(Number) });
    const sentiments = (await h.outbox('sentiment.changed')).filter((e) => e.data['voice_call_id'] === call.id);
    expect(sentiments.length).toBeGreaterThan(0);
    const qa = (await h.outbox('qa.score.updated')).filter((e) => e.data['voice_call_id'] === call.id);
    expect(qa).toHaveLength(1);
    expect(qa[0].data).toMatchObject({ qa: ended.qa, summary: ended.summary, sentiment: ended.summary.overall_sentiment.score });

    const totals = await h.bus.send(S.agentConversations, { id: agentId }, ctx);
    expect(totals.totals).toMatchObject({ calls: 0, chats: 1, success_rate: 1 });
    expect(totals.totals.average_response_ms).toBeGreaterThan(0);
    expect(totals.conversations.map((c) => c.id)).toEqual([call.id]);
  });

  it('honours an opt-out: the number goes on the DNC list and the lead is marked do not contact', async () => {
    const { ctx, tenant, agentId } = await salesTenant();
    const lead = doubles.addLead(tenant, { name: 'Casey Park', phone: '+14155550144' });
    const call = await h.bus.send(S.createVoiceCall, { ai_agent_id: agentId, lead_id: lead.id }, ctx);
    await h.bus.send(S.startVoiceCall, { id: call.id }, ctx);
    const turn = await h.bus.send(S.respondVoiceCall, { id: call.id, text: "Please stop calling me and remove me from your list." }, ctx);
    expect(turn).toMatchObject({ should_continue: false, conversation_state: 'ended', analysis: { intent: 'opt_out' } });
    expect(turn.actions).toContainEqual({ type: 'dnc_added', phone_number: '+14155550144' });
    expect(doubles.compliance.of(ComplianceSubjects.addDnc, tenant)).toEqual([
      expect.objectContaining({ phone_number: '+14155550144', source: 'opt_out' }),
    ]);
    expect(doubles.lead(tenant, lead.id)?.status).toBe('do_not_contact');
    const detail = await h.bus.send(S.getVoiceCall, { id: call.id }, ctx);
    expect(detail).toMatchObject({ status: 'ended', summary: { outcome: 'opted_out', recommendation: 'do_not_call' } });
  });

  it('hands a conversation on a phone call to a person through telephony, with the summary so far', async () => {
    const { ctx, tenant, agentId } = await salesTenant();
    const callId = randomUUID();
    const call = await h.bus.send(S.createVoiceCall, { ai_agent_id: agentId, call_id: callId, phone_number: '+14155550177' }, ctx);
    expect(call.call_type).toBe('phone');
    await h.bus.send(S.startVoiceCall, { id: call.id }, ctx);
    const turn = await h.bus.send(S.respondVoiceCall, { id: call.id, text: 'Can I talk to a real person please?' }, ctx);
    expect(turn.should_continue).toBe(false);
    const transfer = turn.actions.find((a) => a.type === 'transfer_requested');
    expect(transfer).toMatchObject({ type: 'transfer_requested', escalation_id: expect.any(String) });
    const [escalation] = doubles.telephony.of(TelephonySubjects.escalateCall, tenant);
    expect(escalation).toMatchObject({ call_id: callId, reason: expect.stringContaining('person') });
    expect(escalation.summary).toBeTruthy();
    expect((await h.bus.send(S.getVoiceCall, { id: call.id }, ctx)).summary?.outcome).toBe('transferred');
  });

  it('opens a conversation on the first turn when it was not started, and refuses what it cannot do', async () => {
    const { ctx, agentId } = await salesTenant();
    const call = await h.bus.send(S.createVoiceCall, { ai_agent_id: agentId }, ctx);
    const turn = await h.bus.send(S.respondVoiceCall, { id: call.id, text: 'Hello?' }, ctx);
    expect(turn.turn).toBe(1);
    expect((await h.bus.send(S.getVoiceCall, { id: call.id }, ctx)).transcript.map((t) => t.speaker)).toEqual(['ai', 'caller', 'ai']);

    await expect(h.bus.send(S.respondVoiceCall, { id: call.id }, ctx)).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
    await expect(h.bus.send(S.respondVoiceCall, { id: call.id, audio_data: Buffer.from('not really audio').toString('base64') }, ctx))
      .rejects.toMatchObject({ code: ErrorCode.ValidationFailed, message: expect.stringContaining('no speech provider configured') });

    await expect(h.bus.send(S.createVoiceCall, { ai_agent_id: randomUUID() }, ctx)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    // A lead leads does not know (another tenant's, or gone) is a 404, as leads answered.
    await expect(h.bus.send(S.createVoiceCall, { ai_agent_id: agentId, lead_id: randomUUID() }, ctx))
      .rejects.toMatchObject({ code: ErrorCode.NotFound, message: 'lead not found' });
    await h.bus.send(S.activateAgent, { id: agentId }, ctx);
    await h.bus.send(S.pauseAgent, { id: agentId }, ctx);
    await expect(h.bus.send(S.createVoiceCall, { ai_agent_id: agentId }, ctx))
      .rejects.toMatchObject({ code: ErrorCode.Conflict, message: 'the AI agent is paused: activate it first' });
  });

  it('refuses the openai provider when no key is configured', async () => {
    const ctx = tenantCtx();
    const agent = await h.bus.send(S.createAgent, { name: 'Olly', provider: 'openai' }, ctx);
    await expect(h.bus.send(S.createVoiceCall, { ai_agent_id: agent.id }, ctx))
      .rejects.toMatchObject({ code: ErrorCode.ValidationFailed, message: expect.stringContaining('openai provider is not configured') });
  });

  it("lists a tenant's conversations with filters and never another tenant's", async () => {
    const { ctx, agentId } = await salesTenant();
    const stranger = tenantCtx();
    const first = await h.bus.send(S.createVoiceCall, { ai_agent_id: agentId }, ctx);
    const second = await h.bus.send(S.createVoiceCall, { ai_agent_id: agentId, call_type: 'chat' }, ctx);
    await h.bus.send(S.endVoiceCall, { id: first.id, reason: 'test over' }, ctx);
    expect((await h.bus.send(S.listVoiceCalls, {}, ctx)).data.map((c) => c.id)).toEqual([second.id, first.id]);
    expect((await h.bus.send(S.listVoiceCalls, { status: 'ended' }, ctx)).data.map((c) => c.id)).toEqual([first.id]);
    expect((await h.bus.send(S.listVoiceCalls, { ai_agent_id: agentId, status: 'created' }, ctx)).data.map((c) => c.id)).toEqual([second.id]);

    expect((await h.bus.send(S.listVoiceCalls, {}, stranger)).total).toBe(0);
    for (const send of [
      () => h.bus.send(S.getVoiceCall, { id: second.id }, stranger),
      () => h.bus.send(S.startVoiceCall, { id: second.id }, stranger),
      () => h.bus.send(S.respondVoiceCall, { id: second.id, text: 'hello' }, stranger),
      () => h.bus.send(S.endVoiceCall, { id: second.id }, stranger),
      () => h.bus.send(S.createVoiceCall, { ai_agent_id: agentId }, stranger),
    ]) {
      await expect(send()).rejects.toMatchObject({ code: ErrorCode.NotFound });
    }
    expect((await h.bus.send(S.getVoiceCall, { id: second.id }, ctx)).status).toBe('created');
  });
});
