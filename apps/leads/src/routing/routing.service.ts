import { Injectable } from '@nestjs/common';
import type {
  AutomationMetricsDto, CreateRoutingRuleDto, DefaultRoutingStrategy, MessageDto, RequestContext, RouteLeadDto,
  RoutingDecisionDto, RoutingRuleDto, UpdateRoutingRuleRequest,
} from '@parley/contracts';
import { NotFoundException, TenantDb, ValidationException, type UnitOfWork } from '@parley/platform';
import type { EntityManager } from 'typeorm';
import { LeadEntity } from '../lead/lead.entity';
import { QueueUpdatePublisher } from '../queue/queue-update.publisher';
import { pickAgent, pickDefault, type AgentPick, type ReadyAgent } from './agent-picker';
import { RoutingDecisionEntity } from './routing-decision.entity';
import { RoutingRuleEntity, type StoredRoutingAction, type StoredRoutingCondition } from './routing-rule.entity';
import { toRoutingRuleDto } from './routing-rule.mapper';
import { matchRule, validateRoutingRule, type RoutingLeadSnapshot } from './routing-rule-engine';

/** Lead statuses that still count towards an agent's load. */
const OPEN_STATUSES = `('new', 'contacted', 'qualified', 'proposal')`;

interface TenantRoutingSettings {
  default_routing: DefaultRoutingStrategy;
  round_robin_cursor: number;
}

function snapshotOf(lead: LeadEntity): RoutingLeadSnapshot {
  return {
    source: lead.source, status: lead.status, priority: lead.priority, score: lead.score, industry: lead.industry,
    company: lead.company, company_size: lead.companySize, annual_revenue: lead.annualRevenue, budget: lead.budget,
    country: lead.country, title: lead.title, tags: lead.tags, campaign_id: lead.campaignId,
  };
}

function storedAction(action: CreateRoutingRuleDto['action']): StoredRoutingAction {
  return { type: action.type, agent_id: action.agent_id ?? null, team: action.team ?? null, agent_ids: action.agent_ids ?? [] };
}

function assertValidRule(conditions: StoredRoutingCondition[], action: StoredRoutingAction): void {
  const errors = validateRoutingRule(conditions, action);
  const first = Object.entries(errors)[0];
  if (first) throw new ValidationException(`${first[0]}: ${first[1][0]}`, { fields: errors });
}

/** Routing rules, the routing decision for a lead, and the automation numbers. */
@Injectable()
export class RoutingService {
  constructor(
    private readonly db: TenantDb,
    private readonly queueUpdates: QueueUpdatePublisher,
  ) {}

  async listRules(ctx: RequestContext): Promise<RoutingRuleDto[]> {
    const rules = await this.db.repo(ctx, RoutingRuleEntity).find({ order: { priority: 'ASC', createdAt: 'ASC' } });
    return rules.map(toRoutingRuleDto);
  }

  async createRule(dto: CreateRoutingRuleDto, ctx: RequestContext): Promise<RoutingRuleDto> {
    const conditions: StoredRoutingCondition[] = dto.conditions.map((c) => ({ field: c.field, operator: c.operator, value: c.value }));
    const action = storedAction(dto.action);
    assertValidRule(conditions, action);
    const rule = await this.db.repo(ctx, RoutingRuleEntity).insert({
      name: dto.name, description: dto.description ?? null, priority: dto.priority ?? 100, enabled: dto.enabled ?? true,
      conditions, action,
    });
    return toRoutingRuleDto(rule);
  }

  async updateRule(dto: UpdateRoutingRuleRequest, ctx: RequestContext): Promise<RoutingRuleDto> {
    return this.db.transaction(ctx, async (uow) => {
      const rules = uow.repo(RoutingRuleEntity);
      const rule = await rules.get({ id: dto.id });
      if (dto.name !== undefined) rule.name = dto.name;
      if (dto.description !== undefined) rule.description = dto.description ?? null;
      if (dto.priority !== undefined) rule.priority = dto.priority;
      if (dto.enabled !== undefined) rule.enabled = dto.enabled;
      if (dto.conditions !== undefined) {
        rule.conditions = dto.conditions.map((c) => ({ field: c.field, operator: c.operator, value: c.value }));
      }
      if (dto.action !== undefined) rule.action = storedAction(dto.action);
      assertValidRule(rule.conditions, rule.action);
      return toRoutingRuleDto(await rules.save(rule));
    });
  }

  async deleteRule(id: string, ctx: RequestContext): Promise<MessageDto> {
    const deleted = await this.db.repo(ctx, RoutingRuleEntity).delete({ id });
    if (deleted === 0) throw new NotFoundException('routing rule');
    return { message: 'routing rule deleted' };
  }

  /**
   * Decides who gets the lead. With `assign` (the default) the lead, the rule's counters, the
   * round-robin cursor, the decision log and `lead.assigned` all commit together.
   */
  async routeLead(dto: RouteLeadDto, ctx: RequestContext): Promise<RoutingDecisionDto> {
    const assign = dto.assign ?? true;
    const routed = await this.db.transaction(ctx, async (uow): Promise<RoutingDecisionDto> => {
      const leads = uow.repo(LeadEntity);
      const tenantId = leads.tenantId;
      const query = leads.query('l').andWhere('l.id = :id', { id: dto.lead_id });
      // Two routings of one lead at once would both assign it: the second waits for the first.
      if (assign) query.setLock('pessimistic_write');
      const lead = await query.getOne();
      if (!lead) throw new NotFoundException('lead');

      const rules = await uow.repo(RoutingRuleEntity).find();
      const readyAgents = await this.readyAgents(uow.manager, tenantId);
      const rule = matchRule(
        rules.map((r) => ({ ...r, created_at: r.createdAt })),
        snapshotOf(lead),
      );

      let pick: AgentPick;
      if (rule) {
        const cursor = assign
          ? await this.countRuleMatch(uow.manager, tenantId, rule.id, rule.action.type === 'round_robin')
          : rule.roundRobinCursor;
        pick = pickAgent(rule.action, readyAgents, cursor);
      } else {
        const settings = await this.routingSettings(uow.manager, tenantId);
        const cursor = assign && settings.default_routing === 'round_robin'
          ? await this.takeDefaultSlot(uow.manager, tenantId)
          : settings.round_robin_cursor;
        pick = pickDefault(settings.default_routing, readyAgents, cursor);
      }

      const ruleName = rule ? rule.name : 'default';
      const nobody = !rule && pick.agent_id === null && pick.team === null;
      const decision: RoutingDecisionDto = {
        lead_id: lead.id,
        agent_id: pick.agent_id,
        team: pick.team,
        routing_rule_applied: nobody ? null : ruleName,
        routing_rule_id: rule?.id ?? null,
        reason: pick.reason,
        assigned: false,
      };
      if (!assign) return decision;

      await uow.repo(RoutingDecisionEntity).insert({
        leadId: lead.id, ruleId: rule?.id ?? null, ruleName, agentId: pick.agent_id, team: pick.team,
      });
      if (pick.agent_id !== null || pick.team !== null) {
        await this.assignLead(uow, lead, pick, rule?.id ?? null);
        decision.assigned = true;
      }
      return decision;
    });
    // An assigned lead leaves other agents' queue.
    if (routed.assigned) this.queueUpdates.touch(this.db.repo(ctx, LeadEntity).tenantId);
    return routed;
  }

  private async assignLead(uow: UnitOfWork, lead: LeadEntity, pick: AgentPick, ruleId: string | null): Promise<void> {
    const patch: Partial<Pick<LeadEntity, 'assignedTo' | 'assignedTeam'>> = {};
    if (pick.agent_id !== null) patch.assignedTo = pick.agent_id;
    if (pick.team !== null) patch.assignedTeam = pick.team;
    await uow.repo(LeadEntity).update({ id: lead.id }, patch);
    await uow.emit('lead.assigned', {
      lead_id: lead.id, agent_id: pick.agent_id ?? lead.assignedTo, team: pick.team ?? lead.assignedTeam,
      routing_rule_id: ruleId, via: 'routing',
    });
  }

  /** Ready agents with their open-lead load, in one query. */
  private async readyAgents(manager: EntityManager, tenantId: string): Promise<ReadyAgent[]> {
    const rows: Array<{ agent_id: string; ready_since: Date; open_leads: number }> = await manager.query(
      `SELECT p.agent_id, p.status_changed_at AS ready_since,
         (SELECT count(*)::int FROM leads l
           WHERE l.tenant_id = p.tenant_id AND l.assigned_to = p.agent_id AND l.status IN ${OPEN_STATUSES}) AS open_leads
       FROM agent_presence p WHERE p.tenant_id = $1 AND p.status = 'ready'`,
      [tenantId],
    );
    return rows.map((r) => ({ agent_id: r.agent_id, ready_since: new Date(r.ready_since), open_leads: r.open_leads }));
  }

  /**
   * Counts the match and, for a round robin, reserves its slot: the row lock of this UPDATE
   * serialises replicas, so no two routings get the same slot. Answers the reserved slot.
   */
  private async countRuleMatch(manager: EntityManager, tenantId: string, ruleId: string, roundRobin: boolean): Promise<number> {
    const [rows] = (await manager.query(
      `UPDATE routing_rules SET matched_count = matched_count + 1,
         round_robin_cursor = round_robin_cursor + (CASE WHEN $3 THEN 1 ELSE 0 END)
       WHERE id = $1 AND tenant_id = $2 RETURNING round_robin_cursor`,
      [ruleId, tenantId, roundRobin],
    )) as [Array<{ round_robin_cursor: number }>, number];
    return rows[0].round_robin_cursor - (roundRobin ? 1 : 0);
  }

  private async routingSettings(manager: EntityManager, tenantId: string): Promise<TenantRoutingSettings> {
    const rows: TenantRoutingSettings[] = await manager.query(
      `SELECT default_routing, round_robin_cursor FROM lead_settings WHERE tenant_id = $1`,
      [tenantId],
    );
    // No settings row yet: the documented defaults.
    return rows[0] ?? { default_routing: 'least_busy', round_robin_cursor: 0 };
  }

  /** Reserves the tenant-default round-robin slot (only reached when the settings row exists). */
  private async takeDefaultSlot(manager: EntityManager, tenantId: string): Promise<number> {
    const [rows] = (await manager.query(
      `UPDATE lead_settings SET round_robin_cursor = round_robin_cursor + 1 WHERE tenant_id = $1 RETURNING round_robin_cursor`,
      [tenantId],
    )) as [Array<{ round_robin_cursor: number }>, number];
    return (rows[0]?.round_robin_cursor ?? 1) - 1;
  }

  async metrics(ctx: RequestContext): Promise<AutomationMetricsDto> {
    const tenantId = this.db.repo(ctx, LeadEntity).tenantId;
    const manager = this.db.dataSource.manager;
    const [leadRows, routedRows, byRuleRows, agentRows, campaignRows] = await Promise.all([
      manager.query(
        `SELECT count(*)::int AS leads_total,
           count(*) FILTER (WHERE scored_at IS NOT NULL)::int AS leads_scored,
           coalesce(avg(score), 0)::float8 AS average_score,
           count(*) FILTER (WHERE priority = 'hot')::int AS hot_leads,
           count(*) FILTER (WHERE assigned_to IS NULL AND status IN ${OPEN_STATUSES})::int AS unassigned_open_leads
         FROM leads WHERE tenant_id = $1`,
        [tenantId],
      ) as Promise<Array<Pick<AutomationMetricsDto, 'leads_total' | 'leads_scored' | 'average_score' | 'hot_leads' | 'unassigned_open_leads'>>>,
      manager.query(
        `SELECT count(*)::int AS routed FROM routing_decisions WHERE tenant_id = $1 AND created_at > now() - interval '24 hours'`,
        [tenantId],
      ) as Promise<Array<{ routed: number }>>,
      manager.query(
        `SELECT rule_id, rule_name AS name, count(*)::int AS count FROM routing_decisions WHERE tenant_id = $1
         GROUP BY rule_id, rule_name ORDER BY count(*) DESC, rule_name`,
        [tenantId],
      ) as Promise<AutomationMetricsDto['routing_by_rule']>,
      manager.query(
        `SELECT count(*)::int AS ready FROM agent_presence WHERE tenant_id = $1 AND status = 'ready'`,
        [tenantId],
      ) as Promise<Array<{ ready: number }>>,
      manager.query(
        `SELECT count(*) FILTER (WHERE status = 'active')::int AS active,
           count(*) FILTER (WHERE status = 'scheduled')::int AS scheduled
         FROM campaigns WHERE tenant_id = $1`,
        [tenantId],
      ) as Promise<Array<{ active: number; scheduled: number }>>,
    ]);
    const leads = leadRows[0];
    return {
      ...leads,
      average_score: Math.round(leads.average_score * 10_000) / 10_000,
      routed_last_24h: routedRows[0].routed,
      routing_by_rule: byRuleRows,
      available_agents: agentRows[0].ready,
      active_campaigns: campaignRows[0].active,
      scheduled_campaigns: campaignRows[0].scheduled,
    };
  }
}
