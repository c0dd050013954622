import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  IdentitySubjects, LeadsSubjects, type AgentDto, type EscalationSelection, type RequestContext, type RoutingDecisionDto,
} from '@parley/contracts';
import { DomainException, ServiceBus, TenantDb } from '@parley/platform';
import { CallEntity } from '../call/call.entity';
import { TELEPHONY_CONFIG, type TelephonyConfig } from '../telephony.config';
import { CallEscalationEntity } from './call-escalation.entity';
import { leastBusyAgent } from './least-busy-agent';

export interface AgentSelection {
  agentId: string | null;
  selectedBy: EscalationSelection | null;
  routingRule: string | null;
  reason: string;
}

const LIVE_CALL_STATUSES = ['queued', 'ringing', 'in_progress'] as const;

/**
 * Chooses the human agent an escalated call goes to. Candidates are identity's available (ready)
 * agents, less the call's own agent and anyone whose softphone an escalation is already ringing.
 * An agent named in the request wins when a candidate; then leads' routing rules for the call's
 * lead; then the least busy candidate. When identity cannot be asked, or nobody is free, no agent
 * is chosen and the caller holds in the human queue: a caller on the line is never turned away.
 */
@Injectable()
export class HumanAgentSelector {
  private readonly logger = new Logger(HumanAgentSelector.name);

  constructor(
    private readonly bus: ServiceBus,
    private readonly db: TenantDb,
    @Inject(TELEPHONY_CONFIG) private readonly config: TelephonyConfig,
  ) {}

  async select(call: CallEntity, requestedAgentId: string | undefined, ctx: RequestContext): Promise<AgentSelection> {
    const available = await this.availableAgents(ctx);
    if (available === null) return nobody('identity did not answer in time: the caller waits in the human queue');
    const ringing = await this.agentsBeingDialed(ctx);
    const candidates = available.filter((agent) => agent.id !== call.agentId && !ringing.has(agent.id));
    const isCandidate = (id: string | null | undefined): id is string => !!id && candidates.some((agent) => agent.id === id);
    const notes: string[] = [];

    if (requestedAgentId) {
      if (isCandidate(requestedAgentId)) return { agentId: requestedAgentId, selectedBy: 'request', routingRule: null, reason: 'the requested agent is available' };
      notes.push(`the requested agent ${requestedAgentId} is not available`);
    }
    if (candidates.length === 0) return nobody([...notes, 'no agent is available: the caller waits in the human queue'].join('; '));

    if (call.leadId) {
      const decision = await this.routing(call.leadId, ctx);
      if (decision && isCandidate(decision.agent_id)) {
        return {
          agentId: decision.agent_id, selectedBy: 'routing', routingRule: decision.routing_rule_applied,
          reason: [...notes, `routed by ${decision.routing_rule_applied ? `rule ${decision.routing_rule_applied}` : 'leads'}: ${decision.reason}`].join('; '),
        };
      }
      notes.push(decision ? `routing chose no available agent (${decision.reason})` : 'leads did not answer in time');
    }

    const loads = await this.liveCallCounts(candidates.map((agent) => agent.id), ctx);
    const pick = leastBusyAgent(candidates.map((agent) => ({
      agentId: agent.id,
      // Identity's count covers calls of any channel it is told about; ours the calls placed here.
      liveCalls: Math.max(agent.active_calls, loads.get(agent.id) ?? 0),
    })));
    if (!pick) return nobody([...notes, 'no agent is available'].join('; '));
    return {
      agentId: pick.agentId, selectedBy: 'least_busy', routingRule: null,
      reason: [...notes, `the least busy available agent (${pick.liveCalls} live calls)`].join('; '),
    };
  }

  /** Identity's ready agents, longest ready first; null when identity does not answer. */
  private async availableAgents(ctx: RequestContext): Promise<AgentDto[] | null> {
    try {
      return await this.bus.send(IdentitySubjects.availableAgents, {}, ctx, this.config.ESCALATION_LOOKUP_TIMEOUT_MS);
    } catch (error) {
      if (!(error instanceof DomainException)) throw error;
      this.logger.warn({ tenant_id: ctx.tenant_id, error: error.message }, 'available agents unknown: escalating to the human queue');
      return null;
    }
  }

  /** What leads' routing rules say for the lead, without assigning it; null when leads cannot tell. */
  private async routing(leadId: string, ctx: RequestContext): Promise<RoutingDecisionDto | null> {
    try {
      return await this.bus.send(LeadsSubjects.routeLead, { lead_id: leadId, assign: false }, ctx, this.config.ESCALATION_LOOKUP_TIMEOUT_MS);
    } catch (error) {
      if (!(error instanceof DomainException)) throw error;
      // A deleted lead (404) or leads down (503): the least busy agent takes the call instead.
      this.logger.warn({ tenant_id: ctx.tenant_id, lead_id: leadId, error: error.message }, 'routing unavailable for an escalation');
      return null;
    }
  }

  /** Agents whose softphone a live call is ringing (or who talk on it). A call that ended frees its agent, reported or not. */
  private async agentsBeingDialed(ctx: RequestContext): Promise<Set<string>> {
    const rows = await this.db.repo(ctx, CallEscalationEntity).query('e')
      .innerJoin(CallEntity, 'c', 'c.id = e.callId AND c.tenantId = e.tenantId')
      .select('e.agentId', 'agent_id')
      .andWhere(`e.status = 'dialing'`)
      .andWhere('c.status IN (:...statuses)', { statuses: LIVE_CALL_STATUSES })
      .getRawMany<{ agent_id: string }>();
    return new Set(rows.map((row) => row.agent_id));
  }

  private async liveCallCounts(agentIds: string[], ctx: RequestContext): Promise<Map<string, number>> {
    if (agentIds.length === 0) return new Map();
    const rows = await this.db.repo(ctx, CallEntity).query('c')
      .select('c.agentId', 'agent_id')
      .addSelect('count(*)::int', 'live')
      .andWhere('c.agentId IN (:...agentIds)', { agentIds })
      .andWhere('c.status IN (:...statuses)', { statuses: LIVE_CALL_STATUSES })
      .groupBy('c.agentId')
      .getRawMany<{ agent_id: string; live: number }>();
    return new Map(rows.map((row) => [row.agent_id, row.live]));
  }
}

function nobody(reason: string): AgentSelection {
  return { agentId: null, selectedBy: null, routingRule: null, reason };
}
