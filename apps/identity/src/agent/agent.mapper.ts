import type { AgentDto, AgentUsageDto } from '@parley/contracts';
import type { MembershipEntity } from '../member/membership.entity';

/** A human agent is a membership seen with its user and role (both must be loaded). */
export function toAgentDto(membership: MembershipEntity): AgentDto {
  if (!membership.user || !membership.role) throw new Error('toAgentDto needs the user and role relations loaded');
  return {
    id: membership.userId,
    email: membership.user.email,
    name: membership.user.name,
    role: membership.role.name,
    status: membership.status,
    status_changed_at: membership.statusChangedAt.toISOString(),
    active_calls: membership.activeCalls,
  };
}

export function toAgentUsageDto(membership: MembershipEntity): AgentUsageDto {
  return {
    agent_id: membership.userId,
    active_calls: membership.activeCalls,
    escalations_handled: membership.escalationsHandled,
    in_use: membership.activeCalls > 0,
  };
}
