import { randomBytes, randomUUID } from 'node:crypto';
import type { NatsConnection, Subscription } from 'nats';
import {
  ComplianceSubjects, ErrorCode, mediaFrameSubjects, MediaSubjects, TelephonySubjects, VoiceAiSubjects as S, type MediaStreamClaimRequest, type RequestContext,
} from '@parley/contracts';
import { eventually, startFakeOpenAI, testInfra, type FakeOpenAI } from '@parley/testing';
import { TwilioLine } from '../src/media/__tests__/twilio-line';
import { startPlatformDoubles, type PlatformDoubles } from './support/platform-doubles';
import { startServiceResponder, type ServiceResponder } from './support/service-responder';
import { bootVoiceAi, tenantCtx, type VoiceAiHarness } from './support/voice-ai-harness';

/**
 * Phone calls on the openai provider over Media Streams, with voice-ai alone: the test plays
 * telephony (claims the stream, publishes the caller's μ-law frames on the call's `.in` subject,
 * plays what comes back on `.out` and echoes its marks) against the fake Realtime API.
 */
describe('phone calls bridged to the Realtime API (NATS, Postgres, fake OpenAI)', () => {
  let h: VoiceAiHarness;
  let fake: FakeOpenAI;
  let doubles: PlatformDoubles;
  let hangups: ServiceResponder;
  let nc: NatsConnection;

  beforeAll(async () => {
    fake = await startFakeOpenAI({ realtime: { responseAudioMs: 1600, chunkMs: 100 } });
    h = await bootVoiceAi({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL });
    doubles = await startPlatformDoubles(h.iso.prefix);
    // Hanging up a call is telephony's too; the shared doubles leave it out.
    hangups = await startServiceResponder(testInfra().NATS_URL, h.iso.prefix, 'telephony-hangup', {
      [TelephonySubjects.endCall]: (data) => ({ id: data.id }) as never,
    });
    nc = h.bus.nc;
  });

  afterAll(async () => {
    await hangups?.close();
    await doubles?.close();
    await h?.close();
    await fake?.close();
  });

  interface PhoneCall {
    ctx: Partial<RequestContext>;
    tenant: string;
    callId: string;
    voiceCallId: string;
    line: TwilioLine;
    out: Subscription;
    /** What the fake Realtime API saw of this call's session. */
    session: FakeOpenAI['realtimeSessions'][number];
  }

  /** An inbound call answered by an agent on the openai provider, its stream claimed as telephony would. */
  async function answeredCall(transcripts: string[]): Promise<PhoneCall> {
    fake.setRealtimeTranscripts(transcripts);
    const ctx = tenantCtx();
    const tenant = ctx.tenant_id as string;
    doubles.addKnowledge(tenant, { title: 'Pricing', heading: 'Growth plan', content: 'The Growth plan costs $49 per agent per month.' });
    const agent = await h.bus.send(S.createAgent, {
      name: 'Ava', company_name: 'Parley', provider: 'openai', greeting: 'Hi, this is {agent_name} from {company}. How can I help?',
      voice: { provider: 'openai', voice_id: 'marin' },
    }, ctx);
    const callId = randomUUID();
    const turn = await h.bus.send(S.phoneAnswered, { call_id: callId, ai_agent_id: agent.id, direction: 'inbound', remote_number: '+14155550123' }, ctx);
    expect(turn).toMatchObject({ mode: 'stream', say: null });

    const inbound = `${h.iso.prefix}${mediaFrameSubjects.inbound(tenant, callId)}`;
    const line = new TwilioLine((frame) => nc.publish(inbound, frame));
    const out = nc.subscribe(`${h.iso.prefix}${mediaFrameSubjects.outbound(tenant, callId)}`, { callback: (error, msg) => !error && line.play(msg.data) });
    await nc.flush();
    const sessionsBefore = fake.realtimeSessions.length;
    const claim = await h.bus.send(MediaSubjects.claimVoiceAiStream, claimRequest(callId), { tenant_id: tenant });
    expect(claim).toEqual({ sink: 'voice-ai' });
    const session = await eventually(() => fake.realtimeSessions[sessionsBefore]);
    return { ctx, tenant, callId, voiceCallId: turn.voice_call_id, line, out, session };
  }

  it('greets, is cut off by the caller, answers from knowledge, and keeps the transcript when the caller hangs up', async () => {
    const call = await answeredCall(['What does the Growth plan cost?']);
    const { session } = call;

    // The agent speaks first; its μ-law comes back on the call's .out subject in 20 ms frames with marks.
    await eventually(() => call.line.marksAcked.length >= 3);
    expect(session.model).toBe('gpt-realtime');
    expect(session.session).toMatchObject({ audio: { input: { format: { type: 'audio/pcmu' } }, output: { format: { type: 'audio/pcmu' }, voice: 'marin' } } });

    // Barge-in: the caller talks over the greeting.
    call.line.speak(400);
    call.line.silence(700);
    await eventually(() => session.truncates.length === 1);
    expect(call.line.clears).toBe(1);
    expect(session.truncates[0].audio_end_ms).toBeGreaterThan(0);
    expect(session.audioBytesReceived).toBe(55 * 160);

    // The question goes through knowledge (scoped to the tenant) and the answer is played.
    await eventually(async () => (await h.bus.send(S.getVoiceCall, { id: call.voiceCallId }, call.ctx)).transcript.length === 3, undefined, 8000);
    expect(call.line.audioFrames).toBeGreaterThanOrEqual(15 + 80);
    expect(doubles.knowledge.of('knowledge.search', call.tenant)).toEqual([expect.objectContaining({ query: 'What does the Growth plan cost?' })]);

    call.line.stop();
    const ended = await eventually(async () => {
      const detail = await h.bus.send(S.getVoiceCall, { id: call.voiceCallId }, call.ctx);
      return detail.status === 'ended' ? detail : null;
    });
    call.out.unsubscribe();
    expect(ended.transcript.map((t) => [t.speaker, t.text])).toEqual([
      ['ai', expect.stringMatching(/^Hi\b.*…$/)],
      ['caller', 'What does the Growth plan cost?'],
      ['ai', "Here's what I found: The Growth plan costs $49 per agent per month."],
    ]);
    expect(ended.transcript[1].analysis).toMatchObject({ intent: 'pricing' });
    // The wrap-up knows what the Realtime conversation went through (the caller's lines read by the local NLU).
    expect(ended.summary).toMatchObject({ outcome: 'hung_up', state_reached: 'presentation', interest_signals: ['asked about pricing'] });
    await eventually(() => session.closedAt !== null);

    // Every line is announced for the call's transcript in telephony, and the wrap-up is scored.
    const interactions = await eventually(async () => {
      const rows = (await h.outbox('interaction.added')).filter((e) => e.data['voice_call_id'] === call.voiceCallId);
      return rows.length === 3 ? rows : null;
    });
    expect(interactions.map((e) => [e.data['speaker'], e.data['call_id']])).toEqual([['ai', call.callId], ['caller', call.callId], ['ai', call.callId]]);
    await eventually(async () => (await h.outbox('qa.score.updated')).some((e) => e.data['voice_call_id'] === call.voiceCallId));

    // The replica's media stats over NATS, as a benchmark reads them; reset starts them afresh.
    const stats = await h.bus.send(S.mediaStats, { reset: true });
    expect(stats.media_path.count).toBeGreaterThanOrEqual(55);
    expect(stats.frames_in).toBe(stats.media_path.count);
    expect(stats.media_path.max_us).toBeGreaterThan(0);
    expect(stats.barge_ins).toBeGreaterThanOrEqual(1);
    expect(await h.bus.send(S.mediaStats, {})).toMatchObject({ frames_in: 0, barge_ins: 0, media_path: { count: 0 } });
  }, 30_000);

  it('transfers to a human through telephony when the caller asks for a manager', async () => {
    const call = await answeredCall(['Can I speak to your manager please?']);
    const { session } = call;
    await eventually(async () => (await h.bus.send(S.getVoiceCall, { id: call.voiceCallId }, call.ctx)).transcript.length === 1, undefined, 5000);
    call.line.speak(400);
    call.line.silence(700);

    const [escalation] = await eventually(() => {
      const requests = doubles.telephony.of(TelephonySubjects.escalateCall, call.tenant);
      return requests.length > 0 ? requests : null;
    });
    expect(escalation).toMatchObject({ call_id: call.callId, reason: 'Can I speak to your manager please?' });
    expect(escalation.summary).toContain('state:');
    await eventually(() => session.closedAt !== null);
    const ended = await eventually(async () => {
      const detail = await h.bus.send(S.getVoiceCall, { id: call.voiceCallId }, call.ctx);
      return detail.status === 'ended' ? detail : null;
    });
    call.out.unsubscribe();
    expect(ended.summary?.outcome).toBe('transferred');
  }, 20_000);

  it('hangs up after the goodbye when the caller opts out, and their number goes on the DNC list', async () => {
    const call = await answeredCall(['Stop calling me and remove me from your list.']);
    await eventually(async () => (await h.bus.send(S.getVoiceCall, { id: call.voiceCallId }, call.ctx)).transcript.length === 1, undefined, 5000);
    call.line.speak(400);
    call.line.silence(700);
    await eventually(() => hangups.of(TelephonySubjects.endCall, call.tenant).length === 1, undefined, 10_000);
    expect(hangups.of(TelephonySubjects.endCall, call.tenant)).toEqual([{ id: call.callId }]);
    const dnc = doubles.compliance.of(ComplianceSubjects.addDnc, call.tenant);
    expect(dnc.length).toBeGreaterThan(0);
    expect(dnc[0]).toMatchObject({ phone_number: '+14155550123', source: 'opt_out' });
    expect(call.line.playing).toBe(false);
    call.out.unsubscribe();
  }, 20_000);

  it('leaves streams of other calls alone', async () => {
    const ctx = tenantCtx();
    const tenant = ctx.tenant_id as string;
    const local = await h.bus.send(S.createAgent, { name: 'Lee', provider: 'local' }, ctx);
    const callId = randomUUID();
    await h.bus.send(S.phoneAnswered, { call_id: callId, ai_agent_id: local.id, direction: 'inbound' }, ctx);
    await expect(h.bus.send(MediaSubjects.claimVoiceAiStream, claimRequest(callId), { tenant_id: tenant })).rejects.toMatchObject({ code: ErrorCode.NotFound });
    await expect(h.bus.send(MediaSubjects.claimVoiceAiStream, claimRequest(randomUUID()), { tenant_id: tenant })).rejects.toMatchObject({ code: ErrorCode.NotFound });
    // Another tenant's call is unknown in this one.
    await expect(h.bus.send(MediaSubjects.claimVoiceAiStream, claimRequest(callId), { tenant_id: randomUUID() })).rejects.toMatchObject({ code: ErrorCode.NotFound });
  });
});

function claimRequest(callId: string): MediaStreamClaimRequest {
  return {
    call_id: callId, stream_sid: `MZ${randomBytes(16).toString('hex')}`, call_sid: `CA${randomBytes(16).toString('hex')}`,
    account_sid: `AC${randomBytes(16).toString('hex')}`, encoding: 'audio/x-mulaw', sample_rate: 8000, channels: 1, custom_parameters: {},
    started_at: new Date().toISOString(),
  };
}
