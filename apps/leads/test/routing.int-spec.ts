import { randomUUID } from 'node:crypto';
import { ErrorCode, LeadsSubjects as S, type AgentStatus, type CreateRoutingRuleDto, type RequestContext } from '@parley/contracts';
import { domainEvent, eventually, publishDomainEvent } from '@parley/testing';
import { bootLeads, tenantCtx, type LeadsHarness } from './support/leads-harness';

describe('leads routing rules and lead routing (NATS, Postgres)', () => {
  let h: LeadsHarness;

  beforeAll(async () => {
    h = await bootLeads();
  });

  afterAll(async () => {
    await h?.close();
  });

  /** Feeds identity's agent.status_changed through JetStream, as identity's relay would. */
  async function publishStatus(tenantId: string, agentId: string, status: AgentStatus, timestamp: Date): Promise<void> {
    const data = { agent_id: agentId, status, previous_status: 'offline' as const, timestamp: timestamp.toISOString() };
    const event = domainEvent('agent.status_changed', tenantId, data, { occurred_at: timestamp.toISOString(), actor_id: agentId });
    await publishDomainEvent(h.bus.nc, h.iso.prefix, event);
  }

  /** Makes agents ready in the presence read model, the first one ready the longest. */
  async function readyAgents(tenantId: string, count: number): Promise<string[]> {
    const ids = Array.from({ length: count }, () => randomUUID());
    const base = Date.now() - 60_000;
    await Promise.all(ids.map((id, i) => publishStatus(tenantId, id, 'ready', new Date(base + i * 1000))));
    await eventually(async () => {
      const rows = await h.sql(`SELECT agent_id FROM agent_presence WHERE tenant_id = $1 AND status = 'ready'`, [tenantId]);
      return rows.length === count;
    });
    return ids;
  }

  async function seedLead(tenantId: string, fields: Record<string, unknown> = {}): Promise<string> {
    const values = { name: `Lead ${randomUUID().slice(0, 6)}`, source: 'website', score: 0.5, ...fields };
    const columns = Object.keys(values);
    const [row] = await h.sql<{ id: string }>(
      `INSERT INTO leads (tenant_id, ${columns.join(', ')}) VALUES ($1, ${columns.map((_, i) => `$${i + 2}`).join(', ')}) RETURNING id`,
      [tenantId, ...Object.values(values)],
    );
    return row.id;
  }

  const rule = (overrides: Partial<CreateRoutingRuleDto> = {}): CreateRoutingRuleDto => ({
    name: 'Referrals to Ann', priority: 10,
    conditions: [{ field: 'source', operator: 'equals', value: 'Referral' }],
    action: { type: 'least_busy' },
    ...overrides,
  });

  it('creates, lists in priority order, updates and deletes rules', async () => {
    const ctx = tenantCtx();
    const agent = randomUUID();
    const late = await h.bus.send(S.createRoutingRule, rule({ name: 'catch-all', priority: 500, conditions: [] }), ctx);
    const early = await h.bus.send(S.createRoutingRule, rule({ action: { type: 'assign_to_agent', agent_id: agent } }), ctx);
    expect(early).toMatchObject({
      name: 'Referrals to Ann', priority: 10, enabled: true, matched_count: 0, description: null,
      conditions: [{ field: 'source', operator: 'equals', value: 'Referral' }],
      action: { type: 'assign_to_agent', agent_id: agent, team: null, agent_ids: [] },
    });
    expect((await h.bus.send(S.listRoutingRules, {}, ctx)).map((r) => r.id)).toEqual([early.id, late.id]);

    const updated = await h.bus.send(S.updateRoutingRule, { id: late.id, priority: 1, enabled: false }, ctx);
    expect(updated).toMatchObject({ priority: 1, enabled: false, name: 'catch-all' });
    expect((await h.bus.send(S.listRoutingRules, {}, ctx)).map((r) => r.id)).toEqual([late.id, early.id]);

    expect(await h.bus.send(S.deleteRoutingRule, { id: late.id }, ctx)).toEqual({ message: 'routing rule deleted' });
    expect((await h.bus.send(S.listRoutingRules, {}, ctx)).map((r) => r.id)).toEqual([early.id]);
  });

  it('rejects a condition whose value does not fit its operator, naming it', async () => {
    const ctx = tenantCtx();
    const error = await h.bus.send(S.createRoutingRule, rule({
      conditions: [
        { field: 'source', operator: 'equals', value: 'web' },
        { field: 'budget', operator: 'between', value: [9000, 100] },
      ],
    }), ctx).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: ErrorCode.ValidationFailed,
      details: { fields: { 'conditions[1].value': ['between takes [min, max] with min <= max'] } },
    });
    await expect(h.bus.send(S.createRoutingRule, rule({ conditions: [{ field: 'company', operator: 'in', value: [] }] }), ctx))
      .rejects.toMatchObject({ code: ErrorCode.ValidationFailed, details: { fields: { 'conditions[0].value': ['in takes a non-empty array'] } } });
    await expect(h.bus.send(S.createRoutingRule, rule({ action: { type: 'assign_to_agent' } }), ctx))
      .rejects.toMatchObject({ code: ErrorCode.ValidationFailed, details: { fields: { 'action.agent_id': expect.any(Array) } } });
    await expect(h.bus.send(S.createRoutingRule, rule({ action: { type: 'teleport' as never } }), ctx))
      .rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
    const ok = await h.bus.send(S.createRoutingRule, rule(), ctx);
    await expect(h.bus.send(S.updateRoutingRule, { id: ok.id, conditions: [{ field: 'score', operator: 'gte', value: 3 }] }, ctx))
      .rejects.toMatchObject({ code: ErrorCode.ValidationFailed, details: { fields: { 'conditions[0].value': ['score values must be between 0 and 1'] } } });
    expect(await h.bus.send(S.listRoutingRules, {}, ctx)).toHaveLength(1);
  });

  it('answers 404 for another tenant\'s rules and leads', async () => {
    const mine = tenantCtx();
    const other = tenantCtx();
    const theirs = await h.bus.send(S.createRoutingRule, rule(), other);
    const theirLead = await seedLead(other.tenant_id as string);
    await expect(h.bus.send(S.updateRoutingRule, { id: theirs.id, name: 'mine now' }, mine)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    await expect(h.bus.send(S.deleteRoutingRule, { id: theirs.id }, mine)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    await expect(h.bus.send(S.routeLead, { lead_id: theirLead }, mine)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    expect(await h.bus.send(S.listRoutingRules, {}, mine)).toEqual([]);
    expect((await h.bus.send(S.listRoutingRules, {}, other)).map((r) => r.name)).toEqual(['Referrals to Ann']);
  });

  it('routes with the first matching rule: assigns, counts, logs and emits lead.assigned', async () => {
    const ctx = tenantCtx();
    const tenantId = ctx.tenant_id as string;
    const [ann] = await readyAgents(tenantId, 1);
    const away = randomUUID();
    const disabled = await h.bus.send(S.createRoutingRule, rule({ name: 'off', priority: 1, enabled: false, conditions: [], action: { type: 'assign_to_agent', agent_id: away } }), ctx);
    const referrals = await h.bus.send(S.createRoutingRule, rule({ action: { type: 'assign_to_agent', agent_id: ann } }), ctx);
    const enterprise = await h.bus.send(S.createRoutingRule, rule({
      name: 'Enterprise desk', priority: 20,
      conditions: [{ field: 'company_size', operator: 'gte', value: 1000 }, { field: 'tags', operator: 'contains', value: 'VIP' }],
      action: { type: 'assign_to_team', team: 'enterprise', agent_ids: [away] },
    }), ctx);

    const referral = await seedLead(tenantId, { source: 'referral' });
    const dryRun = await h.bus.send(S.routeLead, { lead_id: referral, assign: false }, ctx);
    expect(dryRun).toMatchObject({ agent_id: ann, routing_rule_applied: 'Referrals to Ann', assigned: false });
    expect((await h.sql(`SELECT assigned_to FROM leads WHERE id = $1`, [referral]))[0]).toEqual({ assigned_to: null });

    const decision = await h.bus.send(S.routeLead, { lead_id: referral }, ctx);
    expect(decision).toEqual({
      lead_id: referral, agent_id: ann, team: null, routing_rule_applied: 'Referrals to Ann', routing_rule_id: referrals.id,
      reason: 'assigned to the rule\'s agent', assigned: true,
    });
    expect((await h.sql(`SELECT assigned_to FROM leads WHERE id = $1`, [referral]))[0]).toEqual({ assigned_to: ann });
    const rules = await h.bus.send(S.listRoutingRules, {}, ctx);
    expect(rules.map((r) => [r.id, r.matched_count])).toEqual([[disabled.id, 0], [referrals.id, 1], [enterprise.id, 0]]);
    const assigned = (await h.outbox('lead.assigned')).filter((e) => e.data.lead_id === referral);
    expect(assigned).toHaveLength(1);
    expect(assigned[0]).toMatchObject({
      tenant_id: tenantId, data: { agent_id: ann, team: null, routing_rule_id: referrals.id, via: 'routing' },
    });

    // The team's only member is not ready: the team is recorded, no agent.
    const vip = await seedLead(tenantId, { source: 'event', company_size: 5000, tags: ['vip'] });
    expect(await h.bus.send(S.routeLead, { lead_id: vip }, ctx)).toMatchObject({
      agent_id: null, team: 'enterprise', routing_rule_applied: 'Enterprise desk', assigned: true,
    });
    expect((await h.sql(`SELECT assigned_to, assigned_team FROM leads WHERE id = $1`, [vip]))[0]).toEqual({ assigned_to: null, assigned_team: 'enterprise' });
  });

  it('hands out round-robin slots once each, even when routings run at once', async () => {
    const ctx = tenantCtx();
    const tenantId = ctx.tenant_id as string;
    const agents = await readyAgents(tenantId, 3);
    await h.bus.send(S.createRoutingRule, rule({ name: 'rr', conditions: [], action: { type: 'round_robin' } }), ctx);
    const leads = await Promise.all(Array.from({ length: 12 }, () => seedLead(tenantId)));
    const decisions = await Promise.all(leads.map((id) => h.bus.send(S.routeLead, { lead_id: id }, ctx)));
    const perAgent = new Map<string, number>();
    for (const d of decisions) perAgent.set(d.agent_id as string, (perAgent.get(d.agent_id as string) ?? 0) + 1);
    expect([...perAgent.keys()].sort()).toEqual([...agents].sort());
    expect([...perAgent.values()]).toEqual([4, 4, 4]);
    const [stored] = await h.sql<{ round_robin_cursor: number; matched_count: number }>(
      `SELECT round_robin_cursor, matched_count FROM routing_rules WHERE tenant_id = $1`, [tenantId],
    );
    expect(stored).toEqual({ round_robin_cursor: 12, matched_count: 12 });
  });

  it('falls back to the tenant default: least busy, then the one ready the longest', async () => {
    const ctx = tenantCtx();
    const tenantId = ctx.tenant_id as string;
    const [first, second, third] = await readyAgents(tenantId, 3);
    await seedLead(tenantId, { assigned_to: first });
    await seedLead(tenantId, { assigned_to: first, status: 'closed_won' }); // closed: not load
    await seedLead(tenantId, { assigned_to: second });
    const lead = await seedLead(tenantId);
    const decision = await h.bus.send(S.routeLead, { lead_id: lead }, ctx);
    expect(decision).toMatchObject({ agent_id: third, routing_rule_applied: 'default', routing_rule_id: null, assigned: true });
    expect(decision.reason).toMatch(/^no rule matched; tenant default: least busy/);
    // Now all have one open lead: the one ready the longest wins.
    expect((await h.bus.send(S.routeLead, { lead_id: await seedLead(tenantId) }, ctx)).agent_id).toBe(first);
  });

  it('leaves the lead alone when the tenant default is none', async () => {
    const ctx = tenantCtx();
    const tenantId = ctx.tenant_id as string;
    await readyAgents(tenantId, 1);
    await h.bus.send(S.updateSettings, { default_routing: 'none' }, ctx);
    const lead = await seedLead(tenantId);
    expect(await h.bus.send(S.routeLead, { lead_id: lead }, ctx)).toMatchObject({
      agent_id: null, team: null, routing_rule_applied: null, assigned: false,
    });
    expect((await h.sql(`SELECT assigned_to FROM leads WHERE id = $1`, [lead]))[0]).toEqual({ assigned_to: null });
    expect((await h.outbox('lead.assigned')).filter((e) => e.data.lead_id === lead)).toEqual([]);
  });

  it('keeps the newest agent status when events arrive out of order', async () => {
    const tenantId = randomUUID();
    const agent = randomUUID();
    const now = Date.now();
    await publishStatus(tenantId, agent, 'ready', new Date(now));
    await eventually(async () => (await h.sql(`SELECT 1 FROM agent_presence WHERE agent_id = $1`, [agent])).length === 1);
    await publishStatus(tenantId, agent, 'offline', new Date(now - 5000)); // late, older
    await publishStatus(tenantId, agent, 'busy', new Date(now + 1000));
    const row = await eventually(async () => {
      const [r] = await h.sql<{ status: string }>(`SELECT status FROM agent_presence WHERE agent_id = $1`, [agent]);
      return r?.status === 'busy' ? r : undefined;
    });
    expect(row.status).toBe('busy');
    await new Promise((r) => setTimeout(r, 300));
    const processed = await h.sql(`SELECT count(*)::int AS n FROM processed_events WHERE type = 'agent.status_changed'`);
    expect(processed[0]['n']).toBeGreaterThanOrEqual(3);
    expect((await h.sql(`SELECT status FROM agent_presence WHERE agent_id = $1`, [agent]))[0]).toEqual({ status: 'busy' });
  });

  it('reports automation metrics from the tables', async () => {
    const ctx: Partial<RequestContext> = tenantCtx();
    const tenantId = ctx.tenant_id as string;
    const [agent] = await readyAgents(tenantId, 1);
    const rr = await h.bus.send(S.createRoutingRule, rule({ name: 'web', conditions: [{ field: 'source', operator: 'equals', value: 'website' }] }), ctx);
    await seedLead(tenantId, { score: 0.9, scored_at: new Date() });
    await seedLead(tenantId, { score: 0.3, scored_at: new Date(), source: 'event' });
    const routed = await seedLead(tenantId, { score: 0.6 });
    await h.bus.send(S.routeLead, { lead_id: routed }, ctx);
    await h.sql(`INSERT INTO campaigns (tenant_id, name, status) VALUES ($1, 'a', 'active'), ($1, 'b', 'scheduled'), ($1, 'c', 'draft')`, [tenantId]);
    expect(await h.bus.send(S.automationMetrics, {}, ctx)).toEqual({
      leads_total: 3, leads_scored: 2, average_score: 0.6, hot_leads: 1, unassigned_open_leads: 2, routed_last_24h: 1,
      routing_by_rule: [{ rule_id: rr.id, name: 'web', count: 1 }], available_agents: 1, active_campaigns: 1, scheduled_campaigns: 1,
    });
    expect(agent).toBeDefined();
  });
});
