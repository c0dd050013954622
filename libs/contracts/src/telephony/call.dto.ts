import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength,
} from 'class-validator';
import { PageQueryDto } from '../common/pagination';
import { CALL_END_STATUSES } from './call.events';

export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];
export const CALL_TYPES = ['phone', 'chat'] as const;
export type CallType = (typeof CALL_TYPES)[number];
export const CALL_STATUSES = ['queued', 'ringing', 'in_progress', ...CALL_END_STATUSES] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

/** `POST /calls`: records a call without dialing (a chat, or a call placed elsewhere). */
export class CreateCallDto {
  @IsIn(CALL_DIRECTIONS)
  direction: CallDirection;

  @IsIn(CALL_TYPES)
  type: CallType;

  @IsOptional() @IsString() @MinLength(3) @MaxLength(40)
  phone_number?: string;

  @IsOptional() @IsUUID('all')
  lead_id?: string;

  @IsOptional() @IsUUID('all')
  ai_agent_id?: string;

  @IsOptional() @IsUUID('all')
  agent_id?: string;

  @IsOptional() @IsIn(CALL_STATUSES)
  status?: CallStatus;
}

/** `POST /calls/initiate`: dial out through Twilio after compliance allows it. */
export class InitiateCallDto {
  @IsString() @MinLength(3) @MaxLength(40)
  phone_number: string;

  @IsOptional() @IsUUID('all')
  lead_id?: string;

  @IsOptional() @IsUUID('all')
  ai_agent_id?: string;

  @IsOptional() @IsUUID('all')
  business_id?: string;

  @IsOptional() @IsObject()
  metadata?: Record<string, unknown>;
}

export class CallQueryDto extends PageQueryDto {
  @IsOptional() @IsIn(CALL_STATUSES) status?: CallStatus;
  @IsOptional() @IsIn(CALL_DIRECTIONS) direction?: CallDirection;
  @IsOptional() @IsIn(CALL_TYPES) type?: CallType;
  @IsOptional() @IsUUID('all') agent_id?: string;
  @IsOptional() @IsUUID('all') ai_agent_id?: string;
  @IsOptional() @IsUUID('all') lead_id?: string;
  @IsOptional() @IsUUID('all') business_id?: string;
  @IsOptional() @IsISO8601() from_date?: string;
  @IsOptional() @IsISO8601() to_date?: string;
  /** `GET /calls/logs?limit=`: same as per_page. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export interface TranscriptTurnDto {
  speaker: 'caller' | 'ai' | 'agent';
  text: string;
  at: string;
}

export interface CallDto {
  id: string;
  direction: CallDirection;
  type: CallType;
  status: CallStatus;
  lead_id: string | null;
  ai_agent_id: string | null;
  agent_id: string | null;
  business_id: string | null;
  from_number: string | null;
  to_number: string | null;
  /** Twilio's CallSid once Twilio knows the call. */
  provider_call_id: string | null;
  started_at: string | null;
  answered_at: string | null;
  ended_at: string | null;
  duration_seconds: number | null;
  recording_url: string | null;
  summary: string | null;
  sentiment: number | null;
  tags: string[];
  resolution: string | null;
  outcome: string | null;
  metadata: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

/** `GET /calls/:id`: the call with its transcript and analysis. */
export interface CallDetailDto extends CallDto {
  transcript: TranscriptTurnDto[];
  analysis: Record<string, unknown>;
  notes_count: number;
}

export interface CallStatsDto {
  total: number;
  by_status: Record<string, number>;
  by_direction: Record<string, number>;
  average_duration_seconds: number;
  answer_rate: number;
  today: number;
}

export class CallTagsDto {
  @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(60, { each: true })
  tags: string[];
}
