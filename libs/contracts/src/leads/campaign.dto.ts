import { IntersectionType, PartialType } from '@nestjs/mapped-types';
import {
  ArrayMaxSize, IsArray, IsIn, IsISO8601, IsObject, IsOptional, IsString, IsUUID, MaxLength, MinLength,
} from 'class-validator';
import { ByIdDto, PageQueryDto } from '../common/pagination';

/** draft → scheduled → active ⇄ paused → completed; a lead in a campaign is dialable only while it is active. */
export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'active', 'paused', 'completed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const CAMPAIGN_TYPES = ['outbound_call', 'email', 'sms', 'mixed'] as const;
export type CampaignType = (typeof CAMPAIGN_TYPES)[number];

export class CampaignFieldsDto {
  @IsString() @MinLength(1) @MaxLength(160)
  name: string;

  @IsOptional() @IsString() @MaxLength(2000)
  description?: string | null;

  @IsOptional() @IsIn(CAMPAIGN_TYPES)
  type?: CampaignType;

  /** The AI agent (voice-ai) that works the campaign's leads, if any. */
  @IsOptional() @IsUUID('all')
  ai_agent_id?: string | null;

  @IsOptional() @IsObject()
  settings?: Record<string, unknown>;

  /** Leads to put into the campaign (they move out of any other campaign). */
  @IsOptional() @IsArray() @ArrayMaxSize(10_000) @IsUUID('all', { each: true })
  lead_ids?: string[];
}

export class CreateCampaignDto extends CampaignFieldsDto {}
export class UpdateCampaignDto extends PartialType(CampaignFieldsDto) {}
export class UpdateCampaignRequest extends IntersectionType(UpdateCampaignDto, ByIdDto) {}

export class CampaignQueryDto extends PageQueryDto {
  @IsOptional() @IsIn(CAMPAIGN_STATUSES)
  status?: CampaignStatus;
}

export class ScheduleCampaignDto {
  @IsUUID('all')
  campaign_id: string;

  /** When to start (ISO 8601); a time in the past starts it at once. */
  @IsISO8601({ strict: true })
  scheduled_at: string;
}

export interface CampaignDto {
  id: string;
  name: string;
  description: string | null;
  type: CampaignType;
  status: CampaignStatus;
  ai_agent_id: string | null;
  settings: Record<string, unknown>;
  scheduled_at: string | null;
  started_at: string | null;
  paused_at: string | null;
  lead_count: number;
  created_at: string;
  updated_at: string;
}

export interface CampaignLeadStats {
  campaign_id: string;
  name: string;
  status: CampaignStatus;
  leads: number;
  contacted: number;
  qualified: number;
  converted: number;
  /** converted / leads, 0..1. */
  conversion_rate: number;
}

export interface CampaignStatsDto {
  total: number;
  by_status: Record<CampaignStatus, number>;
  campaigns: CampaignLeadStats[];
}
