import type { ConversationTurnDto, EndVoiceCallResult, VoiceCallDto } from '@parley/contracts';
import type { ConversationTurnEntity } from './conversation-turn.entity';
import type { VoiceCallEntity } from './voice-call.entity';

export function toVoiceCallDto(call: VoiceCallEntity): VoiceCallDto {
  return {
    id: call.id,
    ai_agent_id: call.aiAgentId,
    lead_id: call.leadId,
    call_id: call.callId,
    phone_number: call.phoneNumber,
    call_type: call.callType,
    purpose: call.purpose,
    provider: call.provider,
    status: call.status,
    conversation_state: call.state,
    voice: call.voice,
    turns: call.turns,
    sentiment: call.sentiment,
    started_at: call.startedAt ? call.startedAt.toISOString() : null,
    ended_at: call.endedAt ? call.endedAt.toISOString() : null,
    summary: call.summary,
    analytics: call.analytics,
    extracted: call.extracted,
    qa: call.qa,
    created_at: call.createdAt.toISOString(),
  };
}

export function toTurnDto(turn: ConversationTurnEntity): ConversationTurnDto {
  return {
    turn: turn.turn,
    speaker: turn.speaker,
    text: turn.text,
    at: turn.at.toISOString(),
    state: turn.state,
    analysis: turn.analysis,
    latency: turn.latency,
  };
}

/** The stored wrap-up of an ended conversation (ending twice answers it again). */
export function toEndResult(call: VoiceCallEntity): EndVoiceCallResult {
  if (!call.summary || !call.analytics || !call.qa) throw new Error(`voice call ${call.id} ended without a wrap-up`);
  return { summary: call.summary, analytics: call.analytics, extracted: call.extracted ?? {}, qa: call.qa };
}
