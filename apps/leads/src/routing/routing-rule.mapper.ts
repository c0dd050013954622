import type { RoutingRuleDto } from '@parley/contracts';
import type { RoutingRuleEntity } from './routing-rule.entity';

export function toRoutingRuleDto(rule: RoutingRuleEntity): RoutingRuleDto {
  return {
    id: rule.id,
    name: rule.name,
    description: rule.description,
    priority: rule.priority,
    enabled: rule.enabled,
    conditions: rule.conditions.map((c) => ({ field: c.field, operator: c.operator, value: c.value })),
    action: {
      type: rule.action.type,
      agent_id: rule.action.agent_id ?? null,
      team: rule.action.team ?? null,
      agent_ids: rule.action.agent_ids ?? [],
    },
    matched_count: rule.matchedCount,
    created_at: rule.createdAt.toISOString(),
    updated_at: rule.updatedAt.toISOString(),
  };
}
