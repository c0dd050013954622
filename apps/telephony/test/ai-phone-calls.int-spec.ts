import { randomUUID } from 'node:crypto';
import {
  ErrorCode, TelephonySubjects as S, type CallDetailDto, type RequestContext, type TranscriptTurnDto,
} from '@parley/contracts';
import {
  domainEvent, eventually, parseTwiml, publishDomainEvent, SPEECH_CONFIDENCE, startFakeTwilio, testInfra, type FakeTwilio,
  type FakeTwilioCall, type TwimlNode,
} from '@parley/testing';
import { startAgentDirectoryResponder, type AgentDirectoryResponder } from './support/agent-directory-responder';
import { startComplianceResponder, type ComplianceResponder } from './support/compliance-responder';
import { bootTelephony, tenantCtx, type TelephonyHarness } from './support/telephony-harness';
import { configureTwilio, newCallSid, newTwilioAccount, signedWebhook, type TestTwilioAccount } from './support/twilio-fixtures';
import {
  DISCONNECTED, GOODBYE, OPENING, PRICING, STILL_THERE, startVoiceAiResponder, TRANSFERRING, VOICEMAIL, type VoiceAiResponder,
} from './support/voice-ai-responder';
import { startWebhookForwarder, type WebhookForwarder } from './support/webhook-forwarder';

const child = (node: TwimlNode, name: string) => node.children.find((c) => c.name === name) as TwimlNode;
const verbs = (xml: string) => parseTwiml(xml).children.map((verb) => verb.name);

/**
 * Phone calls an AI agent holds, inside the service: the fake Twilio plays the caller (scripted
 * speech at each <Gather>, async AMD), a responder speaking voice-ai's phone contract plays the
 * agent (and publishes its conversation events, as voice-ai does), identity's and leads' sides of
 * an escalation are played by the agent directory responder.
 */
describe('AI agents on the phone: voice-ai\'s turns as TwiML (fake Twilio, NATS, Postgres)', () => {
  let fake: FakeTwilio;
  let gateway: WebhookForwarder;
  let compliance: ComplianceResponder;
  let directory: AgentDirectoryResponder;
  let voiceAi: VoiceAiResponder;
  let h: TelephonyHarness;
  let numberSeq = 0;

  beforeAll(async () => {
    fake = await startFakeTwilio();
    gateway = await startWebhookForwarder();
    h = await bootTelephony({
      TWILIO_API_BASE_URL: fake.apiBaseUrl, PUBLIC_BASE_URL: gateway.baseUrl, VOICE_AI_TIMEOUT_MS: '600', ESCALATION_LOOKUP_TIMEOUT_MS: '400',
    });
    compliance = await startComplianceResponder(testInfra().NATS_URL, h.iso.prefix);
    directory = await startAgentDirectoryResponder(testInfra().NATS_URL, h.iso.prefix);
    voiceAi = await startVoiceAiResponder(testInfra().NATS_URL, h.iso.prefix);
    gateway.attach(h.bus);
  });

  afterAll(async () => {
    await voiceAi?.close();
    await directory?.close();
    await compliance?.close();
    await h?.close();
    await gateway?.close();
    await fake?.close();
  });

  const caller = () => `+1415555${String(7000 + numberSeq++).padStart(4, '0')}`;

  /** A tenant with Twilio on the fake and an AI agent deployed on its number. */
  async function aiTenant(): Promise<{ ctx: Partial<RequestContext>; account: TestTwilioAccount; tenant: string; agent: string }> {
    const ctx = tenantCtx();
    const account = newTwilioAccount(fake);
    await configureTwilio(h.bus, ctx, account);
    const agent = randomUUID();
    await h.bus.send(S.bindNumber, { ai_agent_id: agent }, ctx);
    return { ctx, account, tenant: ctx.tenant_id as string, agent };
  }

  /** Someone rings the tenant's number, saying `speech` at each prompt. */
  async function ring(account: TestTwilioAccount, tenant: string, speech?: string[]) {
    const from = caller();
    const inbound = await fake.placeInboundCall({
      accountSid: account.accountSid, from, to: account.phoneNumber, speech,
      url: `${gateway.baseUrl}/api/v1/telephony/twilio/voice?tenant=${tenant}`,
      statusCallback: `${gateway.baseUrl}/api/v1/telephony/twilio/status?tenant=${tenant}`,
    });
    const record = fake.calls.find((c) => c.sid === inbound.callSid) as FakeTwilioCall;
    return { ...inbound, from, record };
  }

  const callBySid = async (ctx: Partial<RequestContext>, sid: string): Promise<CallDetailDto> => {
    const { data } = await h.bus.send(S.listCalls, {}, ctx);
    const found = data.find((c) => c.provider_call_id === sid);
    if (!found) throw new Error(`no call ${sid}`);
    return h.bus.send(S.getCall, { id: found.id }, ctx);
  };
  const requestsOf = (tenant: string) => voiceAi.requests.filter((r) => r.tenant_id === tenant).map((r) => ({ subject: r.subject, ...r.request }));
  const eventsOf = async (type: Parameters<TelephonyHarness['outbox']>[0], callId: string) =>
    (await h.outbox(type)).filter((e) => e.data.call_id === callId).map((e) => e.data);
  const line = (speaker: TranscriptTurnDto['speaker'], text: string) => ({ speaker, text, at: expect.any(String) });

  it('answers an inbound call with the agent: a speech <Gather> per turn, the caller\'s answers to voice-ai, goodbye and hang-up', async () => {
    const { ctx, account, tenant, agent } = await aiTenant();
    const inbound = await ring(account, tenant, ['How much does it cost?', 'Not interested, bye']);

    // The first answer: the agent's opening inside a speech Gather posting to this prompt's gather URL.
    const first = parseTwiml(inbound.body);
    expect(first.children.map((v) => v.name)).toEqual(['Gather', 'Redirect']);
    const gather = child(first, 'Gather');
    expect(gather.attributes).toMatchObject({ input: 'speech', method: 'POST', speechTimeout: 'auto', language: 'en-US' });
    expect(gather.attributes.action).toMatch(new RegExp(`^${gateway.baseUrl}/api/v1/telephony/twilio/gather\\?tenant=${tenant}&call_id=[0-9a-f-]{36}&prompt=[0-9a-f]{12}$`));
    expect(child(gather, 'Say')).toMatchObject({ attributes: { voice: 'Polly.Joanna', language: 'en-US' }, text: OPENING });
    expect(child(first, 'Redirect').text).toBe(gather.attributes.action);

    await fake.waitForCall(inbound.callSid, 10_000);
    expect(inbound.record.heard).toEqual([OPENING, PRICING, GOODBYE]);
    expect(inbound.record.callbacks.map((c) => [c.kind, c.status])).toEqual([['voice', 200], ['gather', 200], ['gather', 200], ['status', 200]]);
    // Each prompt has its own gather URL.
    const actions = inbound.record.callbacks.filter((c) => c.kind === 'gather').map((c) => c.url);
    expect(new Set(actions).size).toBe(2);

    const callId = (await callBySid(ctx, inbound.callSid)).id;
    expect(requestsOf(tenant)).toEqual([
      { subject: 'answered', call_id: callId, ai_agent_id: agent, direction: 'inbound', remote_number: inbound.from },
      { subject: 'speech', call_id: callId, text: 'How much does it cost?', confidence: Number(SPEECH_CONFIDENCE) },
      { subject: 'speech', call_id: callId, text: 'Not interested, bye', confidence: Number(SPEECH_CONFIDENCE) },
    ]);

    // The transcript is voice-ai's (interaction.added), both speakers in turn order; the summary comes with qa.score.updated.
    const done = await eventually(() => callBySid(ctx, inbound.callSid), (c) => c.transcript.length === 5 && c.summary !== null);
    expect(done).toMatchObject({
      direction: 'inbound', ai_agent_id: agent, agent_id: null, status: 'completed', from_number: inbound.from, to_number: account.phoneNumber,
      summary: 'The caller asked about pricing and was not interested.', sentiment: expect.closeTo(-0.2, 5), outcome: 'not_interested',
    });
    expect(done.transcript).toEqual([
      line('ai', OPENING), line('caller', 'How much does it cost?'), line('ai', PRICING), line('caller', 'Not interested, bye'), line('ai', GOODBYE),
    ]);
    expect(done.analysis.voice_ai).toMatchObject({ voice_call_id: voiceAi.voiceCallOf(callId), ai_agent_id: agent, qa: { score: 72 }, summary: { recommendation: 'nurture' } });
    expect(await eventsOf('call.started', callId)).toEqual([expect.objectContaining({ direction: 'inbound', ai_agent_id: agent })]);
    const updates = (await eventsOf('call.updated', callId)).map((e) => e.changes as string[]);
    expect(updates.filter((c) => c.includes('transcript'))).toHaveLength(5);
    expect(updates).toContainEqual(['summary', 'sentiment', 'analysis', 'outcome']);
    // Our answer picked the call up: in progress from then on, not only once Twilio's final status callback came.
    const moves = (await eventsOf('call.updated', callId)).filter((e) => (e.changes as string[]).includes('status')).map((e) => [e.previous_status, e.status]);
    expect(moves).toEqual([['ringing', 'in_progress'], ['in_progress', 'completed']]);
  });

  it('tells voice-ai when the caller stays silent (a fresh gather URL each time, never taken for a retry) and hangs up when it says so', async () => {
    const { ctx, account, tenant } = await aiTenant();
    const inbound = await ring(account, tenant, ['', '']);
    await fake.waitForCall(inbound.callSid, 10_000);

    expect(inbound.record.heard).toEqual([OPENING, STILL_THERE, DISCONNECTED]);
    expect(requestsOf(tenant).map((r) => [r.subject, 'text' in r ? r.text : null, 'confidence' in r ? r.confidence : undefined])).toEqual([
      ['answered', null, undefined], ['speech', '', undefined], ['speech', '', undefined],
    ]);
    // Twilio followed the <Redirect> after each silent Gather to that prompt's own URL.
    const silences = inbound.record.callbacks.filter((c) => c.url.includes('/gather?'));
    expect(silences.map((c) => c.status)).toEqual([200, 200]);
    expect(silences[0].url).not.toBe(silences[1].url);
    const done = await eventually(() => callBySid(ctx, inbound.callSid), (c) => c.transcript.length === 1);
    expect(done.transcript).toEqual([line('ai', OPENING)]);
  });

  it('places an outbound call for an agent; async AMD finding a machine replaces the conversation with the agent\'s voicemail', async () => {
    const { ctx, tenant, agent } = await aiTenant();
    const to = caller();
    fake.script(to, { outcome: 'completed', ringMs: 20, talkMs: 20_000, answeredBy: 'machine_start' });
    const lead = randomUUID();
    const call = await h.bus.send(S.initiateCall, { phone_number: to, ai_agent_id: agent, lead_id: lead }, ctx);
    expect(call).toMatchObject({ ai_agent_id: agent, agent_id: null });

    await fake.waitForCall(call.provider_call_id as string, 10_000);
    const record = fake.calls.find((c) => c.sid === call.provider_call_id) as FakeTwilioCall;
    expect(record.heard).toEqual([OPENING, VOICEMAIL]);
    expect(record.callbacks.map((c) => c.kind)).toEqual(['status', 'status', 'status', 'voice', 'amd', 'status']);
    expect(verbs(record.updates.at(-1)?.['Twiml'] ?? '')).toEqual(['Say', 'Hangup']);
    // The machine never got to the Gather: the update interrupted it.
    expect(record.durationSeconds).toBeLessThan(5);

    expect(requestsOf(tenant)).toEqual([
      { subject: 'answered', call_id: call.id, ai_agent_id: agent, lead_id: lead, direction: 'outbound', remote_number: to },
      { subject: 'machine', call_id: call.id, answered_by: 'machine_start' },
    ]);
    expect(await h.bus.send(S.getCall, { id: call.id }, ctx)).toMatchObject({
      status: 'completed', outcome: 'voicemail', analysis: { answered_by: 'machine_start' },
    });
  });

  it('passes a synchronous AMD result of the voice webhook to voice-ai, which answers with the voicemail at once', async () => {
    const { ctx, account, tenant, agent } = await aiTenant();
    const call = await h.bus.send(S.createCall, { direction: 'outbound', type: 'phone', phone_number: '+14155552671', ai_agent_id: agent }, ctx);
    const callSid = newCallSid();
    await h.sql(`UPDATE calls SET provider_call_id = $2 WHERE id = $1`, [call.id, callSid]);
    const answer = await h.bus.send(S.twilioWebhook, signedWebhook({
      kind: 'voice', tenantId: tenant, authToken: account.authToken, publicBaseUrl: gateway.baseUrl, callId: call.id,
      params: { CallSid: callSid, AccountSid: account.accountSid, CallStatus: 'in-progress', Direction: 'outbound-api', AnsweredBy: 'machine_end_beep' },
    }));
    const twiml = parseTwiml(answer.body);
    expect(twiml.children.map((v) => v.name)).toEqual(['Say', 'Hangup']);
    expect(child(twiml, 'Say').text).toBe(VOICEMAIL);
    expect(requestsOf(tenant)).toEqual([
      { subject: 'answered', call_id: call.id, ai_agent_id: agent, direction: 'outbound', remote_number: '+14155552671', answered_by: 'machine_end_beep' },
    ]);
  });

  it('hands the caller to a person when the agent transfers: a warm transfer with the conversation\'s summary, the agent\'s own words first', async () => {
    const { ctx, account, tenant } = await aiTenant();
    const person = randomUUID();
    directory.setReady(tenant, [{ id: person }]);
    const inbound = await ring(account, tenant, ['Can I talk to a person please?']);
    await eventually(() => inbound.record.callbacks.filter((c) => c.kind === 'gather').length === 1);

    const transfer = parseTwiml(inbound.record.callbacks.find((c) => c.kind === 'gather')?.body ?? '');
    expect(transfer.children.map((v) => v.name)).toEqual(['Say', 'Dial']);
    expect(child(transfer, 'Say')).toMatchObject({ text: TRANSFERRING, attributes: { voice: 'Polly.Joanna', language: 'en-US' } });
    const client = child(child(transfer, 'Dial'), 'Client');
    expect(child(client, 'Identity').text).toBe(`agent_${person.replace(/-/g, '_')}`);
    const parameters = Object.fromEntries(client.children.filter((c) => c.name === 'Parameter').map((p) => [p.attributes.name, p.attributes.value]));
    expect(parameters).toMatchObject({ reason: 'the caller asked for a person', summary: 'Asked about pricing, then for a person' });
    await eventually(() => inbound.record.heard.length === 2);
    expect(inbound.record.heard).toEqual([OPENING, TRANSFERRING]);

    const call = await callBySid(ctx, inbound.callSid);
    expect(call).toMatchObject({ status: 'in_progress', agent_id: person });
    expect(await eventsOf('escalation.triggered', call.id)).toEqual([expect.objectContaining({
      agent_id: person, status: 'dialing', reason: 'the caller asked for a person', summary: 'Asked about pricing, then for a person',
    })]);
    await h.bus.send(S.endCall, { id: call.id }, ctx);
    await fake.waitForCall(inbound.callSid, 5000);
  });

  it('puts the caller in the human queue when the agent transfers and nobody is free, saying so after the agent\'s words', async () => {
    const { ctx, account, tenant } = await aiTenant();
    directory.setReady(tenant, []);
    const inbound = await ring(account, tenant, ['I want a human']);
    await eventually(() => inbound.record.callbacks.filter((c) => c.kind === 'gather').length === 1);
    const hold = parseTwiml(inbound.record.callbacks.find((c) => c.kind === 'gather')?.body ?? '');
    expect(hold.children.map((v) => v.name)).toEqual(['Say', 'Enqueue']);
    expect(child(hold, 'Say').text).toMatch(new RegExp(`^${TRANSFERRING} All of our team members are busy`));
    expect(child(hold, 'Enqueue').text).toBe(`parley-${tenant}`);
    const call = await callBySid(ctx, inbound.callSid);
    expect(await eventsOf('escalation.triggered', call.id)).toEqual([expect.objectContaining({ agent_id: null, status: 'queued' })]);
    await h.bus.send(S.endCall, { id: call.id }, ctx);
  });

  it.each([
    ['does not answer in time', (tenant: string) => voiceAi.unreachable(tenant)],
    ['refuses (the agent was deleted)', (tenant: string) => voiceAi.fail(tenant, ErrorCode.NotFound, 'ai agent not found')],
  ])('sends the caller to the human queue when voice-ai %s', async (_case, breakVoiceAi) => {
    const { ctx, account, tenant, agent } = await aiTenant();
    breakVoiceAi(tenant);
    const inbound = await ring(account, tenant);
    expect(verbs(inbound.body)).toEqual(['Say', 'Enqueue']);
    expect(parseTwiml(inbound.body).children[1].text).toBe(`parley-${tenant}`);
    expect(requestsOf(tenant).map((r) => r.subject)).toEqual(['answered']);
    expect(await callBySid(ctx, inbound.callSid)).toMatchObject({ ai_agent_id: agent });
  });

  it('leaves a number no agent is deployed on to the human queue, without asking voice-ai', async () => {
    const ctx = tenantCtx();
    const account = newTwilioAccount(fake);
    await configureTwilio(h.bus, ctx, account);
    const tenant = ctx.tenant_id as string;
    const agent = randomUUID();
    await h.bus.send(S.bindNumber, { ai_agent_id: agent }, ctx);
    await h.bus.send(S.unbindNumber, { ai_agent_id: agent }, ctx);
    const inbound = await ring(account, tenant);
    expect(verbs(inbound.body)).toEqual(['Say', 'Enqueue']);
    expect(requestsOf(tenant)).toEqual([]);
    expect(await callBySid(ctx, inbound.callSid)).toMatchObject({ ai_agent_id: null });
  });

  it('keeps voice-ai\'s conversation events on the call: lines in turn order, once each, and only the tenant\'s own', async () => {
    const ctx = tenantCtx();
    const tenant = ctx.tenant_id as string;
    const agent = randomUUID();
    const call = await h.bus.send(S.createCall, { direction: 'inbound', type: 'phone', phone_number: '+14155550188', ai_agent_id: agent }, ctx);
    const voiceCallId = randomUUID();
    const ref = { voice_call_id: voiceCallId, ai_agent_id: agent, call_id: call.id, lead_id: null };
    const interaction = (turn: number, speaker: 'caller' | 'ai', text: string) => ({
      ...ref, turn, speaker, text, at: new Date(Date.UTC(2026, 0, 1, 10, 0, turn)).toISOString(), conversation_state: 'discovery' as const, intent: null, latency: null,
    });
    const publish = (event: ReturnType<typeof domainEvent>, msgID?: string) => publishDomainEvent(h.bus.nc, h.iso.prefix, event, msgID);

    const callerLine = domainEvent('interaction.added', tenant, interaction(1, 'caller', 'Tell me about pricing'));
    await publish(callerLine);
    await publish(domainEvent('interaction.added', tenant, interaction(0, 'ai', 'Hello, this is Ava.')));
    // Delivered twice (JetStream redelivery), and re-emitted under a new event id: still one line.
    await publish(callerLine, randomUUID());
    await publish(domainEvent('interaction.added', tenant, interaction(1, 'caller', 'Tell me about pricing')));
    // Another tenant naming this call changes nothing.
    await publish(domainEvent('interaction.added', randomUUID(), interaction(2, 'ai', 'not yours')));
    await publish(domainEvent('interaction.added', tenant, interaction(1, 'ai', 'Plans start at 49 dollars.')));

    const detail = await eventually(() => h.bus.send(S.getCall, { id: call.id }, ctx), (c) => c.transcript.length === 3);
    expect(detail.transcript).toEqual([
      { speaker: 'ai', text: 'Hello, this is Ava.', at: '2026-01-01T10:00:00.000Z' },
      { speaker: 'caller', text: 'Tell me about pricing', at: '2026-01-01T10:00:01.000Z' },
      { speaker: 'ai', text: 'Plans start at 49 dollars.', at: '2026-01-01T10:00:01.000Z' },
    ]);

    await publish(domainEvent('qa.score.updated', tenant, {
      ...ref, qa: { score: 88, criteria: { greeting_given: 1 } }, sentiment: 1.4,
      summary: {
        text: 'Interested in pricing; demo booked.', duration_seconds: 95, turns: 6, state_reached: 'closing', states_visited: ['greeting', 'closing'],
        objections: ['price'], objections_handled: ['price'], interest_signals: ['asked about pricing'], overall_sentiment: { score: 0.6, label: 'positive' },
        outcome: 'demo_scheduled', recommendation: 'schedule_demo', callback_at: null,
      },
    }));
    const scored = await eventually(() => h.bus.send(S.getCall, { id: call.id }, ctx), (c) => c.summary !== null);
    expect(scored).toMatchObject({ summary: 'Interested in pricing; demo booked.', sentiment: 1, outcome: 'demo_scheduled' });
    expect(scored.analysis.voice_ai).toEqual({
      voice_call_id: voiceCallId, ai_agent_id: agent, qa: { score: 88, criteria: { greeting_given: 1 } }, sentiment: 1.4,
      summary: expect.objectContaining({ recommendation: 'schedule_demo', state_reached: 'closing' }),
    });
    const changes = (await eventsOf('call.updated', call.id)).map((e) => e.changes);
    expect(changes).toEqual([['transcript'], ['transcript'], ['transcript'], ['summary', 'sentiment', 'analysis', 'outcome']]);
  });
});

describe('AI agents on the phone with Media Streams on', () => {
  let fake: FakeTwilio;
  let gateway: WebhookForwarder;
  let voiceAi: VoiceAiResponder;
  let h: TelephonyHarness;

  beforeAll(async () => {
    fake = await startFakeTwilio();
    gateway = await startWebhookForwarder();
    h = await bootTelephony({
      TWILIO_API_BASE_URL: fake.apiBaseUrl, PUBLIC_BASE_URL: gateway.baseUrl, MEDIA_STREAMS: 'true', MEDIA_PORT: '0', MEDIA_SINK: 'none',
    });
    voiceAi = await startVoiceAiResponder(testInfra().NATS_URL, h.iso.prefix);
    gateway.attach(h.bus);
  });

  afterAll(async () => {
    await voiceAi?.close();
    await h?.close();
    await gateway?.close();
    await fake?.close();
  });

  it('connects the caller to the call\'s Media Stream when voice-ai speaks in real time (the OpenAI path)', async () => {
    const ctx = tenantCtx();
    const tenant = ctx.tenant_id as string;
    const account = newTwilioAccount(fake);
    await configureTwilio(h.bus, ctx, account);
    await h.bus.send(S.bindNumber, { ai_agent_id: randomUUID() }, ctx);
    voiceAi.streamFor(tenant);
    const inbound = await fake.placeInboundCall({
      accountSid: account.accountSid, from: '+14155550177', to: account.phoneNumber, talkMs: 50,
      url: `${gateway.baseUrl}/api/v1/telephony/twilio/voice?tenant=${tenant}`,
    });
    const twiml = parseTwiml(inbound.body);
    expect(twiml.children.map((v) => v.name)).toEqual(['Connect']);
    const stream = child(child(twiml, 'Connect'), 'Stream');
    const { data } = await h.bus.send(S.listCalls, {}, ctx);
    const callId = data[0].id;
    expect(stream.attributes.url).toBe(`${gateway.baseUrl.replace(/^http/, 'ws')}/api/v1/telephony/twilio/media/${tenant}/${callId}`);
    // The sink parameter sends the stream's claim to voice-ai alone (never to another sink).
    expect(Object.fromEntries(stream.children.map((p) => [p.attributes.name, p.attributes.value]))).toEqual({ tenant_id: tenant, call_id: callId, sink: 'voice-ai' });
    // In progress at once: the realtime path may hand the caller to a person (escalate) before any status callback.
    expect(data[0]).toMatchObject({ status: 'in_progress', answered_at: expect.any(String) });
  });
});
