/** The states a sales conversation moves through; `ended` is final. */
export const CONVERSATION_STATES = [
  'greeting', 'discovery', 'qualification', 'presentation', 'objection_handling', 'closing', 'ended',
] as const;
export type ConversationState = (typeof CONVERSATION_STATES)[number];

/** What the caller's turn was about, as the engine understood it. */
export const CONVERSATION_INTENTS = [
  'greeting', 'pricing', 'demo_request', 'question', 'callback_request', 'objection', 'interested', 'agreement',
  'not_interested', 'wrong_person', 'voicemail', 'opt_out', 'transfer_request', 'goodbye', 'small_talk', 'unknown',
] as const;
export type ConversationIntent = (typeof CONVERSATION_INTENTS)[number];

export const OBJECTION_TYPES = ['price', 'timing', 'authority', 'need', 'competitor'] as const;
export type ObjectionType = (typeof OBJECTION_TYPES)[number];

export type SentimentLabel = 'positive' | 'neutral' | 'negative';

export interface SentimentDto {
  /** -1 (hostile) … 1 (delighted). */
  score: number;
  label: SentimentLabel;
}

/** What the engine understood of one caller turn. */
export interface TurnAnalysisDto {
  sentiment: SentimentDto;
  intent: ConversationIntent;
  /** Intent confidence, 0…1. */
  confidence: number;
  objections: ObjectionType[];
  /** Buying signals heard, e.g. "asked about pricing", "mentioned budget", "asked for next steps". */
  interest_signals: string[];
}

/** Something the agent did on the caller's behalf during a turn (the OpenAI provider's tool calls, the local engine's actions). */
export type ConversationActionDto =
  | { type: 'callback_booked'; callback_at: string; timezone: string; lead_id: string | null }
  | { type: 'dnc_added'; phone_number: string }
  | { type: 'lead_updated'; lead_id: string | null; fields: string[] }
  | { type: 'knowledge_lookup'; query: string; hits: number }
  | { type: 'transfer_requested'; reason: string; escalation_id: string | null }
  | { type: 'call_ended'; reason: string };

/** Where one turn's time went, in milliseconds. `processing_ms` is ours: total minus model, knowledge and services time. */
export interface TurnLatencyDto {
  total_ms: number;
  processing_ms: number;
  model_ms: number;
  knowledge_ms: number;
  /** Waiting for leads, compliance and telephony on the turn's actions (callback, opt-out, lead update, transfer). */
  services_ms: number;
}

export interface GroundingSourceDto {
  chunk_id: string;
  title: string;
  heading: string | null;
  score: number;
}

/** The answer to one caller turn (`POST /voice/calls/:id/respond`, the realtime socket, phone turns). */
export interface VoiceTurnResultDto {
  ai_response: string;
  /** Base64 audio of the answer, when a speech provider is configured and audio was asked for. */
  audio_data?: string;
  analysis: TurnAnalysisDto;
  conversation_state: ConversationState;
  should_continue: boolean;
  actions: ConversationActionDto[];
  sources: GroundingSourceDto[];
  latency: TurnLatencyDto;
  turn: number;
}

export interface ConversationTurnDto {
  turn: number;
  speaker: 'caller' | 'ai';
  text: string;
  at: string;
  state: ConversationState;
  analysis: TurnAnalysisDto | null;
  latency: TurnLatencyDto | null;
}

export type CallRecommendation = 'close_won' | 'send_proposal' | 'schedule_demo' | 'follow_up' | 'nurture' | 'escalate' | 'disqualify' | 'do_not_call';

/** `POST /voice/calls/:id/end` → summary. */
export interface ConversationSummaryDto {
  text: string;
  duration_seconds: number;
  turns: number;
  state_reached: ConversationState;
  states_visited: ConversationState[];
  objections: ObjectionType[];
  objections_handled: ObjectionType[];
  interest_signals: string[];
  overall_sentiment: SentimentDto;
  outcome: string;
  recommendation: CallRecommendation;
  callback_at: string | null;
}

export interface ConversationAnalyticsDto {
  /** 0…1. */
  conversion_probability: number;
  /** 0…1: how much the caller talked and engaged. */
  engagement: number;
  average_sentiment: number;
  caller_words: number;
  ai_words: number;
  average_response_ms: number;
  p95_response_ms: number;
}

export interface QaScoreDto {
  /** 0…100. */
  score: number;
  criteria: Record<string, number>;
}
