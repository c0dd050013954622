import { randomUUID } from 'node:crypto';
import { ErrorCode, LeadsSubjects as S, type AgentStatus, type RequestContext } from '@parley/contracts';
import { domainEvent, eventually, publishDomainEvent } from '@parley/testing';
import { bootLeads, tenantCtx, type LeadsHarness } from './support/leads-harness';

interface SeedLead {
  name: string;
  score?: number;
  status?: string;
  assigned_to?: string | null;
  campaign_id?: string | null;
  next_contact_at?: Date | null;
  created_at?: Date;
}

describe('leads human call queue (NATS, Postgres)', () => {
  let h: LeadsHarness;

  beforeAll(async () => {
    h = await bootLeads({ QUEUE_UPDATE_DEBOUNCE_MS: '100', QUEUE_CLAIM_TTL_S: '600' });
  });

  afterAll(async () => {
    await h?.close();
  });

  async function seed(tenantId: string, leads: SeedLead[]): Promise<Map<string, string>> {
    const rows = await h.sql<{ id: string; name: string }>(
      `INSERT INTO leads (tenant_id, name, score, status, assigned_to, campaign_id, next_contact_at, created_at)
       SELECT $1, l.name, coalesce(l.score, 0.5), coalesce(l.status, 'new')::lead_status, l.assigned_to, l.campaign_id,
         l.next_contact_at, coalesce(l.created_at, now())
       FROM jsonb_to_recordset($2::jsonb) AS l(name text, score real, status text, assigned_to uuid, campaign_id uuid,
         next_contact_at timestamptz, created_at timestamptz)
       RETURNING id, name`,
      [tenantId, JSON.stringify(leads)],
    );
    return new Map(rows.map((r) => [r.name, r.id]));
  }

  const agentCtx = (tenant: Partial<RequestContext>): Partial<RequestContext> => ({ ...tenant, user_id: randomUUID(), roles: ['agent'] });

  async function publishStatus(tenantId: string, agentId: string, status: AgentStatus): Promise<void> {
    const now = new Date().toISOString();
    const data = { agent_id: agentId, status, previous_status: 'offline' as const, timestamp: now };
    await publishDomainEvent(h.bus.nc, h.iso.prefix, domainEvent('agent.status_changed', tenantId, data, { occurred_at: now, actor_id: agentId }));
  }

  it('hands out the caller\'s own leads first, then the best score, then the oldest', async () => {
    const tenant = tenantCtx();
    const tenantId = tenant.tenant_id as string;
    const agent = agentCtx(tenant);
    const otherAgent = randomUUID();
    const hour = 3600_000;
    const ids = await seed(tenantId, [
      { name: 'warm old', score: 0.6, created_at: new Date(Date.now() - 2 * hour) },
      { name: 'warm new', score: 0.6, created_at: new Date(Date.now() - hour) },
      { name: 'hot', score: 0.9 },
      { name: 'mine but cold', score: 0.1, assigned_to: agent.user_id as string },
      { name: 'someone else\'s', score: 1, assigned_to: otherAgent },
      { name: 'qualified', score: 1, status: 'qualified' },
      { name: 'callback later', score: 1, next_contact_at: new Date(Date.now() + hour) },
      { name: 'callback due', score: 0.05, next_contact_at: new Date(Date.now() - hour), status: 'contacted' },
    ]);
    const names = new Map([...ids].map(([name, id]) => [id, name]));
    const order: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const next = await h.bus.send(S.queueNext, {}, agent);
      order.push(next.lead ? (names.get(next.lead.id) as string) : 'none');
    }
    expect(order).toEqual(['mine but cold', 'hot', 'warm old', 'warm new', 'callback due', 'none']);
  });

  it('claims a lead for the agent, assigns it and emits lead.assigned only when the assignment changed', async () => {
    const tenant = tenantCtx();
    const tenantId = tenant.tenant_id as string;
    const agent = agentCtx(tenant);
    const ids = await seed(tenantId, [
      { name: 'open', score: 0.8 },
      { name: 'already mine', score: 0.2, assigned_to: agent.user_id as string },
      { name: 'left', score: 0.1 },
    ]);
    const first = await h.bus.send(S.queueNext, {}, agent);
    expect(first.lead).toMatchObject({ id: ids.get('already mine'), assigned_to: agent.user_id });
    const second = await h.bus.send(S.queueNext, {}, agent);
    expect(second.lead).toMatchObject({ id: ids.get('open'), name: 'open', assigned_to: agent.user_id, status: 'new' });
    expect(second.queue_length).toBe(1);
    expect(new Date(second.claim_expires_at as string).getTime() - new Date(second.claimed_at as string).getTime()).toBe(600_000);
    const [row] = await h.sql(`SELECT claimed_by, assigned_to FROM leads WHERE id = $1`, [ids.get('open')]);
    expect(row).toEqual({ claimed_by: agent.user_id, assigned_to: agent.user_id });

    const assigned = (await h.outbox('lead.assigned')).filter((e) => e.tenant_id === tenantId);
    expect(assigned.map((e) => e.data)).toEqual([
      { lead_id: ids.get('open'), agent_id: agent.user_id, team: null, routing_rule_id: null, via: 'queue' },
    ]);
  });

  it('does not hand a claimed lead out again until its claim expires', async () => {
    const tenant = tenantCtx();
    const tenantId = tenant.tenant_id as string;
    const ann = agentCtx(tenant);
    const ben = agentCtx(tenant);
    const ids = await seed(tenantId, [{ name: 'only' }]);
    expect((await h.bus.send(S.queueNext, {}, ann)).lead?.id).toBe(ids.get('only'));
    expect(await h.bus.send(S.queueNext, {}, ben)).toEqual({ lead: null, claimed_at: null, claim_expires_at: null, queue_length: 0 });
    expect((await h.bus.send(S.queueNext, {}, ann)).lead).toBeNull();

    // The claim runs out: the lead is Ann's (assigned), so it comes back to Ann, not Ben.
    await h.sql(`UPDATE leads SET claim_expires_at = now() - interval '1 second' WHERE id = $1`, [ids.get('only')]);
    expect((await h.bus.send(S.queueNext, {}, ben)).lead).toBeNull();
    expect((await h.bus.send(S.queueNext, {}, ann)).lead?.id).toBe(ids.get('only'));
  });

  it('leaves out leads of campaigns that are not running', async () => {
    const tenant = tenantCtx();
    const tenantId = tenant.tenant_id as string;
    const agent = agentCtx(tenant);
    const draft = await h.bus.send(S.createCampaign, { name: 'Draft' }, tenant);
    const running = await h.bus.send(S.createCampaign, { name: 'Running' }, tenant);
    await h.bus.send(S.startCampaign, { id: running.id }, tenant);
    const ids = await seed(tenantId, [
      { name: 'in draft', score: 0.9, campaign_id: draft.id },
      { name: 'in running', score: 0.5, campaign_id: running.id },
    ]);
    expect((await h.bus.send(S.queueStatus, {}, tenant)).queue_length).toBe(1);
    expect((await h.bus.send(S.queueNext, {}, agent)).lead?.id).toBe(ids.get('in running'));
    expect((await h.bus.send(S.queueNext, {}, agent)).lead).toBeNull();
  });

  it('gives fifty agents asking at once fifty different leads', async () => {
    const tenant = tenantCtx();
    const tenantId = tenant.tenant_id as string;
    await seed(tenantId, Array.from({ length: 60 }, (_, i) => ({ name: `lead ${i}`, score: (i % 10) / 10 })));
    const agents = Array.from({ length: 50 }, () => agentCtx(tenant));
    const answers = await Promise.all(agents.map((agent) => h.bus.send(S.queueNext, {}, agent)));
    const leadIds = answers.map((a) => a.lead?.id);
    expect(leadIds.every((id) => typeof id === 'string')).toBe(true);
    expect(new Set(leadIds).size).toBe(50);
    const claims = await h.sql<{ claimed_by: string; id: string }>(
      `SELECT id, claimed_by FROM leads WHERE tenant_id = $1 AND claimed_by IS NOT NULL`, [tenantId],
    );
    expect(claims).toHaveLength(50);
    const byAgent = new Map(answers.map((a, i) => [a.lead?.id, agents[i].user_id]));
    for (const claim of claims) expect(claim.claimed_by).toBe(byAgent.get(claim.id));
    // The ten left are the lowest scores.
    const status = await h.bus.send(S.queueStatus, {}, tenant);
    expect(status).toMatchObject({ queue_length: 10, claimed: 50 });
  });

  it('reports the queue status with the agents from the presence read model', async () => {
    const tenant = tenantCtx();
    const tenantId = tenant.tenant_id as string;
    const ann = agentCtx(tenant);
    const ben = randomUUID();
    await publishStatus(tenantId, ann.user_id as string, 'ready');
    await publishStatus(tenantId, ben, 'break');
    await eventually(async () => (await h.sql(`SELECT 1 FROM agent_presence WHERE tenant_id = $1`, [tenantId])).length === 2);
    await seed(tenantId, [{ name: 'hot', score: 0.95 }, { name: 'warm', score: 0.5 }, { name: 'cold', score: 0.1 }]);
    await h.bus.send(S.queueNext, {}, ann);
    const status = await h.bus.send(S.queueStatus, {}, tenant);
    expect(status).toMatchObject({ queue_length: 2, priority_leads: 0, active_agents: 1, claimed: 1 });
    expect(status.agents.map((a) => [a.agent_id, a.status, a.claimed_leads]).sort()).toEqual(
      [[ann.user_id, 'ready', 1], [ben, 'break', 0]].sort(),
    );
  });

  it('pushes a coalesced queue.updated after claims, presence changes and lead events', async () => {
    const tenant = tenantCtx();
    const tenantId = tenant.tenant_id as string;
    const agent = agentCtx(tenant);
    await seed(tenantId, [{ name: 'a', score: 0.9 }, { name: 'b', score: 0.8 }, { name: 'c', score: 0.2 }]);
    await publishStatus(tenantId, agent.user_id as string, 'ready');
    await Promise.all([h.bus.send(S.queueNext, {}, agent), h.bus.send(S.queueNext, {}, agent)]);
    const updates = await eventually(async () => {
      const rows = (await h.outbox('queue.updated')).filter((e) => e.tenant_id === tenantId);
      const last = rows.at(-1);
      return last && last.data['queue_length'] === 1 && last.data['active_agents'] === 1 ? rows : undefined;
    });
    expect(updates.at(-1)?.data).toEqual({ queue_length: 1, active_agents: 1, priority_leads: 0 });
    // Coalesced: a burst of changes gives a couple of pushes, not one per change.
    expect(updates.length).toBeLessThanOrEqual(3);

    // Starting a campaign (an event this code only consumes) pushes again.
    const before = updates.length;
    const campaign = await h.bus.send(S.createCampaign, { name: 'Go' }, tenant);
    await h.sql(`UPDATE leads SET campaign_id = $1 WHERE tenant_id = $2 AND claimed_by IS NULL`, [campaign.id, tenantId]);
    await h.bus.send(S.startCampaign, { id: campaign.id }, tenant);
    await eventually(async () => (await h.outbox('queue.updated')).filter((e) => e.tenant_id === tenantId).length > before);
  });

  it('needs a signed-in agent', async () => {
    const tenant = tenantCtx();
    await expect(h.bus.send(S.queueNext, {}, { ...tenant, user_id: null })).rejects.toMatchObject({ code: ErrorCode.Unauthorized });
  });
});
