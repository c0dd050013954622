import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import type { Subscription } from 'nats';
import {
  mediaFrameSubjects, TelephonySubjects, type MediaStreamClaim, type MediaStreamClaimRequest,
} from '@parley/contracts';
import { NatsConnectionHolder, NotFoundException, ServiceBus, ServiceUnavailableException } from '@parley/platform';
import { ConversationRecorder } from '../conversation/conversation-recorder';
import { VoiceCallDirectory, type PhoneConversation } from '../conversation/voice-call-directory';
import type { ConversationMemory } from '../engine/conversation-memory';
import { OpenAIClients, type OpenAIClientInfo } from '../settings/openai-clients';
import { VOICE_AI_CONFIG, type VoiceAiConfig } from '../voice-ai.config';
import { RealtimeCall, type RealtimeCallPorts, type RealtimeEndReason } from './realtime-call';
import { RealtimeMediaMetrics } from './realtime-media-metrics';
import { RealtimeSocket } from './realtime-socket';

/** Speech-to-text of the caller for the transcript; the model hears the audio itself. */
const TRANSCRIPTION_MODEL = 'whisper-1';
/** A phone caller waits in silence while the model's socket opens: it must not take long. */
const MAX_CONNECT_MS = 5000;
/** A goodbye whose marks never come back still ends the call. */
const GOODBYE_TIMEOUT_MS = 15_000;
/** No frame from telephony for this long: its replica is gone, and so is the stream. */
const IDLE_MS = 30_000;

interface Bridged {
  call: RealtimeCall;
  subscription: Subscription;
}

/**
 * Takes the Media Streams of phone calls held on the openai provider and bridges each to a
 * Realtime API session (RealtimeCall). Any replica may take a stream: the call's frames meet it on
 * the call's NATS subjects, subscribed (and confirmed by the server) before the claim is answered.
 */
@Injectable()
export class RealtimeBridge implements OnApplicationShutdown {
  static readonly sinkName = 'voice-ai';
  private readonly logger = new Logger(RealtimeBridge.name);
  private readonly calls = new Map<string, Bridged>();
  private readonly idleCheck: NodeJS.Timeout;

  constructor(
    @Inject(VOICE_AI_CONFIG) private readonly config: VoiceAiConfig,
    private readonly nats: NatsConnectionHolder,
    private readonly bus: ServiceBus,
    private readonly directory: VoiceCallDirectory,
    private readonly recorder: ConversationRecorder,
    private readonly clients: OpenAIClients,
    private readonly metrics: RealtimeMediaMetrics,
  ) {
    this.idleCheck = setInterval(() => this.endIdle(), IDLE_MS / 3);
    this.idleCheck.unref();
  }

  /** Bridges currently open in this process. */
  get activeCalls(): number {
    return this.calls.size;
  }

  async claim(tenantId: string, request: MediaStreamClaimRequest): Promise<MediaStreamClaim> {
    const key = `${tenantId}.${request.call_id}`;
    if (this.calls.has(key)) return { sink: RealtimeBridge.sinkName };
    if (!this.config.VOICE_MEDIA_STREAMS) throw new NotFoundException('media stream sink (VOICE_MEDIA_STREAMS is off)');
    const conversation = await this.directory.forPhoneCall(tenantId, request.call_id);
    if (!conversation || conversation.provider !== 'openai') throw new NotFoundException('phone conversation on the openai provider for call', request.call_id);
    const target = await this.clients.clientFor(tenantId);
    if (!target) throw new ServiceUnavailableException('the openai provider is not configured for this tenant', { provider: 'openai' });
    // Another claim of the same stream may have won while this one looked things up.
    if (this.calls.has(key)) return { sink: RealtimeBridge.sinkName };

    const prefix = this.config.NATS_SUBJECT_PREFIX;
    const nc = this.nats.nc;
    const call = new RealtimeCall(
      conversation.context,
      { voice: conversation.voice, defaultVoice: this.config.OPENAI_REALTIME_VOICE, transcriptionModel: TRANSCRIPTION_MODEL },
      this.ports(key, conversation, `${prefix}${mediaFrameSubjects.outbound(tenantId, request.call_id)}`),
      this.metrics,
      { goodbyeTimeoutMs: GOODBYE_TIMEOUT_MS },
    );
    const subscription = nc.subscribe(`${prefix}${mediaFrameSubjects.inbound(tenantId, request.call_id)}`, {
      callback: (error, msg) => {
        if (!error) call.hear(msg.data, performance.now());
      },
    });
    this.calls.set(key, { call, subscription });
    this.metrics.bridgesStarted++;
    this.metrics.activeBridges++;
    await nc.flush();
    this.connect(call, target);
    this.logger.log({ call_id: request.call_id, voice_call_id: conversation.voiceCallId, model: target.realtimeModel }, 'Media Stream bridged to the Realtime API');
    return { sink: RealtimeBridge.sinkName };
  }

  /** Opens the model's socket while the stream already flows; the agent speaks first once it is open. */
  private connect(call: RealtimeCall, target: OpenAIClientInfo): void {
    RealtimeSocket.connect({
      baseURL: target.baseURL, apiKey: target.apiKey, model: target.realtimeModel,
      connectTimeoutMs: Math.min(this.config.OPENAI_TIMEOUT_MS, MAX_CONNECT_MS),
    }).then(
      (socket) => call.attach(socket),
      (error: Error) => call.connectFailed(error),
    );
  }

  private ports(key: string, conversation: PhoneConversation, outbound: string): RealtimeCallPorts {
    const fields = { call_id: conversation.callId, voice_call_id: conversation.voiceCallId };
    return {
      publish: (frame) => this.nats.nc.publish(outbound, frame),
      tools: conversation.tools,
      record: async (turn, analysis) => {
        await this.recorder.recordTurn({
          tenantId: conversation.tenantId, voiceCallId: conversation.voiceCallId, speaker: turn.speaker, text: turn.text, at: turn.at, analysis,
        });
      },
      hangUp: async () => {
        await this.bus.send(TelephonySubjects.endCall, { id: conversation.callId }, conversation.ctx, this.config.SERVICE_TIMEOUT_MS);
      },
      finished: async (memory, reason) => {
        this.release(key);
        this.logger.log({ ...fields, reason, outcome: memory.outcome }, 'Realtime bridge ended');
        await this.recorder.endConversation(conversation.tenantId, conversation.voiceCallId, endReasonOf(reason, memory), memory);
      },
      warn: (message, extra) => this.logger.warn({ ...fields, ...extra }, message),
    };
  }

  private release(key: string): void {
    const bridged = this.calls.get(key);
    if (!bridged) return;
    this.calls.delete(key);
    bridged.subscription.unsubscribe();
    this.metrics.activeBridges--;
    this.metrics.bridgesEnded++;
  }

  private endIdle(): void {
    const before = Date.now() - IDLE_MS;
    for (const { call } of this.calls.values()) {
      if (call.lastHeardAt < before) void call.end('idle');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.idleCheck);
    await Promise.all([...this.calls.values()].map(({ call }) => call.end('shutdown')));
  }
}

/** The reason the conversation's wrap-up is given (it reads the outcome from it when memory has none). */
function endReasonOf(reason: RealtimeEndReason, memory: ConversationMemory): string {
  if (memory.outcome === 'opted_out') return 'opt_out';
  switch (reason) {
    case 'transferred':
      return 'transferred';
    case 'stop':
      return memory.outcome && memory.outcome !== 'hung_up' ? 'completed' : 'hung_up';
    case 'hung_up':
      return 'completed';
    case 'idle':
      return 'media_idle';
    case 'shutdown':
      return 'service_shutdown';
  }
}
