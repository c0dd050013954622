import type { AiAgentChannel } from '@parley/contracts';
import type { AgentProfile, ConversationContext, TranscriptLine } from '../engine/conversation-engine';
import type { ConversationTurnEntity } from './conversation-turn.entity';
import type { VoiceCallEntity } from './voice-call.entity';

/** Turns in spoken order: by turn number, the caller before the AI's answer. */
export function spokenOrder(turns: ConversationTurnEntity[]): ConversationTurnEntity[] {
  return [...turns].sort((a, b) => a.turn - b.turn || (a.speaker === b.speaker ? 0 : a.speaker === 'caller' ? -1 : 1));
}

/** What an engine is given for one step of a conversation. */
export function conversationContext(call: VoiceCallEntity, agent: AgentProfile, turns: ConversationTurnEntity[], now: Date): ConversationContext {
  const history: TranscriptLine[] = spokenOrder(turns).map((t) => ({ speaker: t.speaker, text: t.text }));
  return {
    voiceCallId: call.id,
    tenantId: call.tenantId,
    agent,
    lead: call.lead ? { ...call.lead } : null,
    purpose: call.purpose,
    channel: call.callType as AiAgentChannel,
    remoteNumber: call.phoneNumber,
    memory: structuredClone(call.memory),
    history,
    now,
    timezone: call.timezone,
  };
}
