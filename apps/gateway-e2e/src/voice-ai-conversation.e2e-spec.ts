import type { Socket } from 'socket.io-client';
import { eventually } from '@parley/testing';
import { expectErrorBody, registerTenant, sharedPlatform, type TestTenant } from './support/api';
import { readyFaqDocument } from './support/knowledge';
import { connectSocket } from './support/socket-client';
import { activeAgent, createLead, SALES_FAQ, startConversation } from './support/voice-ai';

const { api } = sharedPlatform();

/**
 * A sales conversation on the local provider (no network, no key), held over REST: the agent
 * greets the lead by name, answers pricing from the knowledge base, handles a price objection,
 * books a callback (a lead activity), and the wrap-up scores it. Every turn reaches the dashboard's
 * socket as it lands.
 */
describe('a sales conversation with a local AI agent over REST', () => {
  let owner: TestTenant;
  let socket: Socket;
  const events: Array<{ event: string; payload: any }> = [];

  beforeAll(async () => {
    owner = await registerTenant(api, 'voice-local');
    await readyFaqDocument(api, owner, SALES_FAQ);
    socket = await connectSocket(api.baseUrl, owner.token);
    for (const event of ['interaction.added', 'sentiment.changed', 'qa.score.updated']) {
      socket.on(event, (payload: unknown) => events.push({ event, payload }));
    }
  }, 60_000);

  afterAll(() => socket?.disconnect());

  it('greets, answers pricing from knowledge, handles a price objection, books a callback, and scores the call', async () => {
    const lead = await createLead(api, owner, { phone: '+12125550151' });
    const agent = await activeAgent(api, owner);
    const { call, start } = await startConversation(api, owner, {
      ai_agent_id: agent.id, lead_id: lead.id, phone_number: lead.phone, call_type: 'web', purpose: 'follow up on the webinar',
    });
    expect(call).toMatchObject({ ai_agent_id: agent.id, lead_id: lead.id, provider: 'local', call_type: 'web', status: 'created' });
    expect(start.opening_message).toMatch(/Ada/);
    expect(start.opening_message).toMatch(/Sam/);
    expect(start.opening_message).toMatch(/Acme Cloud/);
    expect(start.session_info).toMatchObject({
      voice_call_id: call.id, provider: 'local', conversation_state: 'greeting',
      agent: { id: agent.id, name: 'Sam', tone: 'friendly' }, lead: { id: lead.id, name: 'Ada Lovelace' },
    });

    const say = async (text: string) => {
      const res = await api.post(`/api/v1/voice/calls/${call.id}/respond`, { text }, { token: owner.token });
      expect(res.status).toBe(200);
      expect(res.body.ai_response.length).toBeGreaterThan(0);
      expect(res.body.latency).toEqual({
        total_ms: expect.any(Number), processing_ms: expect.any(Number), model_ms: 0, knowledge_ms: expect.any(Number), services_ms: expect.any(Number),
      });
      return res.body;
    };

    const hello = await say('Yes, this is Ada. Sure, what is this about?');
    expect(hello.should_continue).toBe(true);
    expect(hello.conversation_state).not.toBe('greeting');

    const pricing = await say('How much does Acme Cloud cost?');
    expect(pricing.analysis.intent).toBe('pricing');
    expect(pricing.ai_response).toContain('$49');
    expect(pricing.sources.length).toBeGreaterThan(0);
    expect(pricing.analysis.interest_signals.length).toBeGreaterThan(0);

    const objection = await say('Honestly, that is way too expensive for a team our size.');
    expect(objection.analysis.objections).toContain('price');
    expect(objection.conversation_state).toBe('objection_handling');

    const interested = await say('Okay, that sounds fair. I am interested.');
    expect(interested.analysis.sentiment.score).toBeGreaterThan(0);
    expect(interested.conversation_state).not.toBe('objection_handling');

    const callback = await say('Can you call me back tomorrow at 3pm?');
    expect(callback.analysis.intent).toBe('callback_request');
    const booked = callback.actions.find((a: { type: string }) => a.type === 'callback_booked');
    expect(booked).toMatchObject({ lead_id: lead.id, timezone: expect.any(String) });
    expect(Date.parse(booked.callback_at)).toBeGreaterThan(Date.now());

    // The callback is on the lead, where a human sees it.
    const activities = await api.get(`/api/v1/leads/${lead.id}/activities`, { token: owner.token });
    const scheduled = activities.body.data.find((a: { type: string }) => a.type === 'callback_scheduled');
    expect(scheduled).toMatchObject({ metadata: { callback_at: booked.callback_at, voice_call_id: call.id } });

    const ended = await api.post(`/api/v1/voice/calls/${call.id}/end`, { reason: 'wrapped up' }, { token: owner.token });
    expect(ended.status).toBe(200);
    const { summary, analytics, qa } = ended.body;
    expect(summary.objections).toContain('price');
    expect(summary.objections_handled).toContain('price');
    expect(summary.states_visited).toEqual(expect.arrayContaining(['greeting', 'objection_handling', 'closing']));
    expect(summary.callback_at).toBe(booked.callback_at);
    expect(summary.turns).toBeGreaterThanOrEqual(10);
    expect(summary.text.length).toBeGreaterThan(0);
    expect(analytics.conversion_probability).toBeGreaterThan(0);
    expect(analytics.conversion_probability).toBeLessThanOrEqual(1);
    expect(qa.score).toBeGreaterThan(0);
    expect(qa.score).toBeLessThanOrEqual(100);

    // Ending twice answers the stored result; talking to an ended conversation is refused.
    expect((await api.post(`/api/v1/voice/calls/${call.id}/end`, {}, { token: owner.token })).body).toEqual(ended.body);
    expectErrorBody(await api.post(`/api/v1/voice/calls/${call.id}/respond`, { text: 'One more thing' }, { token: owner.token }), 409, 'CONFLICT');

    const detail = await api.get(`/api/v1/voice/calls/${call.id}`, { token: owner.token });
    expect(detail.body).toMatchObject({ status: 'ended', qa: { score: qa.score }, summary: { callback_at: booked.callback_at } });
    const transcript = detail.body.transcript as Array<{ turn: number; speaker: string; text: string }>;
    expect(transcript[0]).toMatchObject({ speaker: 'ai', text: start.opening_message });
    expect(transcript.filter((t) => t.speaker === 'caller').map((t) => t.text)).toEqual([
      'Yes, this is Ada. Sure, what is this about?', 'How much does Acme Cloud cost?',
      'Honestly, that is way too expensive for a team our size.', 'Okay, that sounds fair. I am interested.',
      'Can you call me back tomorrow at 3pm?',
    ]);
    expect(transcript.find((t) => t.text === 'How much does Acme Cloud cost?')).toMatchObject({ analysis: { intent: 'pricing' } });

    // Every turn was pushed to the dashboard, the sentiment moves too, and the score once it ended.
    const mine = (name: string) => events.filter((e) => e.event === name && e.payload.voice_call_id === call.id).map((e) => e.payload);
    await eventually(async () => mine('qa.score.updated'), (seen) => seen.length === 1, 10_000);
    await eventually(async () => mine('interaction.added'), (seen) => seen.length >= transcript.length - 1, 10_000);
    const pushed = mine('interaction.added');
    for (const turn of transcript.filter((t) => t.speaker === 'caller')) {
      expect(pushed).toContainEqual(expect.objectContaining({ turn: turn.turn, speaker: 'caller', text: turn.text, ai_agent_id: agent.id, lead_id: lead.id, call_id: null }));
    }
    expect(pushed.find((p) => p.text === 'How much does Acme Cloud cost?')).toMatchObject({ intent: 'pricing' });
    const moves = mine('sentiment.changed');
    expect(moves.length).toBeGreaterThan(0);
    expect(moves[0]).toMatchObject({ ai_agent_id: agent.id, lead_id: lead.id, sentiment: { score: expect.any(Number), label: expect.any(String) } });
    expect(mine('qa.score.updated')[0]).toMatchObject({ qa: { score: qa.score }, summary: { callback_at: booked.callback_at }, lead_id: lead.id });
  }, 60_000);

  it('honours an opt-out: the number goes on the do-not-call list, the lead is closed, the conversation ends', async () => {
    const number = '+12125550152';
    const lead = await createLead(api, owner, { name: 'Grace Hopper', phone: number });
    const agent = await activeAgent(api, owner);
    const { call } = await startConversation(api, owner, { ai_agent_id: agent.id, lead_id: lead.id, phone_number: number, call_type: 'web' });

    const res = await api.post(`/api/v1/voice/calls/${call.id}/respond`, { text: 'Stop calling me. Remove me from your list.' }, { token: owner.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ should_continue: false, conversation_state: 'ended', analysis: { intent: 'opt_out' } });
    expect(res.body.actions).toContainEqual({ type: 'dnc_added', phone_number: number });

    const dnc = await api.get('/api/v1/compliance/dnc?source=opt_out', { token: owner.token });
    expect(dnc.body.data.map((d: { phone_number: string }) => d.phone_number)).toContain(number);
    expect((await api.get(`/api/v1/leads/${lead.id}`, { token: owner.token })).body.status).toBe('do_not_contact');

    // The agent closed it: it is ended and wrapped up without a call to /end.
    const detail = await api.get(`/api/v1/voice/calls/${call.id}`, { token: owner.token });
    expect(detail.body).toMatchObject({ status: 'ended', conversation_state: 'ended' });
    expect(detail.body.qa.criteria).toBeDefined();
    expect(detail.body.summary.recommendation).toBe('do_not_call');
  }, 30_000);

  it('reads the caller right: "I have a minute" is no callback request, and a complaint about price is negative', async () => {
    const agent = await activeAgent(api, owner);
    const lead = await createLead(api, owner, { phone: '+12125550153' });
    const { call } = await startConversation(api, owner, { ai_agent_id: agent.id, lead_id: lead.id, call_type: 'chat' });
    // The answer to the greeting's "Do you have a minute?".
    const yes = await api.post(`/api/v1/voice/calls/${call.id}/respond`, { text: 'Yes, I have a minute. What is this about?' }, { token: owner.token });
    expect(yes.body).toMatchObject({ should_continue: true });
    expect(yes.body.analysis.intent).not.toBe('callback_request');
    expect(yes.body.actions.map((a: { type: string }) => a.type)).not.toContain('callback_booked');

    const complaint = await api.post(`/api/v1/voice/calls/${call.id}/respond`, { text: 'Honestly, that is way too expensive for a team our size.' }, { token: owner.token });
    expect(complaint.body.analysis.objections).toContain('price');
    expect(complaint.body.analysis.sentiment.score).toBeLessThan(0);
  });

  it('refuses audio without a speech provider, and an empty turn', async () => {
    const agent = await activeAgent(api, owner);
    const { call } = await startConversation(api, owner, { ai_agent_id: agent.id, call_type: 'chat' });
    const audio = await api.post(`/api/v1/voice/calls/${call.id}/respond`, { audio_data: Buffer.from('RIFF fake wav').toString('base64') }, { token: owner.token });
    expectErrorBody(audio, 422, 'VALIDATION_FAILED');
    expect(audio.body.error.message).toMatch(/speech provider/);
    expectErrorBody(await api.post(`/api/v1/voice/calls/${call.id}/respond`, { text: '' }, { token: owner.token }), 422, 'VALIDATION_FAILED');
    expectErrorBody(await api.post(`/api/v1/voice/calls/${call.id}/respond`, { audio_data: 'not base64!' }, { token: owner.token }), 422, 'VALIDATION_FAILED');
  });

  it('lists conversations with filters', async () => {
    const agent = await activeAgent(api, owner);
    const { call } = await startConversation(api, owner, { ai_agent_id: agent.id, call_type: 'chat' });
    const list = await api.get(`/api/v1/voice/calls?ai_agent_id=${agent.id}&status=active`, { token: owner.token });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, page: 1 });
    expect(list.body.data[0]).toMatchObject({ id: call.id, status: 'active', call_type: 'chat' });
    expect((await api.get(`/api/v1/voice/calls?ai_agent_id=${agent.id}&status=ended`, { token: owner.token })).body.total).toBe(0);
    expectErrorBody(await api.get('/api/v1/voice/calls?status=sleeping', { token: owner.token }), 422, 'VALIDATION_FAILED');
  });
});
