import { AGENT_STATUSES, type AgentStatsDto, type AgentStatus } from '@parley/contracts';

export interface StatusCount {
  status: AgentStatus;
  count: number;
}

/** Folds per-status counts into the stats answer: every status present, zero when absent. */
export function summarizeAgentStatuses(counts: readonly StatusCount[]): AgentStatsDto {
  const by_status = Object.fromEntries(AGENT_STATUSES.map((s) => [s, 0])) as Record<AgentStatus, number>;
  for (const { status, count } of counts) {
    if (status in by_status) by_status[status] += count;
  }
  const total = AGENT_STATUSES.reduce((sum, s) => sum + by_status[s], 0);
  return { total, by_status, available: by_status.ready };
}
