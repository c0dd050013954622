import { randomUUID } from 'node:crypto';
import { ErrorCode, LeadsSubjects, VoiceAiSubjects as S, type RequestContext } from '@parley/contracts';
import { recogniseFakeSpeech, startFakeOpenAI, synthesizeFakeSpeech, type FakeOpenAI } from '@parley/testing';
import { startPlatformDoubles, type PlatformDoubles } from './support/platform-doubles';
import { bootVoiceAi, tenantCtx, type VoiceAiHarness } from './support/voice-ai-harness';

const RIGHT_KEY = 'sk-test-right-key-1234';

/**
 * AI settings (sealed key), the real connection test and provider health against the fake OpenAI,
 * spoken turns through its speech APIs, `/ai/query`, recommendations, and the onboarding setup.
 */
describe('settings, providers, intelligence and setup (NATS, Postgres, fake OpenAI)', () => {
  let h: VoiceAiHarness;
  let doubles: PlatformDoubles;
  let openai: FakeOpenAI;

  beforeAll(async () => {
    openai = await startFakeOpenAI({ apiKey: RIGHT_KEY });
    h = await bootVoiceAi();
    doubles = await startPlatformDoubles(h.iso.prefix);
  });

  afterAll(async () => {
    await doubles?.close();
    await h?.close();
    await openai?.close();
  });

  const withOpenAI = async (key = RIGHT_KEY): Promise<Partial<RequestContext>> => {
    const ctx = tenantCtx();
    await h.bus.send(S.updateSettings, { openai_api_key: key, openai_base_url: openai.baseURL }, ctx);
    return ctx;
  };

  it('keeps the OpenAI key sealed and write-only', async () => {
    const ctx = tenantCtx();
    expect(await h.bus.send(S.getSettings, {}, ctx)).toEqual({
      openai_configured: false, openai_api_key_hint: null, openai_base_url: null, chat_model: null, realtime_model: null,
      default_provider: 'local', updated_at: null,
    });
    await expect(h.bus.send(S.updateSettings, { default_provider: 'openai' }, ctx)).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
    const saved = await h.bus.send(S.updateSettings, { openai_api_key: 'sk-live-secret-9876', openai_base_url: `${openai.baseURL}/`, default_provider: 'openai' }, ctx);
    expect(saved).toMatchObject({ openai_configured: true, openai_api_key_hint: '9876', openai_base_url: openai.baseURL, default_provider: 'openai' });
    expect(JSON.stringify(saved)).not.toContain('secret');
    // A partial update keeps the key.
    expect(await h.bus.send(S.updateSettings, { chat_model: 'gpt-4o' }, ctx)).toMatchObject({ openai_api_key_hint: '9876', chat_model: 'gpt-4o' });
    const [row] = await h.sql<{ sealed: Buffer }>('SELECT openai_api_key_encrypted AS sealed FROM ai_settings WHERE tenant_id = $1', [ctx.tenant_id]);
    expect(row.sealed.toString('latin1')).not.toContain('sk-live-secret-9876');
    // Agents that name no provider take the tenant's default.
    expect((await h.bus.send(S.createAgent, { name: 'Default' }, ctx)).provider).toBe('openai');
  });

  it('tests the OpenAI connection for real: no key, a good key, a refused key', async () => {
    expect(await h.bus.send(S.testConnection, {}, tenantCtx())).toEqual({
      checked: true, ok: false, configured: false, base_url: null, models: [], chat_model_found: false, latency_ms: null, error: null,
    });
    const good = await h.bus.send(S.testConnection, {}, await withOpenAI());
    expect(good).toMatchObject({ checked: true, ok: true, configured: true, base_url: openai.baseURL, chat_model_found: true, error: null });
    expect(good.models).toEqual(expect.arrayContaining(['gpt-4o-mini', 'gpt-realtime']));
    expect(good.latency_ms).toEqual(expect.any(Number));
    const refused = await h.bus.send(S.testConnection, {}, await withOpenAI('sk-test-wrong-key-0000'));
    expect(refused).toMatchObject({ ok: false, configured: true, models: [], error: { status: 401, message: expect.any(String) } });
  });

  it('reports which providers are configured and healthy', async () => {
    const none = await h.bus.send(S.aiProviders, {}, tenantCtx());
    expect(none).toEqual({
      default_provider: 'local',
      providers: [
        { name: 'local', configured: true, healthy: true, source: 'built_in', base_url: null, chat_model: null, realtime_model: null, latency_ms: 0, error: null },
        { name: 'openai', configured: false, healthy: false, source: null, base_url: null, chat_model: null, realtime_model: null, latency_ms: null, error: null },
      ],
    });
    const configured = await h.bus.send(S.aiProviders, {}, await withOpenAI());
    expect(configured.providers[1]).toMatchObject({
      name: 'openai', configured: true, healthy: true, source: 'tenant', base_url: openai.baseURL, chat_model: 'gpt-4o-mini', realtime_model: 'gpt-realtime',
    });
  });

  it('answers a spoken turn: transcribed, answered, and spoken back', async () => {
    const ctx = await withOpenAI();
    doubles.addKnowledge(ctx.tenant_id as string, { title: 'Pricing', heading: 'Price', content: 'The Growth plan costs $49 per agent per month.' });
    const agent = await h.bus.send(S.createAgent, { name: 'Ava', provider: 'local' }, ctx);
    const call = await h.bus.send(S.createVoiceCall, { ai_agent_id: agent.id }, ctx);
    await h.bus.send(S.startVoiceCall, { id: call.id }, ctx);
    const audio = synthesizeFakeSpeech('How much does it cost?').toString('base64');
    const turn = await h.bus.send(S.respondVoiceCall, { id: call.id, audio_data: audio }, ctx);
    expect(turn.analysis.intent).toBe('pricing');
    expect(turn.ai_response).toContain('$49');
    expect(recogniseFakeSpeech(Buffer.from(turn.audio_data as string, 'base64'))).toBe(turn.ai_response);
    const detail = await h.bus.send(S.getVoiceCall, { id: call.id }, ctx);
    expect(detail.transcript[1]).toMatchObject({ speaker: 'caller', text: 'How much does it cost?' });
  });

  it('answers /ai/query from knowledge: in the best hit\'s words locally, written by the model on openai', async () => {
    const ctx = await withOpenAI();
    const tenant = ctx.tenant_id as string;
    doubles.addKnowledge(tenant, { title: 'Refunds', heading: 'Can I get a refund?', content: 'Yes. Refunds are available within 30 days of purchase. Contact support to start one.', knowledge_base: 'support' });
    doubles.addKnowledge(tenant, { title: 'Refunds (sales)', heading: 'Refunds for resellers', content: 'Resellers get refunds within 14 days.', knowledge_base: 'sales' });
    const local = await h.bus.send(S.aiQuery, { query: 'How do refunds work?' }, ctx);
    expect(local.provider).toBe('local');
    expect(local.answer).toMatch(/Refunds are available within 30 days|Resellers get refunds/);
    expect(local.sources.length).toBe(2);
    expect(local.latency.model_ms).toBe(0);

    const agent = await h.bus.send(S.createAgent, { name: 'Supp', provider: 'openai', knowledge_bases: ['support'] }, ctx);
    const before = openai.requests.length;
    const answered = await h.bus.send(S.aiQuery, { query: 'How do refunds work?', ai_agent_id: agent.id }, ctx);
    expect(answered).toMatchObject({ provider: 'openai', sources: [expect.objectContaining({ title: 'Refunds' })] });
    expect(answered.answer.length).toBeGreaterThan(0);
    expect(answered.latency.model_ms).toBeGreaterThan(0);
    const request = openai.requests.slice(before).find((r) => r.path === '/v1/chat/completions');
    expect(JSON.stringify(request?.body)).toContain('Refunds are available within 30 days');
    expect(JSON.stringify(request?.body)).not.toContain('Resellers');
  });

  it('recommends the next best action for a lead from its activities and conversations', async () => {
    const ctx = tenantCtx();
    const tenant = ctx.tenant_id as string;
    const lead = doubles.addLead(tenant, { name: 'Riley', status: 'contacted', score: 0.55, last_contacted_at: new Date(Date.now() - 86_400_000).toISOString() });
    const callbackAt = new Date(Date.now() + 2 * 86_400_000).toISOString();
    await h.bus.send(LeadsSubjects.createActivity, { id: lead.id, type: 'callback_scheduled', metadata: { callback_at: callbackAt } }, ctx);
    const rec = await h.bus.send(S.recommendations, { lead_id: lead.id, context: 'asked for a quote' }, ctx);
    expect(rec).toMatchObject({ lead_id: lead.id, action: 'schedule_callback', channel: 'phone', suggested_at: callbackAt, facts: { status: 'contacted', activities: 1 } });
    expect(rec.reasons[0]).toContain(callbackAt);
    expect(rec.talking_points).toContain('Keep in mind: asked for a quote');

    const optedOut = doubles.addLead(tenant, { name: 'Quinn', phone: '+14155550166' });
    const agent = await h.bus.send(S.createAgent, { name: 'Ava' }, ctx);
    const call = await h.bus.send(S.createVoiceCall, { ai_agent_id: agent.id, lead_id: optedOut.id }, ctx);
    await h.bus.send(S.respondVoiceCall, { id: call.id, text: "Don't call me again." }, ctx);
    expect(await h.bus.send(S.recommendations, { lead_id: optedOut.id }, ctx)).toMatchObject({ action: 'do_not_contact', channel: 'none' });

    await expect(h.bus.send(S.recommendations, { lead_id: randomUUID() }, ctx)).rejects.toMatchObject({ code: ErrorCode.NotFound });
  });

  it('onboards: voice of the newest draft, then deploys the newest agent', async () => {
    const ctx = tenantCtx();
    doubles.setTwilioNumber(ctx.tenant_id as string, '+14155550190');
    await expect(h.bus.send(S.onboardingVoice, { voice: { speed: 1.1 } }, ctx)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    await h.bus.send(S.createAgent, { name: 'Old' }, ctx);
    const newest = await h.bus.send(S.createAgent, { name: 'New' }, ctx);
    const voiced = await h.bus.send(S.onboardingVoice, { voice: { voice_id: 'Polly.Amy', language: 'en-GB' } }, ctx);
    expect(voiced).toMatchObject({ id: newest.id, voice: { voice_id: 'Polly.Amy', language: 'en-GB' } });
    const deployed = await h.bus.send(S.onboardingDeploy, {}, ctx);
    expect(deployed).toMatchObject({ success: true, phone_number: '+14155550190', agent: { id: newest.id, status: 'active' } });
  });

  it('completes a setup in one request, and undoes it when a step fails', async () => {
    const ctx = tenantCtx();
    const tenant = ctx.tenant_id as string;
    const done = await h.bus.send(S.setupComplete, {
      business: { company_name: 'Northwind' },
      knowledge: { faq_text: 'Q: Do you ship abroad?\nA: Yes, to 40 countries.' },
      api_config: { openai: { openai_api_key: RIGHT_KEY, openai_base_url: openai.baseURL } },
      agents: [{ name: 'Ava', knowledge_bases: ['faq'] }, { name: 'Ben', provider: 'openai' }],
    }, ctx);
    expect(done.success).toBe(true);
    expect(done.steps.map((s) => [s.step, s.status])).toEqual([
      ['api_config.openai', 'applied'], ['api_config.twilio', 'skipped'], ['business', 'applied'], ['knowledge', 'applied'], ['agents', 'applied'],
    ]);
    expect(done.agents.map((a) => [a.name, a.provider])).toEqual([['Ava', 'local'], ['Ben', 'openai']]);
    expect(done.steps[4].ids).toEqual(done.agents.map((a) => a.id));
    expect(doubles.knowledge.of('knowledge.document.create', tenant)[0]).toMatchObject({ knowledge_base: 'faq' });

    const failing = tenantCtx();
    const failingTenant = failing.tenant_id as string;
    doubles.failBusinessConfigs(failingTenant);
    const failed = await h.bus.send(S.setupComplete, {
      api_config: {
        openai: { openai_api_key: RIGHT_KEY, default_provider: 'openai' },
        twilio: { twilio_account_sid: `AC${'a'.repeat(32)}`, twilio_auth_token: 'twilio-token-0123456789', twilio_phone_number: '+14155550100' },
      },
      business: { company_name: 'Contoso' },
      agents: [{ name: 'Never' }],
    }, failing);
    expect(failed.success).toBe(false);
    expect(failed.agents).toEqual([]);
    // Twilio is applied last: a failure in another step never reaches it.
    expect(failed.steps).toEqual([
      { step: 'api_config.openai', status: 'rolled_back', ids: [], error: null },
      { step: 'api_config.twilio', status: 'skipped', ids: [], error: null },
      { step: 'business', status: 'failed', ids: [], error: { code: ErrorCode.ValidationFailed, message: 'website must be reachable' } },
      { step: 'knowledge', status: 'skipped', ids: [], error: null },
      { step: 'agents', status: 'skipped', ids: [], error: null },
    ]);
    expect(await h.bus.send(S.getSettings, {}, failing)).toMatchObject({ openai_configured: false, default_provider: 'local' });
    expect((await h.bus.send(S.listAgents, {}, failing)).total).toBe(0);
    expect(doubles.telephony.of('telephony.settings.update', failingTenant)).toEqual([]);
    expect(doubles.twilioSettings(failingTenant)).toBeUndefined();

    // Twilio itself fails after saving (its answer lost): the first-time settings are deleted, the rest undone.
    const lost = tenantCtx();
    const lostTenant = lost.tenant_id as string;
    doubles.loseTwilioSaveAnswer(lostTenant);
    const unanswered = await h.bus.send(S.setupComplete, {
      api_config: { twilio: { twilio_account_sid: `AC${'a'.repeat(32)}`, twilio_auth_token: 'twilio-token-0123456789', twilio_phone_number: '+14155550100' } },
      business: { company_name: 'Fabrikam' },
      knowledge: { websites: ['https://fabrikam.example.com'] },
      agents: [{ name: 'Never either' }],
    }, lost);
    expect(unanswered.success).toBe(false);
    expect(unanswered.steps).toEqual([
      { step: 'api_config.openai', status: 'skipped', ids: [], error: null },
      { step: 'api_config.twilio', status: 'failed', ids: [], error: { code: ErrorCode.ServiceUnavailable, message: 'telephony service did not answer' } },
      { step: 'business', status: 'rolled_back', ids: [expect.any(String)], error: null },
      { step: 'knowledge', status: 'rolled_back', ids: [expect.any(String)], error: null },
      { step: 'agents', status: 'rolled_back', ids: [expect.any(String)], error: null },
    ]);
    expect(doubles.telephony.of('telephony.settings.delete', lostTenant)).toHaveLength(1);
    expect(doubles.twilioSettings(lostTenant)).toBeUndefined();
    expect((await h.bus.send(S.listAgents, {}, lost)).total).toBe(0);

    await expect(h.bus.send(S.setupComplete, { agents: [{ name: 'X', provider: 'openai' }] }, tenantCtx()))
      .rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
    await expect(h.bus.send(S.setupComplete, {}, tenantCtx())).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
  });
});
