import { IsIn } from 'class-validator';

export const AGENT_STATUSES = ['ready', 'busy', 'offline', 'break'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

export class SetAgentStatusDto {
  @IsIn(AGENT_STATUSES)
  status: AgentStatus;
}

export interface AgentDto {
  id: string;
  email: string;
  name: string | null;
  role: string;
  status: AgentStatus;
  status_changed_at: string;
  active_calls: number;
}

export interface AgentStatsDto {
  total: number;
  by_status: Record<AgentStatus, number>;
  available: number;
}

export interface AgentUsageDto {
  agent_id: string;
  active_calls: number;
  escalations_handled: number;
  in_use: boolean;
}
