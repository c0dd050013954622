import { randomUUID } from 'node:crypto';
import { ErrorCode, TelephonySubjects, VoiceAiSubjects as S, type RequestContext } from '@parley/contracts';
import { domainEvent, eventually, publishDomainEvent } from '@parley/testing';
import { ConversationRecorder } from '../src/conversation/conversation-recorder';
import { VoiceCallDirectory } from '../src/conversation/voice-call-directory';
import { startPlatformDoubles, type PlatformDoubles } from './support/platform-doubles';
import { bootVoiceAi, tenantCtx, type VoiceAiHarness } from './support/voice-ai-harness';

/** A base URL nothing listens on: these tests must never reach a real provider. */
const NO_OPENAI = 'http://127.0.0.1:9/v1';

/**
 * The phone subjects telephony asks at each Twilio webhook (answered, speech, machine), answered
 * with the next PhoneTurnDto; the caller is played by the test, telephony by the test bus.
 */
describe('phone conversations (NATS, Postgres)', () => {
  let h: VoiceAiHarness;
  let doubles: PlatformDoubles;

  beforeAll(async () => {
    h = await bootVoiceAi({ PHONE_SILENCE_LIMIT: '2' });
    doubles = await startPlatformDoubles(h.iso.prefix);
  });

  afterAll(async () => {
    await doubles?.close();
    await h?.close();
  });

  /** A tenant whose agent knows its pricing, as telephony's webhooks would ask (a tenant-only context). */
  async function phoneTenant(agentFields: Record<string, unknown> = {}): Promise<{ ctx: Partial<RequestContext>; tenant: string; agentId: string }> {
    const ctx = tenantCtx();
    const tenant = ctx.tenant_id as string;
    doubles.addKnowledge(tenant, { title: 'Pricing', heading: 'How much does it cost?', content: 'The Growth plan costs $49 per agent per month.' });
    const agent = await h.bus.send(S.createAgent, { name: 'Ava', company_name: 'Parley', ...agentFields } as never, ctx);
    return { ctx: { tenant_id: tenant, user_id: null, roles: [], perms: [] }, tenant, agentId: agent.id };
  }

  it('answers an inbound call with the opening in a Gather, then holds the conversation turn by turn', async () => {
    const { ctx, agentId } = await phoneTenant();
    const callId = randomUUID();
    const answered = await h.bus.send(S.phoneAnswered, { call_id: callId, ai_agent_id: agentId, direction: 'inbound', remote_number: '+14155550111' }, ctx);
    expect(answered).toMatchObject({ mode: 'gather', voice: { provider: 'twilio', language: 'en-US' }, voice_call_id: expect.any(String) });
    expect(answered.say).toContain('Ava');
    // Twilio retries webhooks: the same call gets the same conversation and the same line.
    expect(await h.bus.send(S.phoneAnswered, { call_id: callId, ai_agent_id: agentId, direction: 'inbound' }, ctx)).toEqual(answered);
    const call = await h.bus.send(S.getVoiceCall, { id: answered.voice_call_id }, ctx);
    expect(call).toMatchObject({ call_id: callId, call_type: 'phone', phone_number: '+14155550111', status: 'active', turns: 0 });

    const pricing = await h.bus.send(S.phoneSpeech, { call_id: callId, text: 'How much does it cost?', confidence: 0.92 }, ctx);
    expect(pricing).toMatchObject({ mode: 'gather', voice_call_id: answered.voice_call_id });
    expect(pricing.say).toContain('$49 per agent per month');

    const interactions = (await h.outbox('interaction.added')).filter((e) => e.data['voice_call_id'] === answered.voice_call_id);
    expect(interactions.map((e) => [e.data['turn'], e.data['speaker'], e.data['call_id']])).toEqual([[0, 'ai', callId], [1, 'caller', callId], [1, 'ai', callId]]);
  });

  it('prompts a silent caller, then says goodbye after PHONE_SILENCE_LIMIT silent turns', async () => {
    const { ctx, agentId } = await phoneTenant();
    const callId = randomUUID();
    const answered = await h.bus.send(S.phoneAnswered, { call_id: callId, ai_agent_id: agentId, direction: 'outbound' }, ctx);
    const first = await h.bus.send(S.phoneSpeech, { call_id: callId, text: '' }, ctx);
    expect(first).toMatchObject({ mode: 'gather', say: 'Are you still there?' });
    // Speaking resets the count.
    await h.bus.send(S.phoneSpeech, { call_id: callId, text: 'Sorry, bad line. Who is this?' }, ctx);
    expect((await h.bus.send(S.phoneSpeech, { call_id: callId, text: '  ' }, ctx)).mode).toBe('gather');
    const last = await h.bus.send(S.phoneSpeech, { call_id: callId, text: '' }, ctx);
    expect(last.mode).toBe('hangup');
    expect(last.say).toMatch(/goodbye/i);
    const call = await h.bus.send(S.getVoiceCall, { id: answered.voice_call_id }, ctx);
    expect(call).toMatchObject({ status: 'ended', summary: { outcome: 'hung_up' } });
    expect(call.transcript.filter((t) => t.text === 'Are you still there?')).toHaveLength(2);
    // A late webhook for an ended conversation only hangs up.
    expect(await h.bus.send(S.phoneSpeech, { call_id: callId, text: 'hello?' }, ctx)).toMatchObject({ mode: 'hangup', say: null });
  });

  it('leaves a voicemail when an answering machine picks up, at answer time or from asynchronous AMD', async () => {
    const { ctx, tenant, agentId } = await phoneTenant();
    const lead = doubles.addLead(tenant, { name: 'Morgan Diaz', phone: '+14155550122' });
    const machineAtAnswer = randomUUID();
    const voicemail = await h.bus.send(S.phoneAnswered, {
      call_id: machineAtAnswer, ai_agent_id: agentId, lead_id: lead.id, direction: 'outbound', answered_by: 'machine_end_beep',
    }, ctx);
    expect(voicemail.mode).toBe('hangup');
    expect(voicemail.say).toContain('Morgan');
    const stored = await h.bus.send(S.getVoiceCall, { id: voicemail.voice_call_id }, ctx);
    expect(stored).toMatchObject({ status: 'ended', lead_id: lead.id, summary: { outcome: 'voicemail' } });
    expect(stored.transcript).toEqual([expect.objectContaining({ turn: 0, speaker: 'ai', text: voicemail.say })]);

    const asyncAmd = randomUUID();
    const human = await h.bus.send(S.phoneAnswered, { call_id: asyncAmd, ai_agent_id: agentId, direction: 'outbound' }, ctx);
    expect(human.mode).toBe('gather');
    const machine = await h.bus.send(S.phoneMachine, { call_id: asyncAmd, answered_by: 'machine_start' }, ctx);
    expect(machine.mode).toBe('hangup');
    expect(machine.say).toBeTruthy();
    expect((await h.bus.send(S.getVoiceCall, { id: human.voice_call_id }, ctx)).summary?.outcome).toBe('voicemail');
  });

  it('answers a request for a person with mode transfer and the summary; telephony escalates, not voice-ai', async () => {
    const { ctx, tenant, agentId } = await phoneTenant();
    const callId = randomUUID();
    await h.bus.send(S.phoneAnswered, { call_id: callId, ai_agent_id: agentId, direction: 'inbound' }, ctx);
    await h.bus.send(S.phoneSpeech, { call_id: callId, text: 'How much does it cost?' }, ctx);
    const transfer = await h.bus.send(S.phoneSpeech, { call_id: callId, text: 'I want to speak to a manager.' }, ctx);
    expect(transfer.mode).toBe('transfer');
    expect(transfer.say).toBeTruthy();
    expect(transfer.transfer?.reason).toMatch(/person|manager/);
    expect(transfer.transfer?.summary).toBeTruthy();
    expect(doubles.telephony.of(TelephonySubjects.escalateCall, tenant)).toEqual([]);
    expect((await h.bus.send(S.getVoiceCall, { id: transfer.voice_call_id }, ctx)).summary?.outcome).toBe('transferred');
  });

  it('hangs up with the goodbye when the caller ends the conversation', async () => {
    const { ctx, agentId } = await phoneTenant();
    const callId = randomUUID();
    await h.bus.send(S.phoneAnswered, { call_id: callId, ai_agent_id: agentId, direction: 'outbound' }, ctx);
    const end = await h.bus.send(S.phoneSpeech, { call_id: callId, text: "Sorry, I'm not interested. Goodbye." }, ctx);
    expect(end.mode).toBe('hangup');
    expect(end.say).toBeTruthy();
  });

  it('wraps up a conversation when telephony reports the call ended (the caller hung up)', async () => {
    const { ctx, tenant, agentId } = await phoneTenant();
    const callId = randomUUID();
    const answered = await h.bus.send(S.phoneAnswered, { call_id: callId, ai_agent_id: agentId, direction: 'inbound' }, ctx);
    await h.bus.send(S.phoneSpeech, { call_id: callId, text: 'Tell me more about your product.' }, ctx);
    await publishDomainEvent(h.bus.nc, h.iso.prefix, domainEvent('call.ended', tenant, {
      call_id: callId, lead_id: null, direction: 'inbound', type: 'phone', status: 'completed', duration_seconds: 42, agent_id: null,
      ai_agent_id: agentId, sentiment: null, outcome: null,
    }));
    const ended = await eventually(() => h.bus.send(S.getVoiceCall, { id: answered.voice_call_id }, ctx), (c) => c.status === 'ended');
    expect(ended.summary?.outcome).toBe('hung_up');
    const qa = await eventually(async () => (await h.outbox('qa.score.updated')).filter((e) => e.data['voice_call_id'] === answered.voice_call_id));
    expect(qa).toHaveLength(1);
    expect(qa[0].data).toMatchObject({ call_id: callId, ai_agent_id: agentId });
  });

  it('streams media to the Realtime path for an openai agent with a key, and falls back to Gather without one', async () => {
    const withKey = await phoneTenant({ provider: 'openai' });
    const noKey = await phoneTenant({ provider: 'openai' });
    await h.bus.send(S.updateSettings, { openai_api_key: 'sk-test-0123456789', openai_base_url: NO_OPENAI }, withKey.ctx);
    const stream = await h.bus.send(S.phoneAnswered, { call_id: randomUUID(), ai_agent_id: withKey.agentId, direction: 'inbound' }, withKey.ctx);
    expect(stream).toMatchObject({ mode: 'stream', say: null, voice: { provider: 'openai', voice_id: 'alloy' } });
    expect(await h.bus.send(S.getVoiceCall, { id: stream.voice_call_id }, withKey.ctx)).toMatchObject({ status: 'active', provider: 'openai', turns: 0 });

    const gather = await h.bus.send(S.phoneAnswered, { call_id: randomUUID(), ai_agent_id: noKey.agentId, direction: 'inbound' }, noKey.ctx);
    expect(gather.mode).toBe('gather');
    expect(gather.say).toBeTruthy();
    expect((await h.bus.send(S.getVoiceCall, { id: gather.voice_call_id }, noKey.ctx)).provider).toBe('local');
  });

  it('records a media-streamed conversation line by line for the Realtime bridge, and wraps it up', async () => {
    const { ctx, tenant, agentId } = await phoneTenant({ provider: 'openai' });
    await h.bus.send(S.updateSettings, { openai_api_key: 'sk-test-0123456789', openai_base_url: NO_OPENAI }, ctx);
    const callId = randomUUID();
    const stream = await h.bus.send(S.phoneAnswered, { call_id: callId, ai_agent_id: agentId, direction: 'inbound', remote_number: '+14155550133' }, ctx);
    const directory = h.app.get(VoiceCallDirectory);
    const recorder = h.app.get(ConversationRecorder);
    expect(await directory.forPhoneCall(randomUUID(), callId)).toBeNull();
    const conversation = await directory.forPhoneCall(tenant, callId);
    expect(conversation).toMatchObject({
      voiceCallId: stream.voice_call_id, callId, provider: 'openai', status: 'active', remoteNumber: '+14155550133',
      agent: { id: agentId, name: 'Ava' }, voice: { provider: 'openai', voice_id: 'alloy' }, ctx: { tenant_id: tenant },
    });

    const record = (speaker: 'caller' | 'ai', text: string) => recorder.recordTurn({ tenantId: tenant, voiceCallId: stream.voice_call_id, speaker, text });
    expect(await record('ai', 'Hi, this is Ava from Parley.')).toMatchObject({ turn: 0, speaker: 'ai' });
    expect(await record('caller', '  ')).toBeNull();
    expect(await record('caller', 'Hi! What do you charge?')).toMatchObject({ turn: 1, speaker: 'caller' });
    expect(await record('ai', 'The Growth plan is $49 per agent.')).toMatchObject({ turn: 1, speaker: 'ai' });
    expect(await record('ai', 'Would a demo help?')).toMatchObject({ turn: 2, speaker: 'ai' });
    expect(await record('caller', 'Sure.')).toMatchObject({ turn: 3, speaker: 'caller' });
    const lines = (await h.outbox('interaction.added')).filter((e) => e.data['voice_call_id'] === stream.voice_call_id);
    expect(lines.map((e) => `${e.data['turn']}:${e.data['speaker']}`)).toEqual(['0:ai', '1:caller', '1:ai', '2:ai', '3:caller']);

    const ended = await recorder.endConversation(tenant, stream.voice_call_id, 'hung_up');
    expect(ended.summary.outcome).toBe('hung_up');
    expect(await recorder.endConversation(tenant, stream.voice_call_id, 'hung_up')).toEqual(ended);
    await expect(record('caller', 'Hello?')).rejects.toMatchObject({ code: ErrorCode.Conflict });
    expect(await directory.forPhoneCall(tenant, callId)).toBeNull();
  });

  it("refuses calls of paused agents, unknown calls and other tenants' calls", async () => {
    const { ctx, agentId } = await phoneTenant();
    const stranger = await phoneTenant();
    await h.bus.send(S.activateAgent, { id: agentId }, ctx);
    await h.bus.send(S.pauseAgent, { id: agentId }, ctx);
    await expect(h.bus.send(S.phoneAnswered, { call_id: randomUUID(), ai_agent_id: agentId, direction: 'inbound' }, ctx))
      .rejects.toMatchObject({ code: ErrorCode.Conflict });
    await expect(h.bus.send(S.phoneSpeech, { call_id: randomUUID(), text: 'hi' }, ctx)).rejects.toMatchObject({ code: ErrorCode.NotFound });

    const callId = randomUUID();
    await h.bus.send(S.phoneAnswered, { call_id: callId, ai_agent_id: stranger.agentId, direction: 'inbound' }, stranger.ctx);
    await expect(h.bus.send(S.phoneSpeech, { call_id: callId, text: 'hi' }, ctx)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    await expect(h.bus.send(S.phoneMachine, { call_id: callId, answered_by: 'machine_start' }, ctx)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    await expect(h.bus.send(S.phoneAnswered, { call_id: randomUUID(), ai_agent_id: stranger.agentId, direction: 'inbound' }, ctx))
      .rejects.toMatchObject({ code: ErrorCode.NotFound });
  });
});
