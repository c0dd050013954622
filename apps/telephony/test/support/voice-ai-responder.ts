import { randomUUID } from 'node:crypto';
import { connect, JSONCodec, type NatsConnection, type Subscription } from 'nats';
import {
  ErrorCode, VoiceAiSubjects, type Envelope, type PhoneAnsweredRequest, type PhoneMachineRequest, type PhoneSpeechRequest,
  type PhoneTurnDto, type VoiceSettingsView,
} from '@parley/contracts';
import { domainEvent, publishDomainEvent } from '@parley/testing';

const codec = JSONCodec<unknown>();

export const AGENT_VOICE: VoiceSettingsView = { provider: 'twilio', voice_id: 'Polly.Joanna', speed: 1, language: 'en-US' };
export const OPENING = 'Hi, this is Ava from Parley. Is now a good time to talk?';
export const VOICEMAIL = 'Hi, this is Ava from Parley. Sorry we missed you, we will call you back later.';
export const STILL_THERE = 'Are you still there?';
export const PRICING = 'Our plans start at 49 dollars a month. Would a short demo help?';
export const TELL_ME_MORE = 'Great, tell me a little more about your team.';
export const GOODBYE = 'Thanks for your time. Goodbye!';
export const DISCONNECTED = 'It seems we got disconnected. Goodbye!';
export const TRANSFERRING = 'Of course, let me connect you with a colleague.';

export type PhoneSubject = 'answered' | 'speech' | 'machine';

/**
 * Plays voice-ai's side of the phone subjects (voice-ai.phone.answered|speech|machine) on the
 * test's subject prefix, in Nest's NATS packet format, so telephony is tested without booting
 * voice-ai: a small scripted sales agent that answers PhoneTurnDto (opening in a gather, a price
 * answer, "are you still there?" on silence, goodbye, a transfer when a person is asked for, a
 * voicemail for a machine) and, like voice-ai, publishes interaction.added for each spoken line and
 * qa.score.updated when the conversation ends. The real voice-ai answers in the gateway's e2e tests.
 */
export interface VoiceAiResponder {
  /** Requests received, oldest first, with their tenant. */
  requests: Array<{ subject: PhoneSubject; tenant_id: string | null; request: PhoneAnsweredRequest | PhoneSpeechRequest | PhoneMachineRequest }>;
  /** The voice call each phone call got (by call id). */
  voiceCallOf(callId: string): string | undefined;
  /** The tenant's agents speak over Media Streams (the OpenAI realtime path): answered calls get a `stream` turn. */
  streamFor(tenantId: string): void;
  /** voice-ai answers the tenant's requests with this error. */
  fail(tenantId: string, code: ErrorCode, message: string): void;
  /** voice-ai never answers the tenant (its requests time out). */
  unreachable(tenantId: string): void;
  close(): Promise<void>;
}

interface Packet<T> {
  id: string;
  data: Envelope<T>;
}

interface Conversation {
  voiceCallId: string;
  aiAgentId: string;
  leadId: string | null;
  turn: number;
  silences: number;
}

const MACHINE = /^(machine_|fax)/;

export async function startVoiceAiResponder(natsUrl: string, prefix: string): Promise<VoiceAiResponder> {
  const nc: NatsConnection = await connect({ servers: natsUrl });
  const requests: VoiceAiResponder['requests'] = [];
  const failures = new Map<string, { code: ErrorCode; message: string }>();
  const silent = new Set<string>();
  const streaming = new Set<string>();
  const conversations = new Map<string, Conversation>();
  const subscriptions: Subscription[] = [];

  const turnOf = (conversation: Conversation, mode: PhoneTurnDto['mode'], say: string | null, transfer?: PhoneTurnDto['transfer']): PhoneTurnDto =>
    ({ mode, say, voice: AGENT_VOICE, voice_call_id: conversation.voiceCallId, ...(transfer ? { transfer } : {}) });

  /** A spoken line, as voice-ai's outbox would publish it. */
  const said = async (tenantId: string, callId: string, conversation: Conversation, speaker: 'caller' | 'ai', text: string) => {
    await publishDomainEvent(nc, prefix, domainEvent('interaction.added', tenantId, {
      voice_call_id: conversation.voiceCallId, ai_agent_id: conversation.aiAgentId, call_id: callId, lead_id: conversation.leadId,
      turn: conversation.turn, speaker, text, at: new Date().toISOString(), conversation_state: 'discovery', intent: null, latency: null,
    }));
  };

  const ended = async (tenantId: string, callId: string, conversation: Conversation, outcome: string) => {
    await publishDomainEvent(nc, prefix, domainEvent('qa.score.updated', tenantId, {
      voice_call_id: conversation.voiceCallId, ai_agent_id: conversation.aiAgentId, call_id: callId, lead_id: conversation.leadId,
      qa: { score: 72, criteria: { greeting_given: 1, needs_discovered: 0.5, next_step_secured: 0 } },
      sentiment: -0.2,
      summary: {
        text: 'The caller asked about pricing and was not interested.', duration_seconds: 12, turns: conversation.turn + 1, state_reached: 'ended',
        states_visited: ['greeting', 'discovery', 'ended'], objections: [], objections_handled: [], interest_signals: ['asked about pricing'],
        overall_sentiment: { score: -0.2, label: 'neutral' }, outcome, recommendation: 'nurture', callback_at: null,
      },
    }));
  };

  const serve = <T>(subject: string, name: PhoneSubject, answer: (tenantId: string, request: T) => Promise<PhoneTurnDto>) => {
    const subscription = nc.subscribe(`${prefix}${subject}`, { queue: 'voice-ai' });
    subscriptions.push(subscription);
    void (async () => {
      for await (const msg of subscription) {
        const packet = codec.decode(msg.data) as Packet<T>;
        const tenantId = packet.data.ctx.tenant_id ?? '';
        requests.push({ subject: name, tenant_id: packet.data.ctx.tenant_id, request: packet.data.data as never });
        if (silent.has(tenantId)) continue;
        const failure = failures.get(tenantId);
        if (failure) {
          msg.respond(codec.encode({ id: packet.id, err: failure, isDisposed: true }));
          continue;
        }
        msg.respond(codec.encode({ id: packet.id, response: await answer(tenantId, packet.data.data), isDisposed: true }));
      }
    })();
  };

  serve<PhoneAnsweredRequest>(VoiceAiSubjects.phoneAnswered, 'answered', async (tenantId, request) => {
    const conversation = conversations.get(request.call_id) ?? {
      voiceCallId: randomUUID(), aiAgentId: request.ai_agent_id, leadId: request.lead_id ?? null, turn: 0, silences: 0,
    };
    conversations.set(request.call_id, conversation);
    if (request.answered_by && MACHINE.test(request.answered_by)) return turnOf(conversation, 'hangup', VOICEMAIL);
    if (streaming.has(tenantId)) return turnOf(conversation, 'stream', null);
    await said(tenantId, request.call_id, conversation, 'ai', OPENING);
    return turnOf(conversation, 'gather', OPENING);
  });

  serve<PhoneSpeechRequest>(VoiceAiSubjects.phoneSpeech, 'speech', async (tenantId, request) => {
    const conversation = conversations.get(request.call_id);
    if (!conversation) throw new Error(`voice-ai responder: no conversation for call ${request.call_id}`);
    conversation.turn += 1;
    const text = request.text.trim();
    if (!text) {
      conversation.silences += 1;
      return conversation.silences >= 2 ? turnOf(conversation, 'hangup', DISCONNECTED) : turnOf(conversation, 'gather', STILL_THERE);
    }
    await said(tenantId, request.call_id, conversation, 'caller', text);
    const reply = async (mode: PhoneTurnDto['mode'], say: string, transfer?: PhoneTurnDto['transfer']) => {
      await said(tenantId, request.call_id, conversation, 'ai', say);
      return turnOf(conversation, mode, say, transfer);
    };
    if (/person|human|manager/i.test(text)) {
      return reply('transfer', TRANSFERRING, { reason: 'the caller asked for a person', summary: 'Asked about pricing, then for a person' });
    }
    if (/bye|not interested/i.test(text)) {
      const turn = await reply('hangup', GOODBYE);
      await ended(tenantId, request.call_id, conversation, 'not_interested');
      return turn;
    }
    if (/price|cost/i.test(text)) return reply('gather', PRICING);
    return reply('gather', TELL_ME_MORE);
  });

  serve<PhoneMachineRequest>(VoiceAiSubjects.phoneMachine, 'machine', async (_tenantId, request) => {
    const conversation = conversations.get(request.call_id);
    if (!conversation) throw new Error(`voice-ai responder: no conversation for call ${request.call_id}`);
    return turnOf(conversation, 'hangup', VOICEMAIL);
  });

  return {
    requests,
    voiceCallOf: (callId) => conversations.get(callId)?.voiceCallId,
    streamFor(tenantId) {
      streaming.add(tenantId);
    },
    fail(tenantId, code, message) {
      failures.set(tenantId, { code, message });
    },
    unreachable(tenantId) {
      silent.add(tenantId);
    },
    async close() {
      for (const subscription of subscriptions) subscription.unsubscribe();
      await nc.drain();
    },
  };
}
