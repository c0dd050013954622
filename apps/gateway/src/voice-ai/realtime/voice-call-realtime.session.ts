import {
  ErrorCode, type RealtimeServerMessage, type VoiceTurnResultDto,
} from '@parley/contracts';

/** What a realtime session asks of voice-ai: one caller turn, and (for audio) what the caller was heard saying. */
export interface RealtimeTurns {
  respond(input: { text: string } | { audio_data: string }): Promise<VoiceTurnResultDto>;
  /** The caller's words of `turn` as voice-ai transcribed them; null when it kept none. */
  callerText(turn: number): Promise<string | null>;
}

/** The client end of the socket, as the session sees it. */
export interface RealtimeChannel {
  send(message: RealtimeServerMessage): void;
  close(code: number, reason: string): void;
}

export interface RealtimeSessionOptions {
  /** Largest utterance buffered before `audio_commit`, in decoded bytes (voice-ai takes 2 MB of base64). */
  maxAudioBytes?: number;
  /** Messages waiting behind the one being answered before more are refused. */
  maxPending?: number;
  now?: () => Date;
}

const DEFAULT_MAX_AUDIO_BYTES = 1_500_000;
const DEFAULT_MAX_PENDING = 16;
const MAX_TEXT_LENGTH = 4000;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const ERROR_CODES = new Set<string>(Object.values(ErrorCode));

/** Close code of a conversation the agent ended: a normal closure. */
export const CONVERSATION_ENDED_CLOSE = 1000;

class RealtimeError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
  }
}

/**
 * One client of `/voice/calls/:id/realtime`. Messages are answered strictly in order (a turn's
 * answer is sent before the next message is looked at); audio chunks are buffered until
 * `audio_commit` makes them one caller turn. Every failure is an `error` message with the
 * platform's error code, and the socket stays open; it closes when the agent ends the conversation.
 */
export class VoiceCallRealtimeSession {
  private readonly maxAudioBytes: number;
  private readonly maxPending: number;
  private readonly now: () => Date;
  private audio: Buffer[] = [];
  private audioBytes = 0;
  private pending = 0;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly turns: RealtimeTurns,
    private readonly channel: RealtimeChannel,
    options: RealtimeSessionOptions = {},
  ) {
    this.maxAudioBytes = options.maxAudioBytes ?? DEFAULT_MAX_AUDIO_BYTES;
    this.maxPending = options.maxPending ?? DEFAULT_MAX_PENDING;
    this.now = options.now ?? (() => new Date());
  }

  /** A text frame from the client. */
  receive(raw: string): void {
    if (this.closed) return;
    if (this.pending >= this.maxPending) {
      this.channel.send({ type: 'error', code: ErrorCode.RateLimited, message: 'too many messages waiting for an answer; wait for the agent to answer' });
      return;
    }
    this.pending++;
    this.chain = this.chain.then(() => this.handle(raw)).finally(() => { this.pending--; });
  }

  /** Resolves once every message received so far has been answered. */
  idle(): Promise<void> {
    return this.chain;
  }

  /** The socket went away: nothing more is sent, and buffered audio is dropped. */
  dispose(): void {
    this.closed = true;
    this.audio = [];
    this.audioBytes = 0;
  }

  private async handle(raw: string): Promise<void> {
    if (this.closed) return;
    try {
      const message = parse(raw);
      switch (message.type) {
        case 'text_input':
          return await this.textTurn(message.text);
        case 'audio_chunk':
          return this.buffer(message.audio);
        case 'audio_commit':
          return await this.audioTurn();
      }
    } catch (error) {
      this.fail(error);
    }
  }

  private async textTurn(text: string): Promise<void> {
    const heardAt = this.now().toISOString();
    const result = await this.turns.respond({ text });
    this.answer(result, { text, at: heardAt });
  }

  private buffer(audio: string): void {
    const bytes = Buffer.from(audio, 'base64');
    if (this.audioBytes + bytes.length > this.maxAudioBytes) {
      this.audio = [];
      this.audioBytes = 0;
      throw new RealtimeError(ErrorCode.PayloadTooLarge, `an utterance may hold at most ${this.maxAudioBytes} bytes of audio; the buffered audio was dropped`);
    }
    this.audio.push(bytes);
    this.audioBytes += bytes.length;
  }

  private async audioTurn(): Promise<void> {
    if (this.audioBytes === 0) throw new RealtimeError(ErrorCode.ValidationFailed, 'no audio to commit: send audio_chunk messages first');
    const audio = Buffer.concat(this.audio).toString('base64');
    this.audio = [];
    this.audioBytes = 0;
    const heardAt = this.now().toISOString();
    const result = await this.turns.respond({ audio_data: audio });
    const text = await this.turns.callerText(result.turn);
    this.answer(result, text === null ? null : { text, at: heardAt });
  }

  /** The turn as it lands: what the caller said, the agent's answer, what the agent said, where the conversation is. */
  private answer(result: VoiceTurnResultDto, caller: { text: string; at: string } | null): void {
    if (this.closed) return;
    if (caller) this.channel.send({ type: 'transcript', speaker: 'caller', text: caller.text, turn: result.turn, at: caller.at });
    this.channel.send({ type: 'ai_response', ...result });
    this.channel.send({ type: 'transcript', speaker: 'ai', text: result.ai_response, turn: result.turn, at: this.now().toISOString() });
    this.channel.send({ type: 'state', conversation_state: result.conversation_state, should_continue: result.should_continue });
    if (!result.should_continue) {
      this.closed = true;
      this.channel.close(CONVERSATION_ENDED_CLOSE, 'conversation ended');
    }
  }

  private fail(error: unknown): void {
    if (this.closed) return;
    const { code, message } = errorOf(error);
    this.channel.send({ type: 'error', code, message });
  }
}

type ClientMessage = { type: 'text_input'; text: string } | { type: 'audio_chunk'; audio: string } | { type: 'audio_commit' };

/** The client's frame, checked like a request body: unknown types and malformed fields are refused. */
function parse(raw: string): ClientMessage {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new RealtimeError(ErrorCode.BadRequest, 'a message must be a JSON object');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RealtimeError(ErrorCode.BadRequest, 'a message must be a JSON object');
  const message = value as Record<string, unknown>;
  switch (message['type']) {
    case 'text_input': {
      const text = message['text'];
      if (typeof text !== 'string' || text.trim().length === 0) throw new RealtimeError(ErrorCode.ValidationFailed, 'text must be a non-empty string');
      if (text.length > MAX_TEXT_LENGTH) throw new RealtimeError(ErrorCode.ValidationFailed, `text must be at most ${MAX_TEXT_LENGTH} characters`);
      return { type: 'text_input', text: text.trim() };
    }
    case 'audio_chunk': {
      const audio = message['audio'];
      if (typeof audio !== 'string' || audio.length === 0 || !BASE64.test(audio)) throw new RealtimeError(ErrorCode.ValidationFailed, 'audio must be base64');
      return { type: 'audio_chunk', audio };
    }
    case 'audio_commit':
      return { type: 'audio_commit' };
    default:
      throw new RealtimeError(ErrorCode.ValidationFailed, 'type must be text_input, audio_chunk or audio_commit');
  }
}

/** A domain error keeps its code and message (voice-ai's 409 on an ended call, 422 without a speech provider); anything else is internal. */
function errorOf(error: unknown): { code: string; message: string } {
  const coded = error as { code?: unknown; message?: unknown } | null;
  if (coded && typeof coded.code === 'string' && ERROR_CODES.has(coded.code) && typeof coded.message === 'string') {
    return { code: coded.code, message: coded.message };
  }
  return { code: ErrorCode.Internal, message: 'internal error' };
}
