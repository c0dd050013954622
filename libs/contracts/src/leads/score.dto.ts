import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsUUID, Max, Min, ValidateNested,
} from 'class-validator';

/** An explained score: every number in 0..1, every factor in plain words. */
export interface LeadScoreDto {
  overall_score: number;
  demographic_score: number;
  behavioral_score: number;
  engagement_score: number;
  intent_score: number;
  conversion_probability: number;
  factors: {
    positive_factors: string[];
    negative_factors: string[];
    recommendations: string[];
  };
  weights: ScoreWeights;
  scored_at: string;
}

export interface ScoredLeadDto extends LeadScoreDto {
  lead_id: string;
}

export interface ScoreWeights {
  demographic: number;
  behavioral: number;
  engagement: number;
  intent: number;
}

export class ScoreWeightsDto implements ScoreWeights {
  @IsNumber() @Min(0) @Max(1)
  demographic: number;

  @IsNumber() @Min(0) @Max(1)
  behavioral: number;

  @IsNumber() @Min(0) @Max(1)
  engagement: number;

  @IsNumber() @Min(0) @Max(1)
  intent: number;
}

export const DEFAULT_ROUTING_STRATEGIES = ['least_busy', 'round_robin', 'none'] as const;
export type DefaultRoutingStrategy = (typeof DEFAULT_ROUTING_STRATEGIES)[number];

/** Per-tenant settings of the leads service (`GET|PUT /automation/settings`). */
export class LeadSettingsDto {
  /** Relative weights of the four sub-scores; they need not sum to 1 (they are normalised), but not all 0. */
  @IsOptional() @ValidateNested() @Type(() => ScoreWeightsDto)
  score_weights?: ScoreWeightsDto;

  /** What routing does when no rule matches. */
  @IsOptional() @IsIn(DEFAULT_ROUTING_STRATEGIES)
  default_routing?: DefaultRoutingStrategy;
}

export interface LeadSettingsView {
  score_weights: ScoreWeights;
  default_routing: DefaultRoutingStrategy;
  updated_at: string | null;
}

/** `POST /automation/leads/score`: re-score the named leads, or every lead of the tenant when none is named. */
export class ScoreLeadsDto {
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @IsUUID('all', { each: true })
  lead_ids?: string[];
}

export interface ScoreLeadsResultDto {
  scored: number;
  /** Breakdowns of the named leads (empty when the whole tenant was re-scored). */
  results: ScoredLeadDto[];
}

export class RankedLeadsQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;
}
