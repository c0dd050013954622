import { eventually } from '@parley/testing';
import { registerTenant, type TestTenant } from './support/api';
import { readyFaqDocument } from './support/knowledge';
import { E2E_OPENAI_KEY } from './support/platform';
import { useOwnPlatform } from './support/spec-platform';
import { activeAgent, createLead, RealtimeClient, SALES_FAQ, startConversation } from './support/voice-ai';

interface ChatRequest {
  messages: Array<{ role: string; content?: unknown; tool_calls?: Array<{ function: { name: string; arguments: string } }> }>;
  tools?: Array<{ function: { name: string } }>;
  stream?: boolean;
  response_format?: { type: string };
}

/**
 * Agents on the openai provider, against a fake OpenAI that speaks the real wire format: the
 * platform's key and base URL point at it, tool calls are executed by voice-ai and fed back, audio
 * is transcribed and answered with speech, and the connection test checks the key for real.
 */
describe('AI agents on the openai provider (a fake OpenAI)', () => {
  const own = useOwnPlatform({ openai: true });
  let owner: TestTenant;

  const chatRequests = (since: number): ChatRequest[] =>
    own.openai.requests.slice(since).filter((r) => r.path === '/v1/chat/completions').map((r) => r.body as ChatRequest);

  beforeAll(async () => {
    owner = await registerTenant(own.api, 'voice-openai');
    await readyFaqDocument(own.api, owner, SALES_FAQ);
  }, 60_000);

  it('reports OpenAI configured from the environment, healthy, and checks the key for real', async () => {
    const providers = await own.api.get('/api/v1/ai/providers', { token: owner.token });
    expect(providers.status).toBe(200);
    const openai = providers.body.providers.find((p: { name: string }) => p.name === 'openai');
    expect(openai).toMatchObject({ configured: true, healthy: true, source: 'environment', base_url: own.openai.baseURL, error: null });

    const tested = await own.api.post('/api/v1/config/test-connection', {}, { token: owner.token });
    expect(tested.status).toBe(200);
    // No Twilio account saved: that half says so; OpenAI answered with its models.
    expect(tested.body.twilio).toMatchObject({ ok: false, configured: false });
    expect(tested.body.openai).toMatchObject({
      checked: true, ok: true, configured: true, base_url: own.openai.baseURL, chat_model_found: true, error: null,
    });
    expect(tested.body.openai.models).toEqual(expect.arrayContaining(['gpt-4o-mini', 'gpt-realtime']));
    expect(tested.body.openai.latency_ms).toBeGreaterThanOrEqual(0);
  });

  it('uses the tenant\'s own key when it saved one, and reports the provider\'s refusal of a wrong one', async () => {
    const tenant = await registerTenant(own.api, 'voice-openai-own-key');
    const saved = await own.api.put('/api/v1/config/ai', { openai_api_key: 'sk-wrong-key-0000', openai_base_url: own.openai.baseURL }, { token: tenant.token });
    expect(saved.body).toMatchObject({ openai_configured: true, openai_api_key_hint: '0000' });

    const tested = await own.api.post('/api/v1/config/test-connection', { provider: 'openai' }, { token: tenant.token });
    expect(tested.status).toBe(200);
    expect(tested.body).toEqual({ openai: expect.objectContaining({ checked: true, ok: false, configured: true, models: [] }) });
    expect(tested.body.openai.error).toMatchObject({ status: 401, message: expect.any(String) });
    const providers = await own.api.get('/api/v1/ai/providers', { token: tenant.token });
    expect(providers.body.providers.find((p: { name: string }) => p.name === 'openai')).toMatchObject({ configured: true, healthy: false, source: 'tenant' });

    const fixed = await own.api.put('/api/v1/config/ai', { openai_api_key: E2E_OPENAI_KEY }, { token: tenant.token });
    expect(fixed.status).toBe(200);
    const again = await own.api.post('/api/v1/config/test-connection', { provider: 'openai' }, { token: tenant.token });
    expect(again.body.openai).toMatchObject({ ok: true, configured: true, error: null });
  });

  it('holds a conversation through chat completions: knowledge by tool call, a booked callback, then a transfer to a human', async () => {
    const lead = await createLead(own.api, owner, { phone: '+12125550171' });
    const agent = await activeAgent(own.api, owner, {
      provider: 'openai', extraction_fields: [{ name: 'callback_time', type: 'date', description: 'when to call back' }],
    });
    const { call, start } = await startConversation(own.api, owner, { ai_agent_id: agent.id, lead_id: lead.id, phone_number: lead.phone, call_type: 'chat' });
    expect(call.provider).toBe('openai');
    expect(start.session_info.provider).toBe('openai');
    expect(start.opening_message.length).toBeGreaterThan(0);

    const before = own.openai.requests.length;
    const pricing = await own.api.post(`/api/v1/voice/calls/${call.id}/respond`, { text: 'How much does Acme Cloud cost?' }, { token: owner.token });
    expect(pricing.status).toBe(200);
    expect(pricing.body.ai_response).toContain('$49');
    expect(pricing.body.actions).toContainEqual(expect.objectContaining({ type: 'knowledge_lookup', hits: expect.any(Number) }));
    expect(pricing.body.analysis).toMatchObject({ intent: 'pricing', sentiment: { label: expect.any(String) } });
    expect(pricing.body.latency.model_ms).toBeGreaterThan(0);
    expect(pricing.body.latency.total_ms).toBeGreaterThanOrEqual(pricing.body.latency.model_ms);
    // The model was offered the agent's tools, asked for the knowledge, and got the hits back as a tool message.
    const requests = chatRequests(before);
    expect(requests[0].tools?.map((t) => t.function.name)).toEqual(expect.arrayContaining(['lookup_knowledge', 'book_callback', 'transfer_to_human']));
    expect(requests.some((r) => r.messages.some((m) => m.role === 'tool' && JSON.stringify(m.content).includes('$49')))).toBe(true);
    expect(requests.some((r) => r.response_format?.type === 'json_schema')).toBe(true);

    const callback = await own.api.post(`/api/v1/voice/calls/${call.id}/respond`, { text: 'Call me back tomorrow at 3pm.' }, { token: owner.token });
    expect(callback.status).toBe(200);
    const booked = callback.body.actions.find((a: { type: string }) => a.type === 'callback_booked');
    expect(booked).toMatchObject({ lead_id: lead.id, callback_at: expect.any(String) });
    const activities = await own.api.get(`/api/v1/leads/${lead.id}/activities`, { token: owner.token });
    expect(activities.body.data.map((a: { type: string }) => a.type)).toContain('callback_scheduled');

    const transfer = await own.api.post(`/api/v1/voice/calls/${call.id}/respond`, { text: 'Can I talk to a real person, please?' }, { token: owner.token });
    expect(transfer.status).toBe(200);
    // A chat has no phone call to transfer: the request is recorded, no escalation placed.
    expect(transfer.body.actions).toContainEqual(expect.objectContaining({ type: 'transfer_requested', escalation_id: null, reason: expect.any(String) }));

    const ended = await own.api.post(`/api/v1/voice/calls/${call.id}/end`, {}, { token: owner.token });
    expect(ended.status).toBe(200);
    expect(ended.body.extracted).toHaveProperty('callback_time');
    expect(ended.body.qa.score).toBeGreaterThanOrEqual(0);
    expect(ended.body.summary.turns).toBeGreaterThanOrEqual(6);
  }, 60_000);

  it('hears audio and answers with speech: transcribed by the speech model, spoken back as WAV', async () => {
    const agent = await activeAgent(own.api, owner, { provider: 'openai' });
    const { call } = await startConversation(own.api, owner, { ai_agent_id: agent.id, call_type: 'web' });
    const question = await speech('How much does Acme Cloud cost?');

    const res = await own.api.post(`/api/v1/voice/calls/${call.id}/respond`, { audio_data: question.toString('base64') }, { token: owner.token });
    expect(res.status).toBe(200);
    expect(res.body.ai_response).toContain('$49');
    const audio = Buffer.from(res.body.audio_data, 'base64');
    expect(audio.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(audio.subarray(8, 12).toString('ascii')).toBe('WAVE');
    const detail = await own.api.get(`/api/v1/voice/calls/${call.id}`, { token: owner.token });
    expect(detail.body.transcript).toContainEqual(expect.objectContaining({ speaker: 'caller', text: 'How much does Acme Cloud cost?' }));
    expect(own.openai.requests.some((r) => r.path === '/v1/audio/transcriptions')).toBe(true);
    expect(own.openai.requests.some((r) => r.path === '/v1/audio/speech')).toBe(true);

    // The realtime socket takes the same audio in chunks, and shows what the caller was heard saying.
    const client = await RealtimeClient.open(own.api.baseUrl, call.id, owner.token);
    try {
      await client.next('state');
      const spoken = (await speech('Does Acme Cloud integrate with Salesforce?')).toString('base64');
      for (let i = 0; i < spoken.length; i += 4000) client.send({ type: 'audio_chunk', audio: spoken.slice(i, i + 4000) });
      client.send({ type: 'audio_commit' });
      const turn = await client.turn();
      expect(turn.caller).toMatchObject({ speaker: 'caller', text: 'Does Acme Cloud integrate with Salesforce?' });
      expect(turn.answer.audio_data).toEqual(expect.any(String));
      expect(turn.agent.text).toMatch(/Salesforce/);
    } finally {
      client.close();
    }
  }, 60_000);

  it('pushes the openai conversation\'s turns to sockets like the local one', async () => {
    const agent = await activeAgent(own.api, owner, { provider: 'openai' });
    const socket = await own.open(owner.token);
    const added: any[] = [];
    socket.on('interaction.added', (p) => added.push(p));
    const { call } = await startConversation(own.api, owner, { ai_agent_id: agent.id, call_type: 'chat' });
    await own.api.post(`/api/v1/voice/calls/${call.id}/respond`, { text: 'Does it integrate with Salesforce?' }, { token: owner.token });
    const mine = await eventually(async () => added.filter((p) => p.voice_call_id === call.id), (seen) => seen.some((p) => p.speaker === 'ai' && p.turn > 0), 10_000);
    expect(mine).toContainEqual(expect.objectContaining({ speaker: 'caller', text: 'Does it integrate with Salesforce?', ai_agent_id: agent.id }));
  });

  /** Speech made by the fake's own TTS: its speech model recognises it. */
  async function speech(text: string): Promise<Buffer> {
    const res = await fetch(`${own.openai.baseURL}/audio/speech`, {
      method: 'POST',
      headers: { authorization: `Bearer ${E2E_OPENAI_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'tts-1', voice: 'alloy', input: text, response_format: 'wav' }),
    });
    if (res.status !== 200) throw new Error(`fake TTS: ${res.status} ${await res.text()}`);
    return Buffer.from(await res.arrayBuffer());
  }
});
