import { IntersectionType, PartialType } from '@nestjs/mapped-types';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min,
  MinLength, ValidateNested,
} from 'class-validator';
import { ByIdDto } from '../common/pagination';

/** Lead fields a routing condition may test. */
export const ROUTING_FIELDS = [
  'source', 'status', 'priority', 'score', 'industry', 'company', 'company_size', 'annual_revenue', 'budget',
  'country', 'title', 'tags', 'campaign_id',
] as const;
export type RoutingField = (typeof ROUTING_FIELDS)[number];

/**
 * equals/not_equals: one value; in/not_in: an array; gte/lte: a number; between: [min, max];
 * contains: a substring (or, on `tags`, one tag). Text comparisons ignore case.
 */
export const ROUTING_OPERATORS = ['equals', 'not_equals', 'in', 'not_in', 'gte', 'lte', 'between', 'contains'] as const;
export type RoutingOperator = (typeof ROUTING_OPERATORS)[number];

export const ROUTING_ACTIONS = ['assign_to_agent', 'assign_to_team', 'round_robin', 'least_busy'] as const;
export type RoutingActionType = (typeof ROUTING_ACTIONS)[number];

export class RoutingConditionDto {
  @IsIn(ROUTING_FIELDS)
  field: RoutingField;

  @IsIn(ROUTING_OPERATORS)
  operator: RoutingOperator;

  /** Its shape depends on the operator; a value that does not fit is a 422 naming the condition. */
  @IsDefined()
  value: unknown;
}

export class RoutingActionDto {
  @IsIn(ROUTING_ACTIONS)
  type: RoutingActionType;

  /** assign_to_agent: the agent (user id). */
  @IsOptional() @IsUUID('all')
  agent_id?: string;

  /** assign_to_team: the team's name, recorded on the lead when no member is available. */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(80)
  team?: string;

  /** assign_to_team (the team's members), round_robin and least_busy (restrict the pool; all agents if absent). */
  @IsOptional() @IsArray() @ArrayMaxSize(200) @IsUUID('all', { each: true })
  agent_ids?: string[];
}

export class RoutingRuleFieldsDto {
  @IsString() @MinLength(1) @MaxLength(120)
  name: string;

  @IsOptional() @IsString() @MaxLength(500)
  description?: string;

  /** Lower runs first. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000)
  priority?: number;

  @IsOptional() @IsBoolean()
  enabled?: boolean;

  /** All must hold (AND); an empty list matches every lead. */
  @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => RoutingConditionDto)
  conditions: RoutingConditionDto[];

  @ValidateNested() @Type(() => RoutingActionDto)
  action: RoutingActionDto;
}

export class CreateRoutingRuleDto extends RoutingRuleFieldsDto {}
export class UpdateRoutingRuleDto extends PartialType(RoutingRuleFieldsDto) {}
export class UpdateRoutingRuleRequest extends IntersectionType(UpdateRoutingRuleDto, ByIdDto) {}

export interface RoutingRuleDto {
  id: string;
  name: string;
  description: string | null;
  priority: number;
  enabled: boolean;
  conditions: Array<{ field: RoutingField; operator: RoutingOperator; value: unknown }>;
  action: { type: RoutingActionType; agent_id: string | null; team: string | null; agent_ids: string[] };
  matched_count: number;
  created_at: string;
  updated_at: string;
}

export class RouteLeadDto {
  @IsUUID('all')
  lead_id: string;

  /** Assign the lead to the chosen agent (default) or only answer who it would be. */
  @IsOptional() @IsBoolean()
  assign?: boolean;
}

export interface RoutingDecisionDto {
  lead_id: string;
  agent_id: string | null;
  team: string | null;
  /** The rule's name, `default` when no rule matched, null when nothing could be chosen. */
  routing_rule_applied: string | null;
  routing_rule_id: string | null;
  reason: string;
  assigned: boolean;
}

export interface AutomationMetricsDto {
  leads_total: number;
  leads_scored: number;
  average_score: number;
  hot_leads: number;
  unassigned_open_leads: number;
  routed_last_24h: number;
  routing_by_rule: Array<{ rule_id: string | null; name: string; count: number }>;
  available_agents: number;
  active_campaigns: number;
  scheduled_campaigns: number;
}
