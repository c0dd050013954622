import { IsIn, IsObject, IsOptional, IsString, IsUrl, IsUUID, MaxLength, MinLength } from 'class-validator';
import type { ConversationProvider } from './ai-agent.dto';
import type { GroundingSourceDto, TurnLatencyDto } from './conversation.dto';

/** `POST /ai/query`: one question answered from the tenant's knowledge (by an agent's persona and knowledge when named). */
export class AiQueryDto {
  @IsString() @MinLength(1) @MaxLength(2000)
  query: string;

  @IsOptional() @IsUUID('all')
  ai_agent_id?: string;

  @IsOptional() @IsObject()
  context?: Record<string, unknown>;
}

export interface AiQueryResultDto {
  answer: string;
  provider: ConversationProvider;
  sources: GroundingSourceDto[];
  latency: TurnLatencyDto;
}

export interface AiProviderStatusDto {
  name: ConversationProvider;
  configured: boolean;
  /** Answered a live check just now (local: always). */
  healthy: boolean;
  /** Where the key and base URL come from: the tenant's settings, the service's environment, or none. */
  source: 'tenant' | 'environment' | 'built_in' | null;
  base_url: string | null;
  chat_model: string | null;
  realtime_model: string | null;
  latency_ms: number | null;
  error: string | null;
}

export interface AiProvidersDto {
  default_provider: ConversationProvider;
  providers: AiProviderStatusDto[];
}

/** `POST /intelligence/recommendations`: the next best action for a lead. */
export class RecommendationRequestDto {
  @IsUUID('all')
  lead_id: string;

  @IsOptional() @IsString() @MaxLength(2000)
  context?: string;
}

export const NEXT_ACTIONS = ['call_now', 'schedule_callback', 'send_proposal', 'schedule_demo', 'send_email', 'nurture', 'escalate_to_human', 'close', 'do_not_contact'] as const;
export type NextAction = (typeof NEXT_ACTIONS)[number];

export interface RecommendationDto {
  lead_id: string;
  action: NextAction;
  channel: 'phone' | 'email' | 'none';
  priority: 'low' | 'medium' | 'high' | 'urgent';
  /** 0…1. */
  confidence: number;
  /** Why, in words, each from a fact about the lead. */
  reasons: string[];
  talking_points: string[];
  suggested_at: string | null;
  facts: { score: number; status: string; activities: number; calls: number; last_contacted_at: string | null; last_sentiment: number | null };
}

/** A tenant's OpenAI-compatible provider (stored encrypted; the key is never returned). */
export class AiSettingsDto {
  @IsOptional() @IsString() @MinLength(1) @MaxLength(300)
  openai_api_key?: string;

  /** Any OpenAI-compatible base URL (OpenAI, Azure, Ollama, vLLM), e.g. http://localhost:11434/v1. */
  @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  openai_base_url?: string;

  @IsOptional() @IsString() @MaxLength(100)
  chat_model?: string;

  @IsOptional() @IsString() @MaxLength(100)
  realtime_model?: string;

  @IsOptional() @IsIn(['local', 'openai'])
  default_provider?: ConversationProvider;
}

export interface AiSettingsView {
  openai_configured: boolean;
  /** The key's last four characters, to tell keys apart. */
  openai_api_key_hint: string | null;
  openai_base_url: string | null;
  chat_model: string | null;
  realtime_model: string | null;
  default_provider: ConversationProvider;
  updated_at: string | null;
}

export interface OpenAIConnectionResult {
  checked: true;
  ok: boolean;
  configured: boolean;
  base_url: string | null;
  /** Models the key may use (first 20), as the provider lists them. */
  models: string[];
  chat_model_found: boolean;
  latency_ms: number | null;
  error: { status: number | null; message: string } | null;
}
