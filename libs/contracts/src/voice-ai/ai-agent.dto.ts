import { IntersectionType, PartialType } from '@nestjs/mapped-types';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import { ByIdDto, PageQueryDto } from '../common/pagination';
import { KNOWLEDGE_BASE_MESSAGE, KNOWLEDGE_BASE_NAME } from '../knowledge/document.dto';

/** Which conversation engine an agent runs on: the built-in one (no network, no key) or any OpenAI-compatible API. */
export const CONVERSATION_PROVIDERS = ['local', 'openai'] as const;
export type ConversationProvider = (typeof CONVERSATION_PROVIDERS)[number];

export const AI_AGENT_STATUSES = ['draft', 'active', 'paused'] as const;
export type AiAgentStatus = (typeof AI_AGENT_STATUSES)[number];

export const AI_AGENT_TONES = ['professional', 'friendly', 'casual', 'empathetic', 'energetic'] as const;
export type AiAgentTone = (typeof AI_AGENT_TONES)[number];

export const AI_AGENT_CHANNELS = ['phone', 'chat', 'web'] as const;
export type AiAgentChannel = (typeof AI_AGENT_CHANNELS)[number];

/** What an agent may do in a conversation (the OpenAI provider's tool calls; the local engine's actions). */
export const AI_AGENT_TOOLS = ['lookup_knowledge', 'book_callback', 'update_lead', 'transfer_to_human', 'end_call'] as const;
export type AiAgentTool = (typeof AI_AGENT_TOOLS)[number];

export const EXTRACTION_FIELD_TYPES = ['string', 'number', 'boolean', 'date'] as const;
export type ExtractionFieldType = (typeof EXTRACTION_FIELD_TYPES)[number];

/** Speech settings: who speaks (Twilio's <Say> voices for local, OpenAI's for realtime), how fast, in which language. */
export class VoiceSettingsDto {
  @IsOptional() @IsIn(['twilio', 'openai'])
  provider?: 'twilio' | 'openai';

  @IsOptional() @IsString() @MaxLength(60)
  voice_id?: string;

  @IsOptional() @Type(() => Number) @IsNumber() @Min(0.5) @Max(2)
  speed?: number;

  /** BCP 47, e.g. en-US. */
  @IsOptional() @Matches(/^[a-z]{2,3}(-[A-Z]{2})?$/, { message: 'language must be a BCP 47 tag such as en-US' })
  language?: string;
}

/** A value the agent fills in from the conversation when the call ends (e.g. budget, decision_maker). */
export class ExtractionFieldDto {
  @Matches(/^[a-z][a-z0-9_]{0,39}$/, { message: 'name must be snake_case, up to 40 characters' })
  name: string;

  @IsIn(EXTRACTION_FIELD_TYPES)
  type: ExtractionFieldType;

  @IsOptional() @IsString() @MaxLength(300)
  description?: string;
}

export class AiAgentFieldsDto {
  @IsString() @MinLength(1) @MaxLength(120)
  name: string;

  /** e.g. "sales", "support", "appointment setter". */
  @IsOptional() @IsString() @MaxLength(120)
  role?: string;

  /** Persona and instructions: who the agent is and how it should behave. */
  @IsOptional() @IsString() @MaxLength(8000)
  instructions?: string;

  /** The opening line; `{lead_name}`, `{agent_name}`, `{company}` are filled in. */
  @IsOptional() @IsString() @MaxLength(1000)
  greeting?: string;

  @IsOptional() @IsString() @MaxLength(120)
  company_name?: string;

  @IsOptional() @ValidateNested() @Type(() => VoiceSettingsDto)
  voice?: VoiceSettingsDto;

  @IsOptional() @IsIn(AI_AGENT_TONES)
  tone?: AiAgentTone;

  @IsOptional() @IsArray() @ArrayMaxSize(3) @IsIn(AI_AGENT_CHANNELS, { each: true })
  channels?: AiAgentChannel[];

  /** Knowledge bases the agent answers from (knowledge's `knowledge_base` names); all of the tenant's when empty. */
  @IsOptional() @IsArray() @ArrayMaxSize(50) @Matches(KNOWLEDGE_BASE_NAME, { each: true, message: KNOWLEDGE_BASE_MESSAGE })
  knowledge_bases?: string[];

  @IsOptional() @IsArray() @IsIn(AI_AGENT_TOOLS, { each: true })
  tools?: AiAgentTool[];

  @IsOptional() @IsArray() @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => ExtractionFieldDto)
  extraction_fields?: ExtractionFieldDto[];

  @IsOptional() @IsIn(CONVERSATION_PROVIDERS)
  provider?: ConversationProvider;

  /** Chat model for the openai provider (the tenant's or the service's default when absent). */
  @IsOptional() @IsString() @MaxLength(100)
  model?: string;
}

export class CreateAiAgentDto extends AiAgentFieldsDto {}
export class UpdateAiAgentDto extends PartialType(AiAgentFieldsDto) {}
export class UpdateAiAgentRequest extends IntersectionType(UpdateAiAgentDto, ByIdDto) {}

export class AiAgentQueryDto extends PageQueryDto {
  @IsOptional() @IsIn(AI_AGENT_STATUSES)
  status?: AiAgentStatus;
}

export interface VoiceSettingsView {
  provider: 'twilio' | 'openai';
  voice_id: string;
  speed: number;
  language: string;
}

export interface AiAgentDto {
  id: string;
  name: string;
  role: string | null;
  instructions: string | null;
  greeting: string;
  company_name: string | null;
  voice: VoiceSettingsView;
  tone: AiAgentTone;
  channels: AiAgentChannel[];
  knowledge_bases: string[];
  tools: AiAgentTool[];
  extraction_fields: ExtractionFieldDto[];
  provider: ConversationProvider;
  model: string | null;
  status: AiAgentStatus;
  /** The number the agent answers (deployed), E.164. */
  phone_number: string | null;
  deployed_at: string | null;
  created_at: string;
  updated_at: string;
}

/** `POST /ai-agents/:id/deploy`: binds a phone number (the tenant's Twilio number when none is given) and activates the agent. */
export class DeployAiAgentDto {
  @IsOptional() @IsString() @MinLength(3) @MaxLength(40)
  phone_number?: string;
}
export class DeployAiAgentRequest extends IntersectionType(DeployAiAgentDto, ByIdDto) {}

export interface DeployAiAgentResult {
  success: boolean;
  phone_number: string;
  agent: AiAgentDto;
}

export class AgentConversationsRequest extends ByIdDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;
}
