import { randomUUID } from 'node:crypto';
import { addMemberWithRole, registerTenant, sharedPlatform, type TestTenant } from './support/api';
import { readyFaqDocument } from './support/knowledge';
import { activeAgent, createLead, RealtimeClient, realtimeUrl, SALES_FAQ, startConversation } from './support/voice-ai';

const { api } = sharedPlatform();

/** The realtime conversation socket `/api/v1/voice/calls/:id/realtime` on the local provider. */
describe('the realtime conversation socket', () => {
  let owner: TestTenant;
  const clients: RealtimeClient[] = [];
  const open = async (id: string, token: string, via: 'query' | 'header' = 'query') => {
    const client = await RealtimeClient.open(api.baseUrl, id, token, via);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    owner = await registerTenant(api, 'voice-realtime');
    await readyFaqDocument(api, owner, SALES_FAQ);
  }, 60_000);

  afterAll(() => clients.forEach((c) => c.close()));

  it('holds a conversation turn by turn: caller transcript, answer, agent transcript, state', async () => {
    const agent = await activeAgent(api, owner);
    const lead = await createLead(api, owner, { phone: '+12125550161' });
    const { call } = await startConversation(api, owner, { ai_agent_id: agent.id, lead_id: lead.id, phone_number: lead.phone });
    const client = await open(call.id, owner.token);
    // Ready: where the conversation stands.
    expect(await client.next()).toEqual({ type: 'state', conversation_state: 'greeting', should_continue: true });

    client.send({ type: 'text_input', text: 'How much does Acme Cloud cost?' });
    const { caller, answer, agent: said, state } = await client.turn();
    expect(caller).toMatchObject({ speaker: 'caller', text: 'How much does Acme Cloud cost?', turn: answer.turn });
    expect(answer).toMatchObject({ type: 'ai_response', should_continue: true, analysis: { intent: 'pricing' } });
    expect(answer.ai_response).toContain('$49');
    expect(said).toMatchObject({ speaker: 'ai', text: answer.ai_response, turn: answer.turn });
    expect(state).toEqual({ type: 'state', conversation_state: answer.conversation_state, should_continue: true });

    // The same conversation as REST sees it.
    const detail = await api.get(`/api/v1/voice/calls/${call.id}`, { token: owner.token });
    expect(detail.body.transcript.map((t: { speaker: string; text: string }) => t.text)).toEqual(
      expect.arrayContaining(['How much does Acme Cloud cost?', answer.ai_response]),
    );

    // Malformed input is an error message; the socket stays open.
    client.sendRaw('{oops');
    expect(await client.next('error')).toMatchObject({ code: 'BAD_REQUEST' });
    client.send({ type: 'sing' });
    expect(await client.next('error')).toMatchObject({ code: 'VALIDATION_FAILED' });
    client.send({ type: 'audio_commit' });
    expect(await client.next('error')).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/no audio/) });
    // Audio without a speech provider: voice-ai's refusal comes back with its code.
    client.send({ type: 'audio_chunk', audio: Buffer.from('RIFF fake wav').toString('base64') });
    client.send({ type: 'audio_commit' });
    expect(await client.next('error')).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/speech provider/) });

    // An opt-out ends the conversation: the last state says so and the socket closes normally.
    client.send({ type: 'text_input', text: 'Please stop calling me and remove me from your list.' });
    const last = await client.turn();
    expect(last.answer.actions).toContainEqual({ type: 'dnc_added', phone_number: lead.phone });
    expect(last.state).toEqual({ type: 'state', conversation_state: 'ended', should_continue: false });
    expect(await client.closed).toEqual({ code: 1000, reason: 'conversation ended' });
    expect((await api.get(`/api/v1/voice/calls/${call.id}`, { token: owner.token })).body.status).toBe('ended');
  }, 30_000);

  it('takes the token as a bearer header too', async () => {
    const agent = await activeAgent(api, owner);
    const { call } = await startConversation(api, owner, { ai_agent_id: agent.id, call_type: 'web' });
    const client = await open(call.id, owner.token, 'header');
    await client.next('state');
    client.send({ type: 'text_input', text: 'Does it integrate with Salesforce?' });
    const { answer } = await client.turn();
    expect(answer.ai_response).toMatch(/Salesforce/);
  });

  it('refuses the upgrade without a valid token, without calls:write, for another tenant\'s or an ended conversation', async () => {
    const agent = await activeAgent(api, owner);
    const { call } = await startConversation(api, owner, { ai_agent_id: agent.id, call_type: 'web' });

    const anonymous = await RealtimeClient.refusal(realtimeUrl(api.baseUrl, call.id));
    expect(anonymous).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHORIZED' }, status_code: 401 } });
    expect((await RealtimeClient.refusal(realtimeUrl(api.baseUrl, call.id, 'not.a.jwt'))).status).toBe(401);

    const viewer = await addMemberWithRole(api, owner, 'viewer');
    expect(await RealtimeClient.refusal(realtimeUrl(api.baseUrl, call.id, viewer.token))).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });

    const stranger = await registerTenant(api, 'voice-realtime-other');
    expect(await RealtimeClient.refusal(realtimeUrl(api.baseUrl, call.id, stranger.token))).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect((await RealtimeClient.refusal(realtimeUrl(api.baseUrl, randomUUID(), owner.token))).status).toBe(404);
    expect((await RealtimeClient.refusal(realtimeUrl(api.baseUrl, 'not-a-uuid', owner.token))).status).toBe(422);

    expect((await api.post(`/api/v1/voice/calls/${call.id}/end`, {}, { token: owner.token })).status).toBe(200);
    expect(await RealtimeClient.refusal(realtimeUrl(api.baseUrl, call.id, owner.token))).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT' } } });
  });
});
