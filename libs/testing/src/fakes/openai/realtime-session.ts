import { performance } from 'node:perf_hooks';
import { decodeAudio, durationMs, encodeAudio, sampleRateOf, syntheticVoice, type AudioEncoding } from './audio-format';
import { EnergyVad } from './energy-vad';
import { newId } from './openai-wire';
import {
  applySessionUpdate,
  defaultSession,
  effectiveConfig,
  functionTools,
  toolChoiceOf,
  type EffectiveSessionConfig,
  type RealtimeProtocol,
} from './realtime-session-config';
import { scriptedTurn, type ScriptedMessage } from './scripted-model';

/**
 * One Realtime API conversation over a WebSocket, as OpenAI runs it: session.update, an input
 * audio buffer with server VAD (energy on the decoded audio), the caller's turns transcribed from a
 * script, responses from the scripted model spoken as audio deltas paced in real time, function
 * calls, truncate/cancel, and a record of everything the client sent.
 */

export interface FakeRealtimeSessionRecord {
  id: string;
  model: string;
  /** 'ga' (what `openai/realtime/ws` speaks) or 'beta' (the client sent `OpenAI-Beta: realtime=v1`). */
  protocol: RealtimeProtocol;
  /** Headers of the WebSocket upgrade request. */
  headers: Record<string, string | string[] | undefined>;
  openedAt: number;
  closedAt: number | null;
  /** The session as last reported in session.created / session.updated. */
  session: Record<string, unknown>;
  /**
   * Every client event, oldest first, stamped with `receivedAt` (epoch ms, sub-ms precision).
   * input_audio_buffer.append events carry `audio_bytes` instead of their base64 audio.
   */
  events: Array<{ type: string; receivedAt: number; event: Record<string, unknown> }>;
  audioBytesReceived: number;
  /** The caller's turns: where VAD (or a manual commit) put them and the transcript the script gave them. */
  userTurns: Array<{ item_id: string; audio_start_ms: number; audio_end_ms: number; transcript: string }>;
  responses: Array<{
    id: string;
    status: 'in_progress' | 'completed' | 'cancelled';
    /** Why a cancelled response stopped: 'turn_detected' (barge-in VAD) or 'client_cancelled'. */
    reason: string | null;
    /** What the response says (full text, even when cancelled part way). */
    text: string;
    /** Audio sent before it finished or was stopped. */
    audio_ms: number;
    item_id: string | null;
  }>;
  functionCalls: Array<{ call_id: string; name: string; arguments: Record<string, unknown>; item_id: string }>;
  toolOutputs: Array<{ call_id: string; name: string | null; output: string }>;
  truncates: Array<{ item_id: string; content_index: number; audio_end_ms: number }>;
  /** Error events the fake sent. */
  errors: Array<{ type: string; code: string | null; message: string; event_id: string | null }>;
  /** Types of the server events sent, oldest first, with when (epoch ms). */
  sent: Array<{ type: string; at: number }>;
}

export interface RealtimeSessionOptions {
  /** The caller's lines in order (read when each turn ends); past the end: "Hello?". */
  transcripts: () => readonly string[];
  /** Length of each spoken response (ms). */
  responseAudioMs: number;
  /** Audio per delta event (ms); deltas go out at this pace. */
  chunkMs: number;
  now: () => Date;
}

type Json = Record<string, unknown>;

interface ConversationItem {
  id: string;
  type: 'message' | 'function_call' | 'function_call_output';
  role?: 'user' | 'assistant' | 'system';
  text: string;
  name?: string;
  callId?: string;
  arguments?: string;
  /** Assistant audio generated for the item (ms). */
  audioMs: number;
  status: 'in_progress' | 'completed' | 'incomplete';
  contentType?: string;
}

interface ActiveResponse {
  id: string;
  item: ConversationItem;
  record: FakeRealtimeSessionRecord['responses'][number];
  timer: NodeJS.Timeout | null;
  finish: (status: 'cancelled', reason: string) => void;
}

const DEFAULT_TRANSCRIPT = 'Hello?';
const VAD_START_MS = 200;
const VAD_RMS_THRESHOLD = 500;
const MIN_COMMIT_MS = 100;

const CLIENT_EVENTS = [
  'session.update', 'input_audio_buffer.append', 'input_audio_buffer.commit', 'input_audio_buffer.clear', 'output_audio_buffer.clear',
  'conversation.item.create', 'conversation.item.truncate', 'conversation.item.delete', 'conversation.item.retrieve', 'response.create', 'response.cancel',
];

const highResNow = () => performance.timeOrigin + performance.now();

export class FakeRealtimeSession {
  readonly record: FakeRealtimeSessionRecord;
  private session: Json;
  private config: EffectiveSessionConfig;
  private readonly items: ConversationItem[] = [];
  private readonly vad: EnergyVad;
  private inputBytes = 0;
  /** Where the uncommitted input buffer started (ms of all audio received). */
  private bufferStartMs = 0;
  private pendingSpeech: { itemId: string; audioStartMs: number } | null = null;
  private active: ActiveResponse | null = null;
  private transcriptIndex = 0;
  private closed = false;
  private readonly conversationId = newId('conv_');

  constructor(
    private readonly send: (event: Json) => void,
    private readonly options: RealtimeSessionOptions,
    init: { model: string; protocol: RealtimeProtocol; headers: FakeRealtimeSessionRecord['headers'] },
  ) {
    const id = newId('sess_');
    this.session = defaultSession(init.protocol, id, init.model);
    this.config = effectiveConfig(init.protocol, this.session);
    this.vad = new EnergyVad(this.vadConfig());
    this.record = {
      id,
      model: init.model,
      protocol: init.protocol,
      headers: init.headers,
      openedAt: Date.now(),
      closedAt: null,
      session: this.session,
      events: [],
      audioBytesReceived: 0,
      userTurns: [],
      responses: [],
      functionCalls: [],
      toolOutputs: [],
      truncates: [],
      errors: [],
      sent: [],
    };
  }

  private get ga(): boolean {
    return this.record.protocol === 'ga';
  }

  start(): void {
    this.emit({ type: 'session.created', session: this.session });
    if (!this.ga) this.emit({ type: 'conversation.created', conversation: { id: this.conversationId, object: 'realtime.conversation' } });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.active?.timer) clearTimeout(this.active.timer);
    this.active = null;
    this.record.closedAt = Date.now();
  }

  /** One text frame from the client. */
  receive(raw: string): void {
    const receivedAt = highResNow();
    let event: Json;
    try {
      event = JSON.parse(raw) as Json;
    } catch {
      this.error('invalid_request_error', 'invalid_json', "The server could not parse the event: it isn't valid JSON.", null);
      return;
    }
    const type = String(event.type ?? '');
    const eventId = typeof event.event_id === 'string' ? event.event_id : null;
    const recorded = type === 'input_audio_buffer.append' ? { type, ...(eventId ? { event_id: eventId } : {}), audio_bytes: 0 } : event;
    this.record.events.push({ type, receivedAt, event: recorded });
    switch (type) {
      case 'session.update':
        return this.updateSession(event.session, eventId);
      case 'input_audio_buffer.append':
        return this.append(event.audio, eventId, recorded);
      case 'input_audio_buffer.commit':
        return this.commitByClient(eventId);
      case 'input_audio_buffer.clear':
        this.inputBytes = 0;
        this.bufferStartMs = this.vad.positionMs;
        this.pendingSpeech = null;
        this.vad.reset();
        return this.emit({ type: 'input_audio_buffer.cleared' });
      case 'output_audio_buffer.clear':
        return; // WebRTC/SIP only: over a WebSocket the client owns playback.
      case 'conversation.item.create':
        return this.createItem(event.item as Json | undefined, event.previous_item_id as string | undefined, eventId);
      case 'conversation.item.truncate':
        return this.truncate(event, eventId);
      case 'conversation.item.delete':
        return this.deleteItem(String(event.item_id ?? ''), eventId);
      case 'conversation.item.retrieve':
        return this.retrieveItem(String(event.item_id ?? ''), eventId);
      case 'response.create':
        return this.createResponse((event.response ?? {}) as Json, eventId);
      case 'response.cancel':
        return this.cancelByClient(event.response_id as string | undefined, eventId);
      default:
        this.error('invalid_request_error', 'invalid_value', `Invalid value: '${type}'. Supported values are: ${CLIENT_EVENTS.map((name) => `'${name}'`).join(', ')}.`, eventId, 'type');
    }
  }

  // --- session ---------------------------------------------------------------------------------

  private updateSession(update: unknown, eventId: string | null): void {
    const result = applySessionUpdate(this.record.protocol, this.session, update);
    if ('error' in result) return this.error('invalid_request_error', result.error.code, result.error.message, eventId, result.error.param);
    this.session = result.session;
    this.record.session = this.session;
    this.config = effectiveConfig(this.record.protocol, this.session);
    this.vad.configure(this.vadConfig());
    this.emit({ type: 'session.updated', session: this.session });
  }

  private vadConfig() {
    return { startMs: VAD_START_MS, silenceMs: this.config.turnDetection?.silenceMs ?? 400, rmsThreshold: VAD_RMS_THRESHOLD };
  }

  // --- input audio -----------------------------------------------------------------------------

  private append(audio: unknown, eventId: string | null, recorded: Json): void {
    if (typeof audio !== 'string') return this.error('invalid_request_error', 'missing_required_parameter', "Missing required parameter: 'audio'.", eventId, 'audio');
    const bytes = Buffer.from(audio, 'base64');
    recorded.audio_bytes = bytes.length;
    this.record.audioBytesReceived += bytes.length;
    const encoding = this.config.inputEncoding;
    const samples = decodeAudio(encoding, bytes);
    this.inputBytes += bytes.length;
    const transitions = this.vad.push(samples, sampleRateOf(encoding));
    if (!this.config.turnDetection) return;
    for (const transition of transitions) {
      if (transition.type === 'speech_started') {
        const itemId = newId('item_');
        this.pendingSpeech = { itemId, audioStartMs: transition.audioStartMs };
        this.emit({ type: 'input_audio_buffer.speech_started', audio_start_ms: transition.audioStartMs, item_id: itemId });
        if (this.active && this.config.turnDetection.interruptResponse) this.active.finish('cancelled', 'turn_detected');
      } else if (this.pendingSpeech) {
        const { itemId, audioStartMs } = this.pendingSpeech;
        this.pendingSpeech = null;
        this.emit({ type: 'input_audio_buffer.speech_stopped', audio_end_ms: transition.audioEndMs, item_id: itemId });
        this.commitTurn(itemId, audioStartMs, transition.audioEndMs, this.config.turnDetection.createResponse);
      }
    }
  }

  private commitByClient(eventId: string | null): void {
    const bufferedMs = durationMs(this.config.inputEncoding, this.inputBytes);
    if (bufferedMs < MIN_COMMIT_MS) {
      return this.error(
        'invalid_request_error',
        'input_audio_buffer_commit_empty',
        `Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but buffer only has ${bufferedMs.toFixed(2)}ms of audio.`,
        eventId,
      );
    }
    const itemId = this.pendingSpeech?.itemId ?? newId('item_');
    const startMs = this.pendingSpeech?.audioStartMs ?? this.bufferStartMs;
    this.pendingSpeech = null;
    this.vad.reset();
    this.commitTurn(itemId, startMs, this.vad.positionMs, false);
  }

  /** The buffer becomes a user item with the script's next line as its transcript. */
  private commitTurn(itemId: string, audioStartMs: number, audioEndMs: number, respond: boolean): void {
    this.inputBytes = 0;
    this.bufferStartMs = audioEndMs;
    const previous = this.items.at(-1)?.id ?? null;
    this.emit({ type: 'input_audio_buffer.committed', previous_item_id: previous, item_id: itemId });
    const transcript = this.options.transcripts()[this.transcriptIndex] ?? DEFAULT_TRANSCRIPT;
    this.transcriptIndex += 1;
    const item: ConversationItem = { id: itemId, type: 'message', role: 'user', text: transcript, audioMs: 0, status: 'completed', contentType: 'input_audio' };
    this.items.push(item);
    this.announceItem({ ...this.itemJson(item), content: [{ type: 'input_audio', transcript: null }] }, previous, true);
    this.record.userTurns.push({ item_id: itemId, audio_start_ms: audioStartMs, audio_end_ms: audioEndMs, transcript });
    if (this.config.transcription) {
      this.emit({ type: 'conversation.item.input_audio_transcription.delta', item_id: itemId, content_index: 0, delta: transcript });
      this.emit({
        type: 'conversation.item.input_audio_transcription.completed',
        item_id: itemId,
        content_index: 0,
        transcript,
        usage: { type: 'duration', seconds: Math.max(1, Math.round((audioEndMs - audioStartMs) / 1000)) },
      });
    }
    if (respond && !this.active) this.startResponse({});
  }

  // --- conversation items ----------------------------------------------------------------------

  private createItem(given: Json | undefined, previousItemId: string | undefined, eventId: string | null): void {
    const item: Json = given ?? {};
    const type = item.type;
    if (type !== 'message' && type !== 'function_call' && type !== 'function_call_output') {
      return this.error('invalid_request_error', 'invalid_value', `Invalid value: '${String(type)}'. Supported values are: 'message', 'function_call', and 'function_call_output'.`, eventId, 'item.type');
    }
    const id = typeof item.id === 'string' ? item.id : newId('item_');
    if (this.items.some((existing) => existing.id === id)) {
      return this.error('invalid_request_error', 'item_id_already_exists', `Item with id '${id}' already exists.`, eventId, 'item.id');
    }
    const stored: ConversationItem = { id, type, text: '', audioMs: 0, status: 'completed' };
    if (type === 'function_call_output') {
      stored.callId = String(item.call_id ?? '');
      stored.text = String(item.output ?? '');
      const call = this.items.find((existing) => existing.type === 'function_call' && existing.callId === stored.callId);
      stored.name = call?.name;
      this.record.toolOutputs.push({ call_id: stored.callId, name: call?.name ?? null, output: stored.text });
    } else if (type === 'function_call') {
      stored.callId = String(item.call_id ?? newId('call_'));
      stored.name = String(item.name ?? '');
      stored.arguments = String(item.arguments ?? '{}');
    } else {
      stored.role = (item.role as ConversationItem['role']) ?? 'user';
      const content = Array.isArray(item.content) ? (item.content as Json[]) : [];
      stored.text = content.map((part) => String(part.text ?? part.transcript ?? '')).filter(Boolean).join(' ');
      stored.contentType = String(content[0]?.type ?? 'input_text');
    }
    const at = previousItemId ? this.items.findIndex((existing) => existing.id === previousItemId) + 1 : this.items.length;
    const previous = at > 0 ? this.items[at - 1].id : null;
    this.items.splice(at, 0, stored);
    this.announceItem({ ...this.itemJson(stored), ...(type === 'message' ? { content: item.content ?? [] } : {}) }, previous, true);
  }

  private truncate(event: Json, eventId: string | null): void {
    const itemId = String(event.item_id ?? '');
    const contentIndex = Number(event.content_index ?? 0);
    const audioEndMs = Number(event.audio_end_ms);
    const item = this.items.find((existing) => existing.id === itemId);
    if (!item) return this.error('invalid_request_error', 'item_not_found', `Conversation item with id '${itemId}' not found.`, eventId, 'item_id');
    if (item.type !== 'message' || item.role !== 'assistant') {
      return this.error('invalid_request_error', 'invalid_value', 'Only assistant messages can be truncated.', eventId, 'item_id');
    }
    if (!Number.isFinite(audioEndMs) || audioEndMs < 0) return this.error('invalid_request_error', 'invalid_value', "Invalid 'audio_end_ms'.", eventId, 'audio_end_ms');
    if (audioEndMs > Math.ceil(item.audioMs)) {
      return this.error('invalid_request_error', 'invalid_value', `Audio content of ${Math.round(item.audioMs)}ms is shorter than ${audioEndMs}ms.`, eventId, 'audio_end_ms');
    }
    this.record.truncates.push({ item_id: itemId, content_index: contentIndex, audio_end_ms: audioEndMs });
    this.emit({ type: 'conversation.item.truncated', item_id: itemId, content_index: contentIndex, audio_end_ms: audioEndMs });
    if (this.active?.item.id === itemId) this.active.finish('cancelled', 'client_cancelled');
    // What the caller never heard is no longer part of the conversation.
    const heardWords = Math.round((item.text.split(/\s+/).length * audioEndMs) / Math.max(1, item.audioMs));
    item.text = item.text.split(/\s+/).slice(0, heardWords).join(' ');
    item.audioMs = audioEndMs;
  }

  private deleteItem(itemId: string, eventId: string | null): void {
    const index = this.items.findIndex((existing) => existing.id === itemId);
    if (index < 0) return this.error('invalid_request_error', 'item_not_found', `Conversation item with id '${itemId}' not found.`, eventId, 'item_id');
    this.items.splice(index, 1);
    this.emit({ type: 'conversation.item.deleted', item_id: itemId });
  }

  private retrieveItem(itemId: string, eventId: string | null): void {
    const item = this.items.find((existing) => existing.id === itemId);
    if (!item) return this.error('invalid_request_error', 'item_not_found', `Conversation item with id '${itemId}' not found.`, eventId, 'item_id');
    this.emit({ type: 'conversation.item.retrieved', item: this.itemJson(item) });
  }

  // --- responses -------------------------------------------------------------------------------

  private createResponse(params: Json, eventId: string | null): void {
    if (this.active) {
      return this.error('invalid_request_error', 'conversation_already_has_active_response', `Conversation already has an active response in progress: ${this.active.id}. Wait until the response is finished before creating a new one.`, eventId);
    }
    this.startResponse(params);
  }

  private cancelByClient(responseId: string | undefined, eventId: string | null): void {
    if (!this.active || (responseId && responseId !== this.active.id)) {
      return this.error('invalid_request_error', 'response_cancel_not_active', 'Cancellation failed: no active response found.', eventId);
    }
    this.active.finish('cancelled', 'client_cancelled');
  }

  private startResponse(params: Json): void {
    const id = newId('resp_');
    const modalities = ((this.ga ? params.output_modalities : params.modalities) as Array<'text' | 'audio'> | undefined) ?? this.config.modalities;
    const spoken = modalities.includes('audio');
    const tools = params.tools !== undefined ? functionTools(params.tools) : this.config.tools;
    const toolChoice = params.tool_choice !== undefined ? toolChoiceOf(params.tool_choice) : this.config.toolChoice;
    const instructions = typeof params.instructions === 'string' ? params.instructions : undefined;
    const turn = scriptedTurn({
      messages: this.scriptedMessages(instructions),
      tools,
      toolChoice,
      now: this.options.now(),
      responseInstructions: instructions,
    });
    const responseJson = (status: string, output: Json[], details: Json | null = null, usage: Json | null = null): Json => ({
      id,
      object: 'realtime.response',
      status,
      status_details: details,
      output,
      conversation_id: this.conversationId,
      ...(this.ga ? { output_modalities: modalities, audio: { output: { format: this.formatJson(this.config.outputEncoding), voice: this.config.voice } } } : { modalities, voice: this.config.voice, output_audio_format: this.betaFormat(this.config.outputEncoding) }),
      max_output_tokens: 'inf',
      metadata: (params.metadata as Json | undefined) ?? null,
      usage,
    });
    this.emit({ type: 'response.created', response: responseJson('in_progress', []) });

    if (turn.kind === 'tool_call') {
      const args = JSON.stringify(turn.arguments);
      const callId = newId('call_');
      const item: ConversationItem = { id: newId('item_'), type: 'function_call', name: turn.name, callId, arguments: args, text: '', audioMs: 0, status: 'in_progress' };
      const previous = this.items.at(-1)?.id ?? null;
      this.items.push(item);
      const record: FakeRealtimeSessionRecord['responses'][number] = { id, status: 'in_progress', reason: null, text: '', audio_ms: 0, item_id: item.id };
      this.record.responses.push(record);
      const base = { response_id: id, item_id: item.id, output_index: 0, call_id: item.callId };
      this.emit({ type: 'response.output_item.added', response_id: id, output_index: 0, item: { ...this.itemJson(item), arguments: '' } });
      this.announceItem({ ...this.itemJson(item), arguments: '' }, previous, false);
      for (let i = 0; i < args.length; i += 16) this.emit({ type: 'response.function_call_arguments.delta', ...base, delta: args.slice(i, i + 16) });
      this.emit({ type: 'response.function_call_arguments.done', ...base, name: turn.name, arguments: args });
      item.status = 'completed';
      this.emit({ type: 'response.output_item.done', response_id: id, output_index: 0, item: this.itemJson(item) });
      if (this.ga) this.emit({ type: 'conversation.item.done', item: this.itemJson(item), previous_item_id: previous });
      this.record.functionCalls.push({ call_id: callId, name: turn.name, arguments: turn.arguments, item_id: item.id });
      record.status = 'completed';
      this.emit({ type: 'response.done', response: responseJson('completed', [this.itemJson(item)], null, this.usage(args, 0)) });
      return;
    }

    const text = turn.text;
    const item: ConversationItem = { id: newId('item_'), type: 'message', role: 'assistant', text, audioMs: 0, status: 'in_progress', contentType: spoken ? 'output_audio' : 'output_text' };
    const previous = this.items.at(-1)?.id ?? null;
    this.items.push(item);
    const record: FakeRealtimeSessionRecord['responses'][number] = { id, status: 'in_progress', reason: null, text, audio_ms: 0, item_id: item.id };
    this.record.responses.push(record);
    const part = { response_id: id, item_id: item.id, output_index: 0, content_index: 0 };
    const contentJson = (said: string) => [spoken ? { type: this.ga ? 'output_audio' : 'audio', transcript: said } : { type: this.ga ? 'output_text' : 'text', text: said }];
    this.emit({ type: 'response.output_item.added', response_id: id, output_index: 0, item: { ...this.itemJson(item), content: [] } });
    this.announceItem({ ...this.itemJson(item), content: [] }, previous, false);
    this.emit({ type: 'response.content_part.added', ...part, part: spoken ? { type: 'audio', transcript: '' } : { type: 'text', text: '' } });

    const words = text.match(/\S+\s*/g) ?? [];
    const chunks = spoken ? Math.max(1, Math.ceil(this.options.responseAudioMs / this.options.chunkMs)) : 1;
    let said = '';
    let sentChunks = 0;
    const finish = (status: 'completed' | 'cancelled', reason: string | null) => {
      if (this.active?.id !== id) return;
      if (this.active.timer) clearTimeout(this.active.timer);
      this.active = null;
      const finalText = status === 'completed' ? text : said.trim();
      if (spoken) {
        this.emit({ type: this.ga ? 'response.output_audio.done' : 'response.audio.done', ...part });
        this.emit({ type: this.ga ? 'response.output_audio_transcript.done' : 'response.audio_transcript.done', ...part, transcript: finalText });
        this.emit({ type: 'response.content_part.done', ...part, part: { type: 'audio', transcript: finalText } });
      } else {
        this.emit({ type: this.ga ? 'response.output_text.done' : 'response.text.done', ...part, text: finalText });
        this.emit({ type: 'response.content_part.done', ...part, part: { type: 'text', text: finalText } });
      }
      item.status = status === 'completed' ? 'completed' : 'incomplete';
      const done = { ...this.itemJson(item), content: contentJson(finalText) };
      this.emit({ type: 'response.output_item.done', response_id: id, output_index: 0, item: done });
      if (this.ga) this.emit({ type: 'conversation.item.done', item: done, previous_item_id: previous });
      record.status = status;
      record.reason = reason;
      const details = status === 'cancelled' ? { type: 'cancelled', reason } : null;
      this.emit({ type: 'response.done', response: responseJson(status, [done], details, this.usage(finalText, item.audioMs)) });
    };
    const active: ActiveResponse = { id, item, record, timer: null, finish: (status, reason) => finish(status, reason) };
    this.active = active;

    if (!spoken) {
      for (const word of words) this.emit({ type: this.ga ? 'response.output_text.delta' : 'response.text.delta', ...part, delta: word });
      said = text;
      finish('completed', null);
      return;
    }
    const encoding = this.config.outputEncoding;
    const startedAt = Date.now();
    const sendChunk = () => {
      if (this.active !== active || this.closed) return;
      const audio = chunkAudio(encoding, sentChunks, this.options.chunkMs);
      const from = Math.floor((sentChunks * words.length) / chunks);
      const to = Math.floor(((sentChunks + 1) * words.length) / chunks);
      sentChunks += 1;
      item.audioMs += this.options.chunkMs;
      record.audio_ms = item.audioMs;
      this.emit({ type: this.ga ? 'response.output_audio.delta' : 'response.audio.delta', ...part, delta: audio.toString('base64') });
      const delta = words.slice(from, to).join('');
      if (delta) {
        said += delta;
        this.emit({ type: this.ga ? 'response.output_audio_transcript.delta' : 'response.audio_transcript.delta', ...part, delta });
      }
      if (sentChunks >= chunks) return finish('completed', null);
      // Deltas keep real time against the start, so timer drift doesn't add up.
      active.timer = setTimeout(sendChunk, Math.max(0, startedAt + sentChunks * this.options.chunkMs - Date.now()));
    };
    sendChunk();
  }

  /** The conversation as the scripted model reads it; a response's own instructions replace the session's, as in OpenAI. */
  private scriptedMessages(responseInstructions?: string): ScriptedMessage[] {
    const messages: ScriptedMessage[] = [];
    const instructions = responseInstructions ?? this.config.instructions;
    if (instructions) messages.push({ role: 'system', text: instructions });
    for (const item of this.items) {
      if (item.type === 'message') messages.push({ role: item.role ?? 'user', text: item.text });
      else if (item.type === 'function_call') messages.push({ role: 'assistant', text: '' });
      else messages.push({ role: 'tool', text: item.text, toolName: item.name });
    }
    return messages;
  }

  // --- wire ------------------------------------------------------------------------------------

  private itemJson(item: ConversationItem): Json {
    const base = { id: item.id, object: 'realtime.item', type: item.type, status: item.status };
    if (item.type === 'function_call') return { ...base, name: item.name, call_id: item.callId, arguments: item.arguments };
    if (item.type === 'function_call_output') return { ...base, call_id: item.callId, output: item.text };
    return { ...base, role: item.role, content: [] };
  }

  /** GA announces an item with conversation.item.added (+ .done once complete); beta with conversation.item.created. */
  private announceItem(item: Json, previousItemId: string | null, complete: boolean): void {
    if (this.ga) {
      this.emit({ type: 'conversation.item.added', previous_item_id: previousItemId, item });
      if (complete) this.emit({ type: 'conversation.item.done', previous_item_id: previousItemId, item });
    } else {
      this.emit({ type: 'conversation.item.created', previous_item_id: previousItemId, item });
    }
  }

  private formatJson(encoding: AudioEncoding): Json {
    return encoding === 'pcm16' ? { type: 'audio/pcm', rate: 24000 } : { type: encoding === 'pcmu' ? 'audio/pcmu' : 'audio/pcma' };
  }

  private betaFormat(encoding: AudioEncoding): string {
    return encoding === 'pcm16' ? 'pcm16' : encoding === 'pcmu' ? 'g711_ulaw' : 'g711_alaw';
  }

  private usage(text: string, audioMs: number): Json {
    const textTokens = Math.ceil(text.length / 4);
    // Realtime audio costs about one token per 50 ms.
    const audioTokens = Math.ceil(audioMs / 50);
    const input = Math.ceil(this.items.reduce((sum, item) => sum + item.text.length, 0) / 4);
    return {
      total_tokens: input + textTokens + audioTokens,
      input_tokens: input,
      output_tokens: textTokens + audioTokens,
      input_token_details: { text_tokens: input, audio_tokens: 0, cached_tokens: 0 },
      output_token_details: { text_tokens: textTokens, audio_tokens: audioTokens },
    };
  }

  private error(type: string, code: string | null, message: string, eventId: string | null, param: string | null = null): void {
    this.record.errors.push({ type, code, message, event_id: eventId });
    this.emit({ type: 'error', error: { type, code, message, param, event_id: eventId } });
  }

  private emit(event: Json): void {
    if (this.closed) return;
    const type = String(event.type);
    this.record.sent.push({ type, at: Date.now() });
    this.send({ event_id: newId('event_'), ...event });
  }
}

/** Each chunk of model speech, computed once per encoding and chunk length (a response repeats the same voice). */
const chunkCache = new Map<string, Buffer>();

function chunkAudio(encoding: AudioEncoding, index: number, chunkMs: number): Buffer {
  const period = index % 20;
  const key = `${encoding}:${chunkMs}:${period}`;
  let audio = chunkCache.get(key);
  if (!audio) {
    const rate = sampleRateOf(encoding);
    audio = encodeAudio(encoding, syntheticVoice(chunkMs, rate, Math.round((period * chunkMs * rate) / 1000)));
    chunkCache.set(key, audio);
  }
  return audio;
}
