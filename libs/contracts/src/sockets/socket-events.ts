import type {
  ConversationIntent, ConversationState, ConversationSummaryDto, QaScoreDto, SentimentDto, TurnLatencyDto,
} from '../voice-ai/conversation.dto';

/** Server → client Socket.IO events and their payloads. */
export interface AgentStatusSocketEvent {
  agent_id: string;
  status: string;
  timestamp: string;
}

export interface LeadNewSocketEvent {
  lead_id: string;
  priority: string;
  source: string;
}

export interface QueueUpdateSocketEvent {
  queue_length: number;
  active_agents: number;
  priority_leads: number;
}

/** A call as every call push names it. */
interface CallSocketRef {
  call_id: string;
  lead_id: string | null;
  direction: 'inbound' | 'outbound';
  type: 'phone' | 'chat';
}

export interface CallStartedSocketEvent extends CallSocketRef {
  status: string;
  from_number: string | null;
  to_number: string | null;
  agent_id: string | null;
  ai_agent_id: string | null;
}

export interface CallUpdatedSocketEvent extends CallSocketRef {
  status: string;
  previous_status: string | null;
  /** Which fields moved: status, tags, summary, … */
  changes: string[];
}

export interface CallEndedSocketEvent extends CallSocketRef {
  status: string;
  duration_seconds: number;
  agent_id: string | null;
  ai_agent_id: string | null;
  sentiment: number | null;
  outcome: string | null;
}

export interface EscalationTriggeredSocketEvent {
  escalation_id: string;
  call_id: string;
  lead_id: string | null;
  /** The agent whose softphone rings; null when the caller waits in the human queue. */
  agent_id: string | null;
  status: 'dialing' | 'queued';
  selected_by: string | null;
  reason: string | null;
  summary: string | null;
}

export interface EscalationCompletedSocketEvent {
  escalation_id: string;
  call_id: string;
  lead_id: string | null;
  agent_id: string | null;
  /** connected, no_answer, busy, failed, canceled, abandoned or left. */
  outcome: string;
  duration_seconds: number | null;
}

/** An AI conversation as every voice-ai push names it; `call_id` is telephony's call for phone conversations. */
interface ConversationSocketRef {
  voice_call_id: string;
  ai_agent_id: string;
  call_id: string | null;
  lead_id: string | null;
}

/** One spoken turn of an AI conversation (caller or AI), as it lands. */
export interface InteractionAddedSocketEvent extends ConversationSocketRef {
  turn: number;
  speaker: 'caller' | 'ai';
  text: string;
  at: string;
  conversation_state: ConversationState;
  intent: ConversationIntent | null;
  latency: TurnLatencyDto | null;
}

/** The conversation's running sentiment moved. */
export interface SentimentChangedSocketEvent extends ConversationSocketRef {
  sentiment: SentimentDto;
  previous: SentimentDto | null;
  turn: number;
}

/** The conversation ended and was scored. */
export interface QaScoreUpdatedSocketEvent extends ConversationSocketRef {
  qa: QaScoreDto;
  summary: ConversationSummaryDto;
  /** Overall sentiment, -1…1. */
  sentiment: number;
}

export interface ServerToClientEvents {
  'agent:status': (payload: AgentStatusSocketEvent) => void;
  'lead:new': (payload: LeadNewSocketEvent) => void;
  'queue:update': (payload: QueueUpdateSocketEvent) => void;
  'call.started': (payload: CallStartedSocketEvent) => void;
  'call.updated': (payload: CallUpdatedSocketEvent) => void;
  'call.ended': (payload: CallEndedSocketEvent) => void;
  'escalation.triggered': (payload: EscalationTriggeredSocketEvent) => void;
  'escalation.completed': (payload: EscalationCompletedSocketEvent) => void;
  'interaction.added': (payload: InteractionAddedSocketEvent) => void;
  'sentiment.changed': (payload: SentimentChangedSocketEvent) => void;
  'qa.score.updated': (payload: QaScoreUpdatedSocketEvent) => void;
  'session:replaced': (payload: { reason: string }) => void;
  subscribed: (payload: { room: string }) => void;
  unsubscribed: (payload: { room: string }) => void;
  error: (payload: { code: string; message: string }) => void;
}

export interface SubscribeRequest {
  type: 'all_calls' | 'call';
  call_id?: string;
}

export interface ClientToServerEvents {
  subscribe: (payload: SubscribeRequest) => void;
  unsubscribe: (payload: SubscribeRequest) => void;
}

export interface WsStats {
  total_connections: number;
  active_users: number;
  connections_by_tenant: Record<string, number>;
}

export const socketRooms = {
  tenant: (id: string) => `tenant:${id}`,
  user: (id: string) => `user:${id}`,
  /** Call rooms are qualified by tenant, so a call id guessed from another tenant hears nothing; an AI conversation's id names one too. */
  call: (tenantId: string, callId: string) => `tenant:${tenantId}:call:${callId}`,
  allCalls: (tenantId: string) => `tenant:${tenantId}:calls`,
} as const;
