import { IntersectionType } from '@nestjs/mapped-types';
import { Type } from 'class-transformer';
import { IsBase64, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ByIdDto, PageQueryDto } from '../common/pagination';
import { VoiceSettingsDto, type AiAgentDto, type ConversationProvider, type VoiceSettingsView } from './ai-agent.dto';
import type {
  ConversationAnalyticsDto, ConversationState, ConversationSummaryDto, ConversationTurnDto, QaScoreDto, SentimentDto,
  VoiceTurnResultDto,
} from './conversation.dto';

export const VOICE_CALL_TYPES = ['phone', 'chat', 'web'] as const;
export type VoiceCallType = (typeof VOICE_CALL_TYPES)[number];

export const VOICE_CALL_STATUSES = ['created', 'active', 'ended'] as const;
export type VoiceCallStatus = (typeof VOICE_CALL_STATUSES)[number];

/** `POST /voice/calls`: a conversation with an AI agent (a phone call's, or one held over REST/WebSocket). */
export class CreateVoiceCallDto {
  @IsUUID('all')
  ai_agent_id: string;

  @IsOptional() @IsUUID('all')
  lead_id?: string;

  @IsOptional() @IsString() @MinLength(3) @MaxLength(40)
  phone_number?: string;

  @IsOptional() @IsIn(VOICE_CALL_TYPES)
  call_type?: VoiceCallType;

  /** e.g. "follow up on the demo request". */
  @IsOptional() @IsString() @MaxLength(500)
  purpose?: string;

  @IsOptional() @ValidateNested() @Type(() => VoiceSettingsDto)
  voice_settings?: VoiceSettingsDto;

  /** The telephony call this conversation speaks on (set by telephony for phone calls). */
  @IsOptional() @IsUUID('all')
  call_id?: string;
}

export class RespondVoiceCallDto {
  @IsOptional() @IsString() @MinLength(1) @MaxLength(4000)
  text?: string;

  /** Base64 audio (WAV or μ-law 8 kHz) when a speech provider is configured. */
  @IsOptional() @IsBase64() @MaxLength(2_000_000)
  audio_data?: string;
}
export class RespondVoiceCallRequest extends IntersectionType(RespondVoiceCallDto, ByIdDto) {}

export class EndVoiceCallDto {
  @IsOptional() @IsString() @MaxLength(200)
  reason?: string;
}
export class EndVoiceCallRequest extends IntersectionType(EndVoiceCallDto, ByIdDto) {}

export class VoiceCallQueryDto extends PageQueryDto {
  @IsOptional() @IsUUID('all') ai_agent_id?: string;
  @IsOptional() @IsUUID('all') lead_id?: string;
  @IsOptional() @IsIn(VOICE_CALL_STATUSES) status?: VoiceCallStatus;
}

export interface VoiceCallDto {
  id: string;
  ai_agent_id: string;
  lead_id: string | null;
  /** The telephony call, for phone conversations. */
  call_id: string | null;
  phone_number: string | null;
  call_type: VoiceCallType;
  purpose: string | null;
  provider: ConversationProvider;
  status: VoiceCallStatus;
  conversation_state: ConversationState;
  voice: VoiceSettingsView;
  turns: number;
  sentiment: SentimentDto | null;
  started_at: string | null;
  ended_at: string | null;
  summary: ConversationSummaryDto | null;
  analytics: ConversationAnalyticsDto | null;
  extracted: Record<string, unknown> | null;
  qa: QaScoreDto | null;
  created_at: string;
}

export interface VoiceCallDetailDto extends VoiceCallDto {
  transcript: ConversationTurnDto[];
}

export interface StartVoiceCallResult {
  opening_message: string;
  audio_data?: string;
  session_info: {
    voice_call_id: string;
    agent: Pick<AiAgentDto, 'id' | 'name' | 'tone'>;
    provider: ConversationProvider;
    conversation_state: ConversationState;
    voice: VoiceSettingsView;
    lead: { id: string; name: string; company: string | null } | null;
    started_at: string;
  };
}

export interface EndVoiceCallResult {
  summary: ConversationSummaryDto;
  analytics: ConversationAnalyticsDto;
  extracted: Record<string, unknown>;
  qa: QaScoreDto;
}

/** Totals of `GET /ai-agents/:id/conversations`. */
export interface AgentConversationTotals {
  calls: number;
  chats: number;
  /** Share of ended conversations that reached closing or booked a next step, 0…1. */
  success_rate: number;
  average_response_ms: number;
}

export interface AgentConversationsDto {
  ai_agent_id: string;
  totals: AgentConversationTotals;
  conversations: VoiceCallDto[];
}

/**
 * The realtime socket `/api/v1/voice/calls/:id/realtime` (JSON text frames).
 * In: `{type: 'text_input', text}`, `{type: 'audio_chunk', audio}` (base64), `{type: 'audio_commit'}` (end of an utterance).
 * Out: `ai_response` (the turn result), `transcript` (each turn as it lands), `state`, `error`.
 */
export type RealtimeClientMessage =
  | { type: 'text_input'; text: string }
  | { type: 'audio_chunk'; audio: string }
  | { type: 'audio_commit' };

export type RealtimeServerMessage =
  | ({ type: 'ai_response' } & VoiceTurnResultDto)
  | { type: 'transcript'; speaker: 'caller' | 'ai'; text: string; turn: number; at: string }
  | { type: 'state'; conversation_state: ConversationState; should_continue: boolean }
  | { type: 'error'; code: string; message: string };
