import type { VoiceAiEvents } from '@parley/contracts';
import type { UnitOfWork } from '@parley/platform';
import type { ConversationTurnEntity } from './conversation-turn.entity';
import type { VoiceCallEntity } from './voice-call.entity';

type ConversationRef = Pick<VoiceAiEvents['interaction.added'], 'voice_call_id' | 'ai_agent_id' | 'call_id' | 'lead_id'>;

export function conversationRef(call: VoiceCallEntity): ConversationRef {
  return { voice_call_id: call.id, ai_agent_id: call.aiAgentId, call_id: call.callId, lead_id: call.leadId };
}

/** `interaction.added` for a stored turn, in the same transaction. */
export function emitInteraction(uow: UnitOfWork, call: VoiceCallEntity, turn: ConversationTurnEntity): Promise<void> {
  return uow.emit('interaction.added', {
    ...conversationRef(call),
    turn: turn.turn,
    speaker: turn.speaker,
    text: turn.text,
    at: turn.at.toISOString(),
    conversation_state: turn.state,
    intent: turn.intent,
    latency: turn.latency,
  });
}
