import { randomUUID } from 'node:crypto';
import { ErrorCode, VoiceAiSubjects as S, type AiAgentDto, type RequestContext } from '@parley/contracts';
import { startPlatformDoubles, type PlatformDoubles } from './support/platform-doubles';
import { bootVoiceAi, tenantCtx, type VoiceAiHarness } from './support/voice-ai-harness';

/** AI agents over NATS: definition, status moves, deploying on a number (telephony played by a responder), events. */
describe('AI agents (NATS, Postgres)', () => {
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

  const create = (ctx: Partial<RequestContext>, fields: Record<string, unknown> = {}) =>
    h.bus.send(S.createAgent, { name: 'Ava', ...fields } as never, ctx);

  it('creates an agent with sensible defaults and answers it by id', async () => {
    const ctx = tenantCtx();
    const agent = await create(ctx, { role: 'sales', company_name: 'Acme', instructions: 'Be brief.' });
    expect(agent).toMatchObject({
      name: 'Ava', role: 'sales', company_name: 'Acme', instructions: 'Be brief.', greeting: '', status: 'draft', provider: 'local',
      tone: 'professional', channels: ['phone'], knowledge_bases: [], extraction_fields: [], phone_number: null, deployed_at: null,
      voice: { provider: 'twilio', speed: 1, language: 'en-US' },
      tools: ['lookup_knowledge', 'book_callback', 'update_lead', 'transfer_to_human', 'end_call'],
    });
    expect(await h.bus.send(S.getAgent, { id: agent.id }, ctx)).toEqual(agent);
    const events = (await h.outbox('ai_agent.changed')).filter((e) => e.data['ai_agent_id'] === agent.id);
    expect(events.map((e) => e.data['change'])).toEqual(['created']);
  });

  it('refuses invalid agents with 422 naming the field', async () => {
    const ctx = tenantCtx();
    await expect(create(ctx, { name: '' })).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
    await expect(create(ctx, { tone: 'grumpy' })).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
    await expect(create(ctx, { extraction_fields: [{ name: 'Budget Amount', type: 'number' }] })).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
    await expect(create(ctx, { provider: 'openai' })).resolves.toMatchObject({ provider: 'openai', voice: { provider: 'openai', voice_id: 'alloy' } });
  });

  it('updates only the fields sent, merging the voice', async () => {
    const ctx = tenantCtx();
    const agent = await create(ctx, { voice: { voice_id: 'Polly.Matthew', language: 'en-GB' } });
    const updated = await h.bus.send(S.updateAgent, { id: agent.id, tone: 'friendly', voice: { speed: 1.2 }, knowledge_bases: ['sales'] }, ctx);
    expect(updated).toMatchObject({
      name: 'Ava', tone: 'friendly', knowledge_bases: ['sales'], voice: { provider: 'twilio', voice_id: 'Polly.Matthew', language: 'en-GB', speed: 1.2 },
    });
  });

  it('lists newest first, filtered by status and name', async () => {
    const ctx = tenantCtx();
    const first = await create(ctx, { name: 'Support Sam' });
    const second = await create(ctx, { name: 'Sales Sue' });
    await h.bus.send(S.activateAgent, { id: second.id }, ctx);
    const all = await h.bus.send(S.listAgents, {}, ctx);
    expect(all).toMatchObject({ total: 2, page: 1, per_page: 20, total_pages: 1 });
    expect(all.data.map((a) => a.id)).toEqual([second.id, first.id]);
    expect((await h.bus.send(S.listAgents, { status: 'active' }, ctx)).data.map((a) => a.id)).toEqual([second.id]);
    expect((await h.bus.send(S.listAgents, { search: 'support' }, ctx)).data.map((a) => a.id)).toEqual([first.id]);
  });

  it('moves draft → active ⇄ paused and refuses impossible moves with 409', async () => {
    const ctx = tenantCtx();
    const agent = await create(ctx);
    await expect(h.bus.send(S.pauseAgent, { id: agent.id }, ctx)).rejects.toMatchObject({ code: ErrorCode.Conflict });
    expect((await h.bus.send(S.activateAgent, { id: agent.id }, ctx)).status).toBe('active');
    await expect(h.bus.send(S.activateAgent, { id: agent.id }, ctx)).rejects.toMatchObject({ code: ErrorCode.Conflict, message: 'the agent is already active' });
    expect((await h.bus.send(S.pauseAgent, { id: agent.id }, ctx)).status).toBe('paused');
    await expect(h.bus.send(S.pauseAgent, { id: agent.id }, ctx)).rejects.toMatchObject({ code: ErrorCode.Conflict });
    expect((await h.bus.send(S.activateAgent, { id: agent.id }, ctx)).status).toBe('active');
    const changes = (await h.outbox('ai_agent.changed')).filter((e) => e.data['ai_agent_id'] === agent.id).map((e) => [e.data['change'], e.data['status']]);
    expect(changes).toEqual([['created', 'draft'], ['status', 'active'], ['status', 'paused'], ['status', 'active']]);
  });

  it("deploys on the tenant's Twilio number, moves a number between agents, and unbinds on pause and delete", async () => {
    const ctx = tenantCtx();
    const tenant = ctx.tenant_id as string;
    const agent = await create(ctx);
    await expect(h.bus.send(S.deployAgent, { id: agent.id }, ctx)).rejects.toMatchObject({ code: ErrorCode.ValidationFailed, message: expect.stringContaining('not configured') });
    expect((await h.bus.send(S.getAgent, { id: agent.id }, ctx)).status).toBe('draft');

    doubles.setTwilioNumber(tenant, '+14155550100');
    const deployed = await h.bus.send(S.deployAgent, { id: agent.id }, ctx);
    expect(deployed).toMatchObject({ success: true, phone_number: '+14155550100', agent: { id: agent.id, status: 'active', phone_number: '+14155550100' } });
    expect(deployed.agent.deployed_at).not.toBeNull();
    expect(doubles.bindings(tenant).get('+14155550100')).toBe(agent.id);

    const other = await create(ctx, { name: 'Ben' });
    await h.bus.send(S.deployAgent, { id: other.id, phone_number: '+14155550100' }, ctx);
    expect((await h.bus.send(S.getAgent, { id: agent.id }, ctx)).phone_number).toBeNull();

    const paused = await h.bus.send(S.pauseAgent, { id: other.id }, ctx);
    expect(paused).toMatchObject({ status: 'paused', phone_number: '+14155550100' });
    expect(doubles.bindings(tenant).size).toBe(0);
    // Activating a paused agent puts it back on its number.
    await h.bus.send(S.activateAgent, { id: other.id }, ctx);
    expect(doubles.bindings(tenant).get('+14155550100')).toBe(other.id);

    expect(await h.bus.send(S.deleteAgent, { id: other.id }, ctx)).toEqual({ message: 'AI agent Ben was deleted' });
    expect(doubles.bindings(tenant).size).toBe(0);
    await expect(h.bus.send(S.getAgent, { id: other.id }, ctx)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    const deployedEvent = (await h.outbox('ai_agent.changed')).find((e) => e.data['ai_agent_id'] === agent.id && e.data['change'] === 'deployed');
    expect(deployedEvent?.data).toEqual({ ai_agent_id: agent.id, status: 'active', phone_number: '+14155550100', change: 'deployed' });
    expect(deployedEvent?.tenant_id).toBe(tenant);
  });

  it("never shows or changes another tenant's agent", async () => {
    const owner = tenantCtx();
    const stranger = tenantCtx();
    const agent: AiAgentDto = await create(owner);
    for (const send of [
      () => h.bus.send(S.getAgent, { id: agent.id }, stranger),
      () => h.bus.send(S.updateAgent, { id: agent.id, name: 'Mine now' }, stranger),
      () => h.bus.send(S.activateAgent, { id: agent.id }, stranger),
      () => h.bus.send(S.deployAgent, { id: agent.id, phone_number: '+14155550199' }, stranger),
      () => h.bus.send(S.deleteAgent, { id: agent.id }, stranger),
      () => h.bus.send(S.agentConversations, { id: agent.id }, stranger),
    ]) {
      await expect(send()).rejects.toMatchObject({ code: ErrorCode.NotFound });
    }
    expect((await h.bus.send(S.listAgents, {}, stranger)).total).toBe(0);
    expect(await h.bus.send(S.getAgent, { id: agent.id }, owner)).toMatchObject({ name: 'Ava', status: 'draft' });
    await expect(h.bus.send(S.getAgent, { id: randomUUID() }, owner)).rejects.toMatchObject({ code: ErrorCode.NotFound });
  });
});
