import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUrl, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { BusinessConfigDto } from '../identity/business-config.dto';
import { TelephonySettingsDto } from '../telephony/telephony-settings.dto';
import { CreateAiAgentDto, VoiceSettingsDto, type AiAgentDto } from './ai-agent.dto';
import { AiSettingsDto } from './ai.dto';

/** `POST /onboarding/voice`: the voice of an agent (the tenant's newest draft agent when none is named). */
export class OnboardingVoiceDto {
  @IsOptional() @IsUUID('all')
  ai_agent_id?: string;

  @ValidateNested() @Type(() => VoiceSettingsDto)
  voice: VoiceSettingsDto;
}

/** `POST /onboarding/deploy`: deploys an agent (the newest one when none is named) on a number. */
export class OnboardingDeployDto {
  @IsOptional() @IsUUID('all')
  ai_agent_id?: string;

  @IsOptional() @IsString() @MinLength(3) @MaxLength(40)
  phone_number?: string;
}

export class SetupKnowledgeDto {
  @IsOptional() @IsString() @MaxLength(200_000)
  faq_text?: string;

  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { each: true })
  websites?: string[];
}

export class SetupApiConfigDto {
  @IsOptional() @ValidateNested() @Type(() => AiSettingsDto)
  openai?: AiSettingsDto;

  @IsOptional() @ValidateNested() @Type(() => TelephonySettingsDto)
  twilio?: TelephonySettingsDto;
}

/**
 * `POST /setup/complete`: the whole onboarding in one request. Everything is validated first;
 * then each step is applied in order and, if one fails, the ones already applied are undone and
 * the answer says which step failed and why.
 */
export class SetupCompleteDto {
  @IsOptional() @ValidateNested() @Type(() => BusinessConfigDto)
  business?: BusinessConfigDto;

  @IsOptional() @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => CreateAiAgentDto)
  agents?: CreateAiAgentDto[];

  @IsOptional() @ValidateNested() @Type(() => SetupKnowledgeDto)
  knowledge?: SetupKnowledgeDto;

  @IsOptional() @ValidateNested() @Type(() => SetupApiConfigDto)
  api_config?: SetupApiConfigDto;
}

export const SETUP_STEPS = ['api_config.openai', 'api_config.twilio', 'business', 'knowledge', 'agents'] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

export interface SetupStepResultDto {
  step: SetupStep;
  status: 'applied' | 'failed' | 'rolled_back' | 'skipped';
  /** Ids of what the step created. */
  ids: string[];
  error: { code: string; message: string } | null;
}

export interface SetupCompleteResultDto {
  /** true: every step applied; false: nothing stays applied (see the failed step). */
  success: boolean;
  steps: SetupStepResultDto[];
  agents: AiAgentDto[];
}
