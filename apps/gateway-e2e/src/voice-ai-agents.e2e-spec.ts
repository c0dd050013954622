import { addMemberWithRole, expectErrorBody, registerTenant, sharedPlatform, type TestTenant } from './support/api';
import { expectTenantIsolation } from './support/cross-tenant';
import { readyFaqDocument } from './support/knowledge';
import { activeAgent, createAgent, createLead, SALES_FAQ, startConversation } from './support/voice-ai';

const { api } = sharedPlatform();

describe('AI agents through the gateway', () => {
  let owner: TestTenant;
  beforeAll(async () => {
    owner = await registerTenant(api, 'ai-agents');
  });

  it('creates an agent as a draft with defaults, lists, reads, changes and deletes it', async () => {
    const created = await api.post('/api/v1/ai-agents', {
      name: 'Riley', company_name: 'Acme Cloud', tone: 'professional',
      extraction_fields: [{ name: 'budget', type: 'number', description: 'monthly budget in dollars' }],
    }, { token: owner.token });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.any(String), name: 'Riley', company_name: 'Acme Cloud', tone: 'professional', status: 'draft', provider: 'local',
      phone_number: null, deployed_at: null, greeting: expect.any(String),
      extraction_fields: [{ name: 'budget', type: 'number', description: 'monthly budget in dollars' }],
      voice: { provider: expect.any(String), voice_id: expect.any(String), speed: expect.any(Number), language: expect.any(String) },
    });
    const id = created.body.id as string;

    const read = await api.get(`/api/v1/ai-agents/${id}`, { token: owner.token });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);

    const changed = await api.put(`/api/v1/ai-agents/${id}`, { tone: 'empathetic', greeting: 'Hello {lead_name}!' }, { token: owner.token });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id, name: 'Riley', tone: 'empathetic', greeting: 'Hello {lead_name}!', company_name: 'Acme Cloud' });

    const drafts = await api.get('/api/v1/ai-agents?status=draft', { token: owner.token });
    expect(drafts.status).toBe(200);
    expect(drafts.body).toMatchObject({ page: 1, per_page: 20 });
    expect(drafts.body.data.map((a: { id: string }) => a.id)).toContain(id);
    const actives = await api.get('/api/v1/ai-agents?status=active', { token: owner.token });
    expect(actives.body.data.map((a: { id: string }) => a.id)).not.toContain(id);

    const removed = await api.delete(`/api/v1/ai-agents/${id}`, { token: owner.token });
    expect(removed.status).toBe(200);
    expectErrorBody(await api.get(`/api/v1/ai-agents/${id}`, { token: owner.token }), 404, 'NOT_FOUND');
  });

  it('refuses invalid agents with the fields named', async () => {
    const bad = await api.post('/api/v1/ai-agents', { name: '', tone: 'grumpy', tools: ['launch_missiles'], provider: 'skynet' }, { token: owner.token });
    expectErrorBody(bad, 422, 'VALIDATION_FAILED');
    expect(Object.keys(bad.body.error.details.fields)).toEqual(expect.arrayContaining(['name', 'tone', 'tools', 'provider']));
    expectErrorBody(await api.get('/api/v1/ai-agents/not-a-uuid', { token: owner.token }), 422, 'VALIDATION_FAILED');
    expectErrorBody(await api.get('/api/v1/ai-agents?status=retired', { token: owner.token }), 422, 'VALIDATION_FAILED');
  });

  it('moves an agent draft → active ⇄ paused, refusing impossible moves', async () => {
    const agent = await createAgent(api, owner);
    expectErrorBody(await api.post(`/api/v1/ai-agents/${agent.id}/pause`, {}, { token: owner.token }), 409, 'CONFLICT');
    const active = await api.post(`/api/v1/ai-agents/${agent.id}/activate`, {}, { token: owner.token });
    expect(active.status).toBe(200);
    expect(active.body).toMatchObject({ id: agent.id, status: 'active' });
    expectErrorBody(await api.post(`/api/v1/ai-agents/${agent.id}/activate`, {}, { token: owner.token }), 409, 'CONFLICT');
    const paused = await api.post(`/api/v1/ai-agents/${agent.id}/pause`, {}, { token: owner.token });
    expect(paused.body).toMatchObject({ status: 'paused' });

    // A paused agent takes no new conversations.
    expectErrorBody(await api.post('/api/v1/voice/calls', { ai_agent_id: agent.id, call_type: 'chat' }, { token: owner.token }), 409, 'CONFLICT');

    expect((await api.post(`/api/v1/ai-agents/${agent.id}/activate`, {}, { token: owner.token })).body).toMatchObject({ status: 'active' });
    expect((await api.get(`/api/v1/ai-agents/${agent.id}`, { token: owner.token })).body.status).toBe('active');
  });

  it('counts an agent\'s conversations: chats, calls, success rate and response time', async () => {
    const tenant = await registerTenant(api, 'agent-totals');
    const agent = await activeAgent(api, tenant);
    const empty = await api.get(`/api/v1/ai-agents/${agent.id}/conversations`, { token: tenant.token });
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({
      ai_agent_id: agent.id, totals: { calls: 0, chats: 0, success_rate: 0, average_response_ms: 0 }, conversations: [],
    });

    const { call } = await startConversation(api, tenant, { ai_agent_id: agent.id, call_type: 'chat' });
    const turn = await api.post(`/api/v1/voice/calls/${call.id}/respond`, { text: 'Hi, what is this about?' }, { token: tenant.token });
    expect(turn.status).toBe(200);
    expect((await api.post(`/api/v1/voice/calls/${call.id}/end`, {}, { token: tenant.token })).status).toBe(200);

    const totals = await api.get(`/api/v1/ai-agents/${agent.id}/conversations?limit=5`, { token: tenant.token });
    expect(totals.status).toBe(200);
    expect(totals.body.totals).toMatchObject({ calls: 0, chats: 1 });
    expect(totals.body.totals.average_response_ms).toBeGreaterThanOrEqual(0);
    expect(totals.body.conversations.map((c: { id: string }) => c.id)).toEqual([call.id]);
    expectErrorBody(await api.get(`/api/v1/ai-agents/${agent.id}/conversations?limit=0`, { token: tenant.token }), 422, 'VALIDATION_FAILED');
  });

  it('guards agents by permission: viewers read, agents (humans) do neither', async () => {
    const agent = await createAgent(api, owner);
    const viewer = await addMemberWithRole(api, owner, 'viewer');
    expect((await api.get(`/api/v1/ai-agents/${agent.id}`, { token: viewer.token })).status).toBe(200);
    expectErrorBody(await api.post('/api/v1/ai-agents', { name: 'Nope' }, { token: viewer.token }), 403, 'FORBIDDEN');
    expectErrorBody(await api.put(`/api/v1/ai-agents/${agent.id}`, { name: 'Nope' }, { token: viewer.token }), 403, 'FORBIDDEN');
    expectErrorBody(await api.post(`/api/v1/ai-agents/${agent.id}/activate`, {}, { token: viewer.token }), 403, 'FORBIDDEN');
    expectErrorBody(await api.post('/api/v1/voice/calls', { ai_agent_id: agent.id }, { token: viewer.token }), 403, 'FORBIDDEN');

    const human = await addMemberWithRole(api, owner, 'agent');
    expectErrorBody(await api.get('/api/v1/ai-agents', { token: human.token }), 403, 'FORBIDDEN');
    expectErrorBody(await api.get('/api/v1/config/ai', { token: human.token }), 403, 'FORBIDDEN');
    expectErrorBody(await api.post('/api/v1/setup/complete', {}, { token: human.token }), 403, 'FORBIDDEN');
    expectErrorBody(await api.get('/api/v1/ai-agents'), 401, 'UNAUTHORIZED');
  });

  it('onboards an agent step by step: create, then its voice', async () => {
    const tenant = await registerTenant(api, 'onboarding-agent');
    const created = await api.post('/api/v1/onboarding/agent', { name: 'Jordan', company_name: 'Acme Cloud' }, { token: tenant.token });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Jordan', status: 'draft' });

    // No agent named: the newest one gets the voice.
    const voiced = await api.post('/api/v1/onboarding/voice', { voice: { voice_id: 'Polly.Joanna', speed: 1.1, language: 'en-GB' } }, { token: tenant.token });
    expect(voiced.status).toBe(200);
    expect(voiced.body).toMatchObject({ id: created.body.id, voice: { voice_id: 'Polly.Joanna', speed: 1.1, language: 'en-GB' } });
    expectErrorBody(await api.post('/api/v1/onboarding/voice', { voice: { speed: 9 } }, { token: tenant.token }), 422, 'VALIDATION_FAILED');
  });
});

describe('AI settings, providers and questions', () => {
  it('keeps the tenant\'s OpenAI key write-only: configured, hinted, never shown', async () => {
    const owner = await registerTenant(api, 'ai-settings');
    const before = await api.get('/api/v1/config/ai', { token: owner.token });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ openai_configured: false, openai_api_key_hint: null, default_provider: 'local' });

    const saved = await api.put('/api/v1/config/ai', {
      openai_api_key: 'sk-tenant-secret-9876', openai_base_url: 'http://127.0.0.1:11434/v1', chat_model: 'llama3.1', default_provider: 'openai',
    }, { token: owner.token });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      openai_configured: true, openai_api_key_hint: '9876', openai_base_url: 'http://127.0.0.1:11434/v1', chat_model: 'llama3.1', default_provider: 'openai',
    });
    expect(JSON.stringify(saved.body)).not.toContain('sk-tenant-secret');
    const after = await api.get('/api/v1/config/ai', { token: owner.token });
    expect(after.body).toEqual(saved.body);

    // Omitting the key keeps it.
    const renamed = await api.put('/api/v1/config/ai', { chat_model: 'llama3.2' }, { token: owner.token });
    expect(renamed.body).toMatchObject({ openai_configured: true, openai_api_key_hint: '9876', chat_model: 'llama3.2' });

    expectErrorBody(await api.put('/api/v1/config/ai', { openai_base_url: 'not a url' }, { token: owner.token }), 422, 'VALIDATION_FAILED');
    const viewer = await addMemberWithRole(api, owner, 'viewer');
    expect((await api.get('/api/v1/config/ai', { token: viewer.token })).body).toEqual(renamed.body);
    expectErrorBody(await api.put('/api/v1/config/ai', { chat_model: 'x' }, { token: viewer.token }), 403, 'FORBIDDEN');
  });

  it('lists the providers: local always healthy, OpenAI unconfigured on a platform without a key', async () => {
    const owner = await registerTenant(api, 'ai-providers');
    const res = await api.get('/api/v1/ai/providers', { token: owner.token });
    expect(res.status).toBe(200);
    expect(res.body.default_provider).toBe('local');
    const byName = Object.fromEntries(res.body.providers.map((p: { name: string }) => [p.name, p]));
    expect(byName.local).toMatchObject({ configured: true, healthy: true });
    expect(byName.openai).toMatchObject({ configured: false, healthy: false, source: null });

    const tested = await api.post('/api/v1/config/test-connection', { provider: 'openai' }, { token: owner.token });
    expect(tested.status).toBe(200);
    expect(Object.keys(tested.body)).toEqual(['openai']);
    expect(tested.body.openai).toMatchObject({ checked: true, ok: false, configured: false, models: [], chat_model_found: false });
  });

  it('answers a question from the tenant\'s knowledge with its sources, on the local provider', async () => {
    const owner = await registerTenant(api, 'ai-query');
    await readyFaqDocument(api, owner, SALES_FAQ);
    const res = await api.post('/api/v1/ai/query', { query: 'How much does Acme Cloud cost?' }, { token: owner.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ provider: 'local', answer: expect.stringContaining('$49') });
    expect(res.body.sources.length).toBeGreaterThan(0);
    expect(res.body.latency).toEqual({
      total_ms: expect.any(Number), processing_ms: expect.any(Number), model_ms: 0, knowledge_ms: expect.any(Number), services_ms: expect.any(Number),
    });
    expectErrorBody(await api.post('/api/v1/ai/query', { query: '' }, { token: owner.token }), 422, 'VALIDATION_FAILED');
  });

  it('recommends the next best action for a lead, with reasons', async () => {
    const owner = await registerTenant(api, 'recommendations');
    const lead = await createLead(api, owner, { phone: '+12125550143', budget: 5000, title: 'VP Sales' });
    await api.post(`/api/v1/leads/${lead.id}/activities`, { type: 'demo_requested', description: 'asked for a demo on the website' }, { token: owner.token });
    const res = await api.post('/api/v1/intelligence/recommendations', { lead_id: lead.id, context: 'inbound demo request' }, { token: owner.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      lead_id: lead.id,
      action: expect.any(String), channel: expect.stringMatching(/^(phone|email|none)$/), priority: expect.stringMatching(/^(low|medium|high|urgent)$/),
      facts: { activities: expect.any(Number), calls: 0 },
    });
    expect(res.body.confidence).toBeGreaterThanOrEqual(0);
    expect(res.body.confidence).toBeLessThanOrEqual(1);
    expect(res.body.reasons.length).toBeGreaterThan(0);
    expect(res.body.facts.activities).toBeGreaterThanOrEqual(1);

    const other = await registerTenant(api, 'recommendations-other');
    expectErrorBody(await api.post('/api/v1/intelligence/recommendations', { lead_id: lead.id }, { token: other.token }), 404, 'NOT_FOUND');
  });

  it('documents every voice-ai route in OpenAPI', async () => {
    const doc = await api.get('/docs-json');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining([
      '/api/v1/ai-agents', '/api/v1/ai-agents/{id}', '/api/v1/ai-agents/{id}/pause', '/api/v1/ai-agents/{id}/activate',
      '/api/v1/ai-agents/{id}/deploy', '/api/v1/ai-agents/{id}/conversations', '/api/v1/onboarding/agent', '/api/v1/onboarding/voice',
      '/api/v1/onboarding/deploy', '/api/v1/setup/complete', '/api/v1/voice/calls', '/api/v1/voice/calls/{id}', '/api/v1/voice/calls/{id}/start',
      '/api/v1/voice/calls/{id}/respond', '/api/v1/voice/calls/{id}/end', '/api/v1/ai/query', '/api/v1/ai/providers',
      '/api/v1/intelligence/recommendations', '/api/v1/config/ai', '/api/v1/config/test-connection',
    ]));
    expect(doc.body.components.schemas.CreateAiAgentDto.properties).toHaveProperty('extraction_fields');
    expect(doc.body.components.schemas.RespondVoiceCallDto.properties).toHaveProperty('audio_data');
  });
});

describe('AI agents and conversations across tenants', () => {
  let a: TestTenant;
  let b: TestTenant;
  beforeAll(async () => {
    [a, b] = await Promise.all([registerTenant(api, 'ai-a'), registerTenant(api, 'ai-b')]);
  });

  it('keeps AI agents to their tenant', async () => {
    await expectTenantIsolation(api, a, b, {
      name: 'AI agent',
      create: async (owner) => (await createAgent(api, owner)).id,
      read: (id) => `/api/v1/ai-agents/${id}`,
      list: { path: '/api/v1/ai-agents', ids: (body) => body.data.map((x: { id: string }) => x.id) },
      update: (id) => ({ method: 'PUT', path: `/api/v1/ai-agents/${id}`, body: { name: 'Hijacked' } }),
      remove: (id) => `/api/v1/ai-agents/${id}`,
    });
    const agent = await createAgent(api, a);
    for (const action of ['activate', 'pause', 'deploy']) {
      expectErrorBody(await api.post(`/api/v1/ai-agents/${agent.id}/${action}`, {}, { token: b.token }), 404, 'NOT_FOUND');
    }
    expectErrorBody(await api.get(`/api/v1/ai-agents/${agent.id}/conversations`, { token: b.token }), 404, 'NOT_FOUND');
    expectErrorBody(await api.post('/api/v1/onboarding/voice', { ai_agent_id: agent.id, voice: { speed: 1.2 } }, { token: b.token }), 404, 'NOT_FOUND');
    expect((await api.get(`/api/v1/ai-agents/${agent.id}`, { token: a.token })).body.status).toBe('draft');
  });

  it('keeps voice calls to their tenant: B can neither read, talk in, nor end A\'s conversation, nor start one with A\'s agent', async () => {
    const agentA = await activeAgent(api, a);
    await expectTenantIsolation(api, a, b, {
      name: 'voice call',
      create: async (owner) => (await startConversation(api, owner, { ai_agent_id: agentA.id, call_type: 'chat' })).call.id,
      read: (id) => `/api/v1/voice/calls/${id}`,
      list: { path: '/api/v1/voice/calls', ids: (body) => body.data.map((x: { id: string }) => x.id) },
    });
    const { call } = await startConversation(api, a, { ai_agent_id: agentA.id, call_type: 'chat' });
    expectErrorBody(await api.post(`/api/v1/voice/calls/${call.id}/start`, {}, { token: b.token }), 404, 'NOT_FOUND');
    expectErrorBody(await api.post(`/api/v1/voice/calls/${call.id}/respond`, { text: 'hello' }, { token: b.token }), 404, 'NOT_FOUND');
    expectErrorBody(await api.post(`/api/v1/voice/calls/${call.id}/end`, {}, { token: b.token }), 404, 'NOT_FOUND');
    expectErrorBody(await api.post('/api/v1/voice/calls', { ai_agent_id: agentA.id }, { token: b.token }), 404, 'NOT_FOUND');
    const mine = await api.get(`/api/v1/voice/calls/${call.id}`, { token: a.token });
    expect(mine.body).toMatchObject({ status: 'active' });
    expect(mine.body.transcript).toHaveLength(1);
  });
});
