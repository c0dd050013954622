import { agentClientIdentity, type EscalationDto } from '@parley/contracts';
import type { CallEscalationEntity } from './call-escalation.entity';

export function toEscalationDto(escalation: CallEscalationEntity, leadId: string | null): EscalationDto {
  return {
    id: escalation.id,
    call_id: escalation.callId,
    lead_id: leadId,
    status: escalation.status,
    agent_id: escalation.agentId,
    agent_client_identity: escalation.agentId ? agentClientIdentity(escalation.agentId) : null,
    selected_by: escalation.selectedBy,
    routing_rule_applied: escalation.routingRule,
    selection_reason: escalation.selectionReason,
    reason: escalation.reason,
    summary: escalation.summary,
    queue_name: escalation.queueName,
    queue_position: escalation.queuePosition,
    outcome: escalation.outcome,
    requested_by: escalation.requestedBy,
    created_at: escalation.createdAt.toISOString(),
    updated_at: escalation.updatedAt.toISOString(),
    completed_at: escalation.completedAt ? escalation.completedAt.toISOString() : null,
  };
}
