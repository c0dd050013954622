import { performance } from 'node:perf_hooks';
import {
  decodeInboundFrame, encodeClearFrame, encodeMarkFrame, encodeOutboundAudio, INBOUND_AUDIO_HEADER_BYTES, MediaFrameError, MediaFrameKind,
  type ConversationActionDto, type TurnAnalysisDto,
} from '@parley/contracts';
import type { RealtimeServerEvent } from 'openai/resources/realtime/realtime';
import type { ConversationContext, ConversationTools, TranscriptLine } from '../engine/conversation-engine';
import type { ConversationMemory } from '../engine/conversation-memory';
import { AgentToolRunner, type AgentToolResult } from '../engine/openai/agent-tool-runner';
import { handoverSummary } from '../engine/openai/conversation-prompt';
import { trackCallerTurn } from './caller-turn-tracker';
import { PlaybackTracker } from './playback-tracker';
import type { RealtimeMediaMetrics } from './realtime-media-metrics';
import { openingResponse, realtimeSessionUpdate, type RealtimeSessionSettings } from './realtime-session-config';
import type { RealtimeEvent, RealtimeSocket } from './realtime-socket';
import { TranscriptSequencer, type SpokenTurn } from './transcript-sequencer';

/** Twilio plays 20 ms frames: 160 bytes of μ-law. */
const FRAME_BYTES = 160;

/** Why a bridge ended. */
export type RealtimeEndReason = 'stop' | 'transferred' | 'hung_up' | 'idle' | 'shutdown';

/** What a bridge needs from the outside: the call's media subject, the conversation's tools and records, telephony. */
export interface RealtimeCallPorts {
  /** Publishes a frame on the call's `.out` subject (telephony plays it to Twilio). */
  publish(frame: Uint8Array): void;
  tools: ConversationTools;
  /** Persists one spoken turn with the memory after it, and announces it (interaction.added). */
  record(turn: SpokenTurn, analysis: TurnAnalysisDto | null, memory: ConversationMemory): Promise<void>;
  /** Asks telephony to hang up the call. */
  hangUp(): Promise<void>;
  /** The bridge is over (its subscription is to be dropped): end the conversation with its wrap-up. */
  finished(memory: ConversationMemory, reason: RealtimeEndReason): Promise<void>;
  warn(message: string, fields?: Record<string, unknown>): void;
}

export interface RealtimeCallOptions {
  /** How long a goodbye may play before the call is hung up anyway (its marks may never come back). */
  goodbyeTimeoutMs: number;
}

interface ResponseProgress {
  /** Tool calls of this response still running. */
  running: number;
  /** Function outputs sent back for it. */
  outputs: number;
  done: boolean;
  continued: boolean;
}

type FunctionCallDone = Extract<RealtimeServerEvent, { type: 'response.function_call_arguments.done' }>;
type ResponseDone = Extract<RealtimeServerEvent, { type: 'response.done' }>;

/**
 * One phone call bridged to the Realtime API. Caller frames from telephony are appended to the
 * model's input as they come (μ-law both ways, no resampling); the model's audio goes back in
 * 20 ms frames, each chunk followed by a mark so the play position is known. When the caller
 * talks over the assistant, telephony's buffer is cleared and the assistant's item truncated to
 * what was heard. Function calls run through the conversation's tools; a transfer hands the call
 * to a human and ends the bridge; `end_call` hangs up once the goodbye has played.
 */
export class RealtimeCall {
  private phase: 'connecting' | 'live' | 'ended' = 'connecting';
  private socket: RealtimeSocket | null = null;
  private memory: ConversationMemory;
  private readonly history: TranscriptLine[];
  private readonly tracker = new PlaybackTracker();
  private readonly sequencer = new TranscriptSequencer((turn) => this.record(turn));
  private readonly runner: AgentToolRunner;
  private readonly analyses = new Map<string, TurnAnalysisDto>();
  private readonly responses = new Map<string, ResponseProgress>();
  private recording: Promise<void> = Promise.resolve();
  private goodbye: { phase: 'asked' | 'speaking' | 'spoken'; responseId: string | null; timer: NodeJS.Timeout } | null = null;
  private optedOut = false;
  /** Date.now() of the last frame from telephony. */
  lastHeardAt = Date.now();

  constructor(
    private readonly ctx: ConversationContext,
    private readonly settings: RealtimeSessionSettings,
    private readonly ports: RealtimeCallPorts,
    private readonly metrics: RealtimeMediaMetrics,
    private readonly options: RealtimeCallOptions,
  ) {
    this.memory = structuredClone(ctx.memory);
    this.history = [...ctx.history];
    this.runner = new AgentToolRunner(ports.tools, {
      allowed: ctx.agent.tools, summary: () => handoverSummary(this.view(), null), now: () => new Date(), timezone: ctx.timezone,
    });
  }

  /** The model's socket is open: configure the session and let the agent open the call. */
  attach(socket: RealtimeSocket): void {
    if (this.phase !== 'connecting') {
      socket.close();
      return;
    }
    this.socket = socket;
    socket.onEvent((event) => this.onEvent(event));
    socket.onClose((code, reason) => this.socketClosed(code, reason));
    socket.send(realtimeSessionUpdate(this.view(), this.settings));
    socket.send(openingResponse(this.view()));
    this.phase = 'live';
  }

  /** The model could not be reached: the caller goes to a human rather than into silence. */
  connectFailed(error: Error): void {
    this.metrics.socketFailures++;
    this.ports.warn('the Realtime API could not be reached: handing the call to a human', { err: error.message });
    void this.handOffToHuman('the AI voice service could not be reached');
  }

  /** A frame from telephony on the call's `.in` subject; `arrivedAt` is performance.now() on arrival. */
  hear(data: Uint8Array, arrivedAt: number): void {
    this.lastHeardAt = Date.now();
    if (this.phase === 'ended') return;
    // Audio is the hot path: no decoding into objects, one base64 pass over the payload.
    if (data[0] === MediaFrameKind.Audio) return this.forwardAudio(data, arrivedAt);
    let frame;
    try {
      frame = decodeInboundFrame(data);
    } catch (error) {
      if (error instanceof MediaFrameError) return;
      throw error;
    }
    switch (frame.kind) {
      case 'mark':
        this.metrics.marksAcked++;
        for (const itemId of this.tracker.acked(frame.name)) this.sequencer.assistantPlayed(itemId);
        return this.maybeHangUp();
      case 'stop':
        return void this.end('stop');
      case 'dtmf':
      case 'audio':
        return;
    }
  }

  /** Ends the bridge: the socket closed, what was said recorded, the conversation wrapped up. Idempotent. */
  async end(reason: RealtimeEndReason): Promise<void> {
    if (this.phase === 'ended') return;
    this.phase = 'ended';
    if (this.goodbye) clearTimeout(this.goodbye.timer);
    this.socket?.close(1000, reason);
    this.sequencer.flush();
    if (reason === 'stop' && !this.memory.outcome) this.memory = { ...this.memory, outcome: 'hung_up' };
    this.memory = {
      ...this.memory,
      state: 'ended',
      statesVisited: this.memory.statesVisited.includes('ended') ? this.memory.statesVisited : [...this.memory.statesVisited, 'ended'],
    };
    await this.recording;
    try {
      await this.ports.finished(this.memory, reason);
    } catch (error) {
      this.ports.warn('ending the conversation failed', { err: error instanceof Error ? error.message : String(error), reason });
    }
  }

  private forwardAudio(frame: Uint8Array, arrivedAt: number): void {
    if (frame.length <= INBOUND_AUDIO_HEADER_BYTES) return;
    // Until the session is ready the line is only picking up: the conversation starts with the agent's greeting.
    if (this.phase !== 'live' || !this.socket) {
      this.metrics.framesSkipped++;
      return;
    }
    const base64 = Buffer.from(frame.buffer, frame.byteOffset + INBOUND_AUDIO_HEADER_BYTES, frame.byteLength - INBOUND_AUDIO_HEADER_BYTES).toString('base64');
    const sent = this.socket.appendAudio(base64, (error) => {
      if (error) this.metrics.framesDroppedIn++;
      else this.metrics.forwarded(performance.now() - arrivedAt);
    });
    if (!sent) this.metrics.framesDroppedIn++;
  }

  private onEvent(event: RealtimeEvent): void {
    if (this.phase !== 'live') return;
    const e = event as RealtimeServerEvent;
    switch (e.type) {
      case 'input_audio_buffer.speech_started':
        return this.bargeIn();
      case 'input_audio_buffer.committed':
        return this.sequencer.expectCaller(e.item_id, new Date());
      case 'conversation.item.input_audio_transcription.completed':
        return this.callerSaid(e.item_id, e.transcript);
      case 'conversation.item.input_audio_transcription.failed':
        return this.sequencer.callerLost(e.item_id);
      case 'response.created':
        return this.responseCreated(e.response.id ?? null);
      case 'response.output_item.added':
        if (e.item.type === 'message' && e.item.id) this.sequencer.expectAssistant(e.item.id, new Date());
        return;
      case 'response.output_audio.delta':
        return this.play(e.item_id, e.delta);
      case 'response.output_audio.done':
        for (const itemId of this.tracker.completed(e.item_id)) this.sequencer.assistantPlayed(itemId);
        return this.maybeHangUp();
      case 'response.output_audio_transcript.delta':
        return this.sequencer.assistantDelta(e.item_id, e.delta);
      case 'response.output_audio_transcript.done':
        return this.sequencer.assistantText(e.item_id, e.transcript);
      case 'response.function_call_arguments.done':
        return void this.callTool(e);
      case 'response.done':
        return this.responseDone(e);
      case 'error':
        return this.ports.warn('the Realtime API reported an error', { error: e.error });
      default:
        return this.betaEvent(event);
    }
  }

  /** The beta protocol's names of the same audio events (compatible servers that have not moved to GA). */
  private betaEvent(event: RealtimeEvent): void {
    const e = event as { type: string; item_id?: string; delta?: string; transcript?: string };
    if (!e.item_id) return;
    switch (e.type) {
      case 'response.audio.delta':
        return this.play(e.item_id, e.delta ?? '');
      case 'response.audio.done':
        for (const itemId of this.tracker.completed(e.item_id)) this.sequencer.assistantPlayed(itemId);
        return this.maybeHangUp();
      case 'response.audio_transcript.delta':
        return this.sequencer.assistantDelta(e.item_id, e.delta ?? '');
      case 'response.audio_transcript.done':
        return this.sequencer.assistantText(e.item_id, e.transcript ?? '');
    }
  }

  /** Assistant audio to telephony in 20 ms frames, then a mark carrying the play position. */
  private play(itemId: string, base64: string): void {
    if (!base64 || this.tracker.isCut(itemId)) return;
    const audio = Buffer.from(base64, 'base64');
    for (let offset = 0; offset < audio.length; offset += FRAME_BYTES) {
      this.ports.publish(encodeOutboundAudio(audio.subarray(offset, offset + FRAME_BYTES)));
      this.metrics.framesOut++;
    }
    this.ports.publish(encodeMarkFrame(this.tracker.sent(itemId, audio.length)));
    this.metrics.marksSent++;
  }

  /** The caller started talking: if the assistant is still being heard, stop it where the caller's ears are. */
  private bargeIn(): void {
    const cut = this.tracker.interrupt();
    if (!cut) return;
    this.ports.publish(encodeClearFrame());
    this.socket?.send({ type: 'conversation.item.truncate', item_id: cut.itemId, content_index: 0, audio_end_ms: cut.playedMs });
    this.sequencer.assistantCut(cut.itemId, cut.playedMs, cut.sentMs);
    this.metrics.bargeIns++;
    // A goodbye the caller talked over has still been said.
    if (this.goodbye?.phase === 'speaking') this.goodbye.phase = 'spoken';
    this.maybeHangUp();
  }

  private callerSaid(itemId: string, transcript: string): void {
    const text = transcript.trim();
    if (text) {
      const tracked = trackCallerTurn(this.memory, text, new Date(), this.ctx.timezone);
      const analysis = tracked.analysis;
      this.analyses.set(itemId, analysis);
      this.memory = tracked.memory;
      // Honoured even if the model does not call end_call: a DNC request must not depend on it.
      if (analysis.intent === 'opt_out' && !this.optedOut) void this.optOut();
    }
    this.sequencer.callerHeard(itemId, text, new Date());
  }

  private async optOut(): Promise<void> {
    this.optedOut = true;
    try {
      await this.ports.tools.optOut('the caller asked not to be called again');
      this.memory = { ...this.memory, outcome: 'opted_out' };
    } catch (error) {
      this.optedOut = false;
      this.ports.warn('recording the opt-out failed', { err: error instanceof Error ? error.message : String(error) });
    }
  }

  private responseCreated(responseId: string | null): void {
    if (responseId && !this.responses.has(responseId)) this.responses.set(responseId, { running: 0, outputs: 0, done: false, continued: false });
    if (this.goodbye?.phase === 'asked') {
      this.goodbye.phase = 'speaking';
      this.goodbye.responseId = responseId;
    }
  }

  private responseDone(event: ResponseDone): void {
    const response = event.response;
    for (const item of response.output ?? []) {
      if (item.type !== 'message' || !item.id) continue;
      for (const itemId of this.tracker.completed(item.id)) this.sequencer.assistantPlayed(itemId);
      // An item that never had audio (cancelled before it spoke, or text only) has nothing left to play.
      if (!this.tracker.has(item.id)) this.sequencer.assistantPlayed(item.id);
    }
    const progress = response.id ? this.responses.get(response.id) : undefined;
    if (progress) {
      progress.done = true;
      this.continueAfterTools(progress);
    }
    if (this.goodbye?.phase === 'speaking' && (this.goodbye.responseId === null || this.goodbye.responseId === response.id)) {
      this.goodbye.phase = 'spoken';
    }
    this.maybeHangUp();
  }

  private async callTool(event: FunctionCallDone): Promise<void> {
    this.metrics.toolCalls++;
    const progress = this.progressOf(event.response_id);
    progress.running++;
    let result: AgentToolResult;
    try {
      result = await this.runner.run({ name: event.name, arguments: event.arguments });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.ports.warn('a tool call of the Realtime API failed', { tool: event.name, err: message });
      result = { output: JSON.stringify({ error: `${event.name} did not work: ${message}` }), actions: [], sources: [], knowledgeMs: 0, ends: false, outcome: null, slots: {} };
    }
    progress.running--;
    this.remember(result);
    if (this.phase !== 'live') return;
    if (event.name === 'transfer_to_human' && result.ends) {
      this.metrics.transfers++;
      return void this.end('transferred');
    }
    this.socket?.send({ type: 'conversation.item.create', item: { type: 'function_call_output', call_id: event.call_id, output: result.output } });
    progress.outputs++;
    if (result.ends) this.sayGoodbye();
    this.continueAfterTools(progress);
  }

  /** Once a response is done and its tool calls answered, the model speaks again with their results. */
  private continueAfterTools(progress: ResponseProgress): void {
    if (!progress.done || progress.running > 0 || progress.outputs === 0 || progress.continued || this.phase !== 'live') return;
    progress.continued = true;
    this.socket?.send({ type: 'response.create' });
  }

  private progressOf(responseId: string): ResponseProgress {
    let progress = this.responses.get(responseId);
    if (!progress) {
      progress = { running: 0, outputs: 0, done: false, continued: false };
      this.responses.set(responseId, progress);
    }
    return progress;
  }

  private remember(result: AgentToolResult): void {
    if (result.actions.some((action: ConversationActionDto) => action.type === 'dnc_added')) this.optedOut = true;
    this.memory = {
      ...this.memory,
      slots: { ...this.memory.slots, ...result.slots },
      outcome: result.outcome ?? this.memory.outcome,
      ...(result.actions.some((action) => action.type === 'callback_booked') && this.memory.state !== 'ended'
        ? { state: 'closing' as const, statesVisited: this.memory.statesVisited.includes('closing') ? this.memory.statesVisited : [...this.memory.statesVisited, 'closing' as const] }
        : {}),
    };
  }

  /** `end_call` ran: the model says goodbye, then the call is hung up. */
  private sayGoodbye(): void {
    if (this.goodbye) return;
    const timer = setTimeout(() => this.hangUp(), this.options.goodbyeTimeoutMs);
    timer.unref();
    this.goodbye = { phase: 'asked', responseId: null, timer };
  }

  private maybeHangUp(): void {
    if (this.goodbye?.phase === 'spoken' && !this.tracker.playing) this.hangUp();
  }

  private hangUp(): void {
    if (this.phase === 'ended') return;
    if (this.goodbye) clearTimeout(this.goodbye.timer);
    this.ports.hangUp().then(
      () => this.end('hung_up'),
      (error: unknown) => {
        this.ports.warn('telephony did not hang up the call', { err: error instanceof Error ? error.message : String(error) });
        return this.end('hung_up');
      },
    );
  }

  private async handOffToHuman(reason: string): Promise<void> {
    if (this.phase === 'ended') return;
    try {
      await this.ports.tools.transferToHuman(reason, handoverSummary(this.view(), null));
      this.memory = { ...this.memory, outcome: 'transferred' };
      this.metrics.transfers++;
      await this.end('transferred');
    } catch (error) {
      this.ports.warn('handing the call to a human failed: hanging up', { err: error instanceof Error ? error.message : String(error) });
      this.hangUp();
    }
  }

  /** The model's socket closed while the call was live (the API dropped it, or the session hit its time limit). */
  private socketClosed(code: number, reason: string): void {
    if (this.phase !== 'live') return;
    this.metrics.socketFailures++;
    this.ports.warn('the Realtime API closed the session mid-call: handing the call to a human', { code, reason });
    this.phase = 'connecting';
    void this.handOffToHuman('the AI voice session ended unexpectedly');
  }

  private record(turn: SpokenTurn): void {
    this.history.push({ speaker: turn.speaker, text: turn.text });
    const analysis = turn.speaker === 'caller' ? this.analyses.get(turn.itemId) ?? null : null;
    this.analyses.delete(turn.itemId);
    const memory = this.memory;
    this.recording = this.recording
      .then(() => this.ports.record(turn, analysis, memory))
      .catch((error: unknown) => this.ports.warn('recording a turn failed', { err: error instanceof Error ? error.message : String(error), speaker: turn.speaker }));
  }

  /** The conversation as it stands, for instructions and hand-over summaries. */
  private view(): ConversationContext {
    return { ...this.ctx, memory: this.memory, history: this.history, now: new Date() };
  }
}
