import { DomainException } from '@parley/platform';
import { ErrorCode, type RealtimeServerMessage, type VoiceTurnResultDto } from '@parley/contracts';
import { VoiceCallRealtimeSession, type RealtimeTurns } from '../voice-call-realtime.session';
import { realtimeVoiceCallId } from '../voice-call-realtime.server';

const AT = new Date('2025-03-01T10:00:00.000Z');

function turnResult(turn: number, reply: string, overrides: Partial<VoiceTurnResultDto> = {}): VoiceTurnResultDto {
  return {
    ai_response: reply,
    analysis: { sentiment: { score: 0, label: 'neutral' }, intent: 'question', confidence: 0.8, objections: [], interest_signals: [] },
    conversation_state: 'discovery',
    should_continue: true,
    actions: [],
    sources: [],
    latency: { total_ms: 4, processing_ms: 2, model_ms: 0, knowledge_ms: 2, services_ms: 0 },
    turn,
    ...overrides,
  };
}

/** A voice-ai stand-in that answers turns from a script and records what it was asked. */
function scriptedTurns(answers: Array<VoiceTurnResultDto | Error>, heard: Record<number, string> = {}) {
  const asked: Array<{ text: string } | { audio_data: string }> = [];
  const turns: RealtimeTurns = {
    async respond(input) {
      asked.push(input);
      const next = answers.shift();
      if (!next) throw new Error('no answer scripted');
      if (next instanceof Error) throw next;
      return next;
    },
    async callerText(turn) {
      return heard[turn] ?? null;
    },
  };
  return { turns, asked };
}

function channel() {
  const sent: RealtimeServerMessage[] = [];
  const closes: Array<{ code: number; reason: string }> = [];
  return { sent, closes, send: (m: RealtimeServerMessage) => sent.push(m), close: (code: number, reason: string) => closes.push({ code, reason }) };
}

describe('a realtime voice session', () => {
  it('answers a text turn with the caller transcript, the answer, the agent transcript and the state, in that order', async () => {
    const { turns, asked } = scriptedTurns([turnResult(1, 'It starts at $49 a month.', { conversation_state: 'presentation' })]);
    const out = channel();
    const session = new VoiceCallRealtimeSession(turns, out, { now: () => AT });
    session.receive(JSON.stringify({ type: 'text_input', text: '  How much does it cost?  ' }));
    await session.idle();

    expect(asked).toEqual([{ text: 'How much does it cost?' }]);
    expect(out.sent.map((m) => m.type)).toEqual(['transcript', 'ai_response', 'transcript', 'state']);
    expect(out.sent[0]).toEqual({ type: 'transcript', speaker: 'caller', text: 'How much does it cost?', turn: 1, at: AT.toISOString() });
    expect(out.sent[1]).toMatchObject({ type: 'ai_response', ai_response: 'It starts at $49 a month.', turn: 1, conversation_state: 'presentation' });
    expect(out.sent[2]).toEqual({ type: 'transcript', speaker: 'ai', text: 'It starts at $49 a month.', turn: 1, at: AT.toISOString() });
    expect(out.sent[3]).toEqual({ type: 'state', conversation_state: 'presentation', should_continue: true });
    expect(out.closes).toEqual([]);
  });

  it('buffers audio chunks into one utterance on commit and reports what the caller was heard saying', async () => {
    const { turns, asked } = scriptedTurns([turnResult(2, 'Sure, tomorrow at three works.')], { 2: 'call me tomorrow at 3pm' });
    const out = channel();
    const session = new VoiceCallRealtimeSession(turns, out, { now: () => AT });
    session.receive(JSON.stringify({ type: 'audio_chunk', audio: Buffer.from('RIFF....').toString('base64') }));
    session.receive(JSON.stringify({ type: 'audio_chunk', audio: Buffer.from('WAVEdata').toString('base64') }));
    session.receive(JSON.stringify({ type: 'audio_commit' }));
    await session.idle();

    expect(asked).toEqual([{ audio_data: Buffer.from('RIFF....WAVEdata').toString('base64') }]);
    expect(out.sent[0]).toEqual({ type: 'transcript', speaker: 'caller', text: 'call me tomorrow at 3pm', turn: 2, at: AT.toISOString() });
    expect(out.sent.map((m) => m.type)).toEqual(['transcript', 'ai_response', 'transcript', 'state']);

    // The buffer was emptied by the commit.
    session.receive(JSON.stringify({ type: 'audio_commit' }));
    await session.idle();
    expect(out.sent.at(-1)).toEqual({ type: 'error', code: ErrorCode.ValidationFailed, message: expect.stringMatching(/no audio/) });
  });

  it('refuses malformed messages with the platform\'s error codes and keeps going', async () => {
    const { turns } = scriptedTurns([turnResult(1, 'Hello!')]);
    const out = channel();
    const session = new VoiceCallRealtimeSession(turns, out);
    session.receive('not json');
    session.receive(JSON.stringify({ type: 'dance' }));
    session.receive(JSON.stringify({ type: 'text_input', text: '   ' }));
    session.receive(JSON.stringify({ type: 'audio_chunk', audio: 'not base64!' }));
    session.receive(JSON.stringify({ type: 'text_input', text: 'hi' }));
    await session.idle();
    expect(out.sent.slice(0, 4)).toEqual([
      { type: 'error', code: 'BAD_REQUEST', message: expect.any(String) },
      { type: 'error', code: 'VALIDATION_FAILED', message: expect.stringMatching(/text_input, audio_chunk or audio_commit/) },
      { type: 'error', code: 'VALIDATION_FAILED', message: expect.stringMatching(/text/) },
      { type: 'error', code: 'VALIDATION_FAILED', message: expect.stringMatching(/base64/) },
    ]);
    expect(out.sent.slice(4).map((m) => m.type)).toEqual(['transcript', 'ai_response', 'transcript', 'state']);
  });

  it('passes voice-ai\'s refusals on with their code, and hides unexpected failures', async () => {
    const { turns } = scriptedTurns([
      new DomainException(ErrorCode.ValidationFailed, 'no speech provider configured'),
      new Error('socket hang up: secret details'),
    ]);
    const out = channel();
    const session = new VoiceCallRealtimeSession(turns, out);
    session.receive(JSON.stringify({ type: 'audio_chunk', audio: 'AAAA' }));
    session.receive(JSON.stringify({ type: 'audio_commit' }));
    session.receive(JSON.stringify({ type: 'text_input', text: 'hello?' }));
    await session.idle();
    expect(out.sent).toEqual([
      { type: 'error', code: 'VALIDATION_FAILED', message: 'no speech provider configured' },
      { type: 'error', code: 'INTERNAL', message: 'internal error' },
    ]);
  });

  it('drops an utterance that grows past the limit', async () => {
    const { turns, asked } = scriptedTurns([]);
    const out = channel();
    const session = new VoiceCallRealtimeSession(turns, out, { maxAudioBytes: 4 });
    session.receive(JSON.stringify({ type: 'audio_chunk', audio: Buffer.from('abc').toString('base64') }));
    session.receive(JSON.stringify({ type: 'audio_chunk', audio: Buffer.from('def').toString('base64') }));
    session.receive(JSON.stringify({ type: 'audio_commit' }));
    await session.idle();
    expect(asked).toEqual([]);
    expect(out.sent.map((m) => m.type === 'error' && m.code)).toEqual(['PAYLOAD_TOO_LARGE', 'VALIDATION_FAILED']);
  });

  it('closes normally once the agent ends the conversation, and ignores what comes after', async () => {
    const { turns, asked } = scriptedTurns([turnResult(4, 'Understood, I will not call again. Goodbye.', { conversation_state: 'ended', should_continue: false })]);
    const out = channel();
    const session = new VoiceCallRealtimeSession(turns, out);
    session.receive(JSON.stringify({ type: 'text_input', text: 'Stop calling me.' }));
    session.receive(JSON.stringify({ type: 'text_input', text: 'Are you still there?' }));
    await session.idle();
    expect(asked).toHaveLength(1);
    expect(out.sent.at(-1)).toEqual({ type: 'state', conversation_state: 'ended', should_continue: false });
    expect(out.closes).toEqual([{ code: 1000, reason: 'conversation ended' }]);
  });

  it('refuses messages beyond the waiting limit instead of queueing them forever', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const turns: RealtimeTurns = {
      respond: async () => { await gate; return turnResult(1, 'ok'); },
      callerText: async () => null,
    };
    const out = channel();
    const session = new VoiceCallRealtimeSession(turns, out, { maxPending: 2 });
    for (let i = 0; i < 3; i++) session.receive(JSON.stringify({ type: 'text_input', text: `message ${i}` }));
    expect(out.sent).toEqual([{ type: 'error', code: 'RATE_LIMITED', message: expect.any(String) }]);
    release();
    await session.idle();
  });
});

describe('the realtime socket path', () => {
  it('names the voice call of /api/v1/voice/calls/:id/realtime, with or without a query', () => {
    const id = '0b6c6f7e-2d3c-4a57-9d55-3f1a7b1d2c11';
    expect(realtimeVoiceCallId(`/api/v1/voice/calls/${id}/realtime`)).toBe(id);
    expect(realtimeVoiceCallId(`/api/v1/voice/calls/${id}/realtime?token=abc`)).toBe(id);
    expect(realtimeVoiceCallId('/api/v1/telephony/twilio/media/t/c')).toBeNull();
    expect(realtimeVoiceCallId('/socket.io/?EIO=4&transport=websocket')).toBeNull();
    expect(realtimeVoiceCallId(`/api/v1/voice/calls/${id}`)).toBeNull();
  });
});
