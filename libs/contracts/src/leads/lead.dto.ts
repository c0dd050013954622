import { IntersectionType, PartialType } from '@nestjs/mapped-types';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsEmail, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, IsUrl, IsUUID, Max,
  MaxLength, Min, MinLength,
} from 'class-validator';
import { ByIdDto, PageQueryDto } from '../common/pagination';
import type { LeadScoreDto } from './score.dto';

/** The lead lifecycle; which moves are allowed lives in the leads service's LeadLifecycle. */
export const LEAD_STATUSES = [
  'new', 'contacted', 'qualified', 'proposal', 'closed_won', 'closed_lost', 'do_not_contact',
] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** Derived from the overall score: hot ≥ 0.7, warm ≥ 0.4, else cold. */
export const LEAD_PRIORITIES = ['hot', 'warm', 'cold'] as const;
export type LeadPriority = (typeof LEAD_PRIORITIES)[number];

/** Every writable lead field; PUT replaces them all, PATCH changes only those it names. */
export class LeadFieldsDto {
  @IsString() @MinLength(1) @MaxLength(200)
  name: string;

  @IsOptional() @IsEmail({}, { message: 'email must be an email' }) @MaxLength(254)
  email?: string | null;

  /** Any common notation; stored as E.164 (the service's DEFAULT_PHONE_REGION applies to national numbers). */
  @IsOptional() @IsString() @MaxLength(40)
  phone?: string | null;

  @IsOptional() @IsString() @MaxLength(200)
  company?: string | null;

  @IsOptional() @IsString() @MaxLength(120)
  title?: string | null;

  @IsOptional() @IsString() @MaxLength(80)
  industry?: string | null;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10_000_000)
  company_size?: number | null;

  @IsOptional() @Type(() => Number) @IsNumber() @Min(0)
  annual_revenue?: number | null;

  @IsOptional() @Type(() => Number) @IsNumber() @Min(0)
  budget?: number | null;

  @IsOptional() @IsUrl({ require_protocol: true }) @MaxLength(300)
  website?: string | null;

  @IsOptional() @IsString() @MaxLength(60)
  country?: string | null;

  @IsOptional() @IsString() @MinLength(1) @MaxLength(60)
  source?: string;

  @IsOptional() @IsIn(LEAD_STATUSES)
  status?: LeadStatus;

  @IsOptional() @IsUUID('all')
  campaign_id?: string | null;

  @IsOptional() @IsUUID('all')
  assigned_to?: string | null;

  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(60, { each: true })
  tags?: string[];

  @IsOptional() @IsString() @MaxLength(5000)
  notes?: string | null;

  @IsOptional() @IsObject()
  custom_fields?: Record<string, unknown>;
}

export class CreateLeadDto extends LeadFieldsDto {}
export class ReplaceLeadRequest extends IntersectionType(LeadFieldsDto, ByIdDto) {}
export class PatchLeadDto extends PartialType(LeadFieldsDto) {}
export class PatchLeadRequest extends IntersectionType(PatchLeadDto, ByIdDto) {}

export const LEAD_SORT_FIELDS = ['created_at', 'updated_at', 'score', 'name'] as const;

export class LeadFilterDto {
  @IsOptional() @IsIn(LEAD_STATUSES)
  status?: LeadStatus;

  @IsOptional() @IsString() @MaxLength(60)
  source?: string;

  @IsOptional() @IsUUID('all')
  assigned_to?: string;

  @IsOptional() @IsUUID('all')
  campaign_id?: string;

  @IsOptional() @Type(() => Number) @IsNumber() @Min(0) @Max(1)
  min_score?: number;

  /** Free text over name, email and company (substring, case-insensitive). */
  @IsOptional() @IsString() @MaxLength(200)
  search?: string;
}

export class LeadQueryDto extends IntersectionType(PageQueryDto, LeadFilterDto) {
  @IsOptional() @IsIn(LEAD_SORT_FIELDS)
  sort_by?: (typeof LEAD_SORT_FIELDS)[number];

  @IsOptional() @IsIn(['asc', 'desc'])
  sort_order?: 'asc' | 'desc';
}

export class LeadOverviewQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(365)
  days?: number;
}

export interface LeadDto {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  company: string | null;
  title: string | null;
  industry: string | null;
  company_size: number | null;
  annual_revenue: number | null;
  budget: number | null;
  website: string | null;
  country: string | null;
  source: string;
  status: LeadStatus;
  priority: LeadPriority;
  score: number;
  score_breakdown: LeadScoreDto | null;
  campaign_id: string | null;
  assigned_to: string | null;
  tags: string[];
  notes: string | null;
  custom_fields: Record<string, unknown>;
  last_contacted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface LeadStatsDto {
  total: number;
  by_status: Record<LeadStatus, number>;
  by_priority: Record<LeadPriority, number>;
  average_score: number;
  assigned: number;
  unassigned: number;
  created_today: number;
  conversion_rate: number;
}

export interface CountByKey {
  key: string;
  count: number;
}

export interface LeadOverviewDto {
  days: number;
  since: string;
  total_leads: number;
  new_leads: number;
  converted: number;
  /** closed_won / leads created in the window, 0..1. */
  conversion_rate: number;
  average_score: number;
  by_source: CountByKey[];
  by_status: CountByKey[];
  by_industry: CountByKey[];
  /** Leads created per UTC day in the window, oldest first. */
  daily: Array<{ date: string; created: number; converted: number }>;
}
