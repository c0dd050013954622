import type { AiAgentStatus } from './ai-agent.dto';
import type {
  ConversationIntent, ConversationState, ConversationSummaryDto, QaScoreDto, SentimentDto, TurnLatencyDto,
} from './conversation.dto';

/** A conversation as every voice-ai event names it; `call_id` is telephony's call for phone conversations. */
interface ConversationRef {
  voice_call_id: string;
  ai_agent_id: string;
  call_id: string | null;
  lead_id: string | null;
}

export interface VoiceAiEvents {
  'ai_agent.changed': { ai_agent_id: string; status: AiAgentStatus; phone_number: string | null; change: 'created' | 'updated' | 'deleted' | 'status' | 'deployed' };
  /** One spoken turn (caller or AI), in order per conversation: telephony puts it on the call's transcript. */
  'interaction.added': ConversationRef & {
    turn: number;
    speaker: 'caller' | 'ai';
    text: string;
    at: string;
    conversation_state: ConversationState;
    intent: ConversationIntent | null;
    latency: TurnLatencyDto | null;
  };
  /** The conversation's running sentiment moved to another label (or by ≥ 0.3). */
  'sentiment.changed': ConversationRef & { sentiment: SentimentDto; previous: SentimentDto | null; turn: number };
  /** The conversation ended and was scored: telephony keeps the summary on the call. */
  'qa.score.updated': ConversationRef & { qa: QaScoreDto; summary: ConversationSummaryDto; sentiment: number };
}
