import { randomUUID } from 'node:crypto';
import { ErrorCode, LeadsSubjects as S, type RequestContext } from '@parley/contracts';
import { eventually, isolation } from '@parley/testing';
import { bootLeads, tenantCtx, type LeadsHarness } from './support/leads-harness';

const FAST_SCHEDULER = { CAMPAIGN_SCHEDULER_POLL_MS: '100' };

async function seedLeads(h: LeadsHarness, tenantId: string, statuses: string[]): Promise<string[]> {
  const rows = await h.sql<{ id: string }>(
    `INSERT INTO leads (tenant_id, name, status) SELECT $1, 'Lead ' || i, s::lead_status
     FROM unnest($2::text[]) WITH ORDINALITY AS t(s, i) RETURNING id`,
    [tenantId, statuses],
  );
  return rows.map((r) => r.id);
}

describe('leads campaigns (NATS, Postgres)', () => {
  let h: LeadsHarness;

  beforeAll(async () => {
    h = await bootLeads(FAST_SCHEDULER);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('creates a campaign with leads, gets, lists, updates and deletes it', async () => {
    const ctx = tenantCtx();
    const tenantId = ctx.tenant_id as string;
    const leads = await seedLeads(h, tenantId, ['new', 'new', 'contacted']);
    const created = await h.bus.send(S.createCampaign, {
      name: 'Spring outreach', description: 'Q2', type: 'outbound_call', settings: { max_attempts: 3 }, lead_ids: leads.slice(0, 2),
    }, ctx);
    expect(created).toMatchObject({
      name: 'Spring outreach', description: 'Q2', type: 'outbound_call', status: 'draft', settings: { max_attempts: 3 },
      lead_count: 2, scheduled_at: null, started_at: null, paused_at: null, ai_agent_id: null,
    });
    expect(await h.bus.send(S.getCampaign, { id: created.id }, ctx)).toEqual(created);

    const other = await h.bus.send(S.createCampaign, { name: 'Winter' }, ctx);
    await h.bus.send(S.startCampaign, { id: other.id }, ctx);
    const page = await h.bus.send(S.listCampaigns, { page: 1, per_page: 1 }, ctx);
    expect(page).toMatchObject({ total: 2, page: 1, per_page: 1, total_pages: 2 });
    expect(page.data.map((c) => c.name)).toEqual(['Winter']);
    const drafts = await h.bus.send(S.listCampaigns, { status: 'draft' }, ctx);
    expect(drafts.data.map((c) => [c.name, c.lead_count])).toEqual([['Spring outreach', 2]]);

    // Adding a lead moves it out of its other campaign.
    const updated = await h.bus.send(S.updateCampaign, { id: other.id, name: 'Winter push', lead_ids: [leads[1], leads[2]] }, ctx);
    expect(updated).toMatchObject({ name: 'Winter push', lead_count: 2, status: 'active' });
    expect((await h.bus.send(S.getCampaign, { id: created.id }, ctx)).lead_count).toBe(1);

    expect(await h.bus.send(S.deleteCampaign, { id: other.id }, ctx)).toEqual({ message: 'campaign deleted' });
    const orphaned = await h.sql(`SELECT campaign_id FROM leads WHERE id = ANY($1::uuid[]) ORDER BY name`, [[leads[1], leads[2]]]);
    expect(orphaned).toEqual([{ campaign_id: null }, { campaign_id: null }]);
    await expect(h.bus.send(S.getCampaign, { id: other.id }, ctx)).rejects.toMatchObject({ code: ErrorCode.NotFound });
  });

  it('answers 404 for another tenant\'s campaigns and refuses their leads', async () => {
    const mine = tenantCtx();
    const other = tenantCtx();
    const theirs = await h.bus.send(S.createCampaign, { name: 'Theirs' }, other);
    const [theirLead] = await seedLeads(h, other.tenant_id as string, ['new']);
    const [myLead] = await seedLeads(h, mine.tenant_id as string, ['new']);
    for (const subject of [S.getCampaign, S.deleteCampaign, S.startCampaign, S.pauseCampaign] as const) {
      await expect(h.bus.send(subject, { id: theirs.id }, mine)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    }
    await expect(h.bus.send(S.updateCampaign, { id: theirs.id, name: 'x' }, mine)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    await expect(h.bus.send(S.scheduleCampaign, { campaign_id: theirs.id, scheduled_at: new Date().toISOString() }, mine))
      .rejects.toMatchObject({ code: ErrorCode.NotFound });

    // Another tenant's lead id is "not found", and nothing is created or moved.
    await expect(h.bus.send(S.createCampaign, { name: 'Grab', lead_ids: [myLead, theirLead] }, mine))
      .rejects.toMatchObject({ code: ErrorCode.NotFound, message: `lead ${theirLead} not found` });
    expect((await h.bus.send(S.listCampaigns, {}, mine)).total).toBe(0);
    expect(await h.sql(`SELECT campaign_id FROM leads WHERE id = $1`, [myLead])).toEqual([{ campaign_id: null }]);
    expect(await h.bus.send(S.getCampaign, { id: theirs.id }, other)).toMatchObject({ name: 'Theirs', status: 'draft' });
  });

  it('starts and pauses, emitting events; refuses moves the lifecycle does not allow', async () => {
    const ctx = tenantCtx();
    const campaign = await h.bus.send(S.createCampaign, { name: 'Lifecycle' }, ctx);
    await expect(h.bus.send(S.pauseCampaign, { id: campaign.id }, ctx)).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed, message: 'cannot pause a campaign that is draft (allowed from: active)',
    });
    const started = await h.bus.send(S.startCampaign, { id: campaign.id }, ctx);
    expect(started.status).toBe('active');
    expect(started.started_at).not.toBeNull();
    await expect(h.bus.send(S.startCampaign, { id: campaign.id }, ctx)).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
    await expect(h.bus.send(S.scheduleCampaign, { campaign_id: campaign.id, scheduled_at: new Date().toISOString() }, ctx))
      .rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
    const paused = await h.bus.send(S.pauseCampaign, { id: campaign.id }, ctx);
    expect(paused).toMatchObject({ status: 'paused' });
    expect(paused.paused_at).not.toBeNull();
    expect((await h.bus.send(S.startCampaign, { id: campaign.id }, ctx)).status).toBe('active');

    const events = (await h.outbox()).filter((e) => e.data['campaign_id'] === campaign.id);
    expect(events.map((e) => [e.type, e.data['scheduled'] ?? null])).toEqual([
      ['campaign.started', false], ['campaign.paused', null], ['campaign.started', false],
    ]);
    expect(events[0]).toMatchObject({ tenant_id: ctx.tenant_id, actor_id: ctx.user_id, data: { name: 'Lifecycle' } });
  });

  it('reports per-campaign funnel numbers', async () => {
    const ctx = tenantCtx();
    const tenantId = ctx.tenant_id as string;
    const leads = await seedLeads(h, tenantId, ['new', 'contacted', 'qualified', 'proposal', 'closed_won']);
    const a = await h.bus.send(S.createCampaign, { name: 'A', lead_ids: leads }, ctx);
    const b = await h.bus.send(S.createCampaign, { name: 'B' }, ctx);
    await h.bus.send(S.startCampaign, { id: b.id }, ctx);
    expect(await h.bus.send(S.campaignStats, {}, ctx)).toEqual({
      total: 2,
      by_status: { draft: 1, scheduled: 0, active: 1, paused: 0, completed: 0 },
      campaigns: [
        { campaign_id: b.id, name: 'B', status: 'active', leads: 0, contacted: 0, qualified: 0, converted: 0, conversion_rate: 0 },
        { campaign_id: a.id, name: 'A', status: 'draft', leads: 5, contacted: 4, qualified: 3, converted: 1, conversion_rate: 0.2 },
      ],
    });
  });

  it('schedules a campaign and starts it when due, writing campaign.started once', async () => {
    const ctx = tenantCtx();
    const campaign = await h.bus.send(S.createCampaign, { name: 'Soon' }, ctx);
    const at = new Date(Date.now() + 600);
    const scheduled = await h.bus.send(S.scheduleCampaign, { campaign_id: campaign.id, scheduled_at: at.toISOString() }, ctx);
    expect(scheduled).toMatchObject({ status: 'scheduled', scheduled_at: at.toISOString() });
    expect((await h.outbox('campaign.scheduled')).filter((e) => e.data['campaign_id'] === campaign.id)[0])
      .toMatchObject({ tenant_id: ctx.tenant_id, data: { name: 'Soon', scheduled_at: at.toISOString(), status: 'scheduled' } });
    expect((await h.bus.send(S.getCampaign, { id: campaign.id }, ctx)).status).toBe('scheduled');
    const active = await eventually(async () => {
      const c = await h.bus.send(S.getCampaign, { id: campaign.id }, ctx);
      return c.status === 'active' ? c : undefined;
    });
    expect(new Date(active.started_at as string).getTime()).toBeGreaterThanOrEqual(at.getTime());
    const started = (await h.outbox('campaign.started')).filter((e) => e.data['campaign_id'] === campaign.id);
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({ tenant_id: ctx.tenant_id, data: { name: 'Soon', scheduled: true } });
  });

  it('starts a campaign scheduled in the past at once', async () => {
    const ctx = tenantCtx();
    const campaign = await h.bus.send(S.createCampaign, { name: 'Late' }, ctx);
    await h.bus.send(S.scheduleCampaign, { campaign_id: campaign.id, scheduled_at: new Date(Date.now() - 60_000).toISOString() }, ctx);
    await eventually(async () => (await h.bus.send(S.getCampaign, { id: campaign.id }, ctx)).status === 'active', undefined, 2000);
  });

  it('starts each due campaign exactly once with two replicas polling the same schema', async () => {
    const replica = await bootLeads(FAST_SCHEDULER, h.iso);
    try {
      const contexts: Array<Partial<RequestContext>> = [tenantCtx(), tenantCtx()];
      const at = new Date(Date.now() + 800).toISOString();
      const ids: string[] = [];
      for (let i = 0; i < 30; i += 1) {
        const ctx = contexts[i % 2];
        const c = await h.bus.send(S.createCampaign, { name: `Race ${i}` }, ctx);
        await h.bus.send(S.scheduleCampaign, { campaign_id: c.id, scheduled_at: at }, ctx);
        ids.push(c.id);
      }
      await eventually(async () => {
        const rows = await h.sql(`SELECT 1 FROM campaigns WHERE id = ANY($1::uuid[]) AND status = 'active'`, [ids]);
        return rows.length === ids.length;
      });
      await new Promise((r) => setTimeout(r, 300));
      const started = (await h.outbox('campaign.started')).filter((e) => ids.includes(e.data['campaign_id'] as string));
      expect(started).toHaveLength(ids.length);
      expect(new Set(started.map((e) => e.data['campaign_id'])).size).toBe(ids.length);
      // Each event belongs to its campaign's tenant.
      const tenants = await h.sql<{ id: string; tenant_id: string }>(`SELECT id, tenant_id FROM campaigns WHERE id = ANY($1::uuid[])`, [ids]);
      const tenantOf = new Map(tenants.map((t) => [t.id, t.tenant_id]));
      for (const e of started) expect(e.tenant_id).toBe(tenantOf.get(e.data['campaign_id'] as string));
    } finally {
      await replica.close();
    }
  });

  it('starts a campaign that fell due while the service was down, on the next boot', async () => {
    const iso = isolation();
    const first = await bootLeads(FAST_SCHEDULER, iso);
    try {
      const ctx = tenantCtx();
      const campaign = await first.bus.send(S.createCampaign, { name: 'After restart' }, ctx);
      await first.bus.send(S.scheduleCampaign, { campaign_id: campaign.id, scheduled_at: new Date(Date.now() + 1200).toISOString() }, ctx);
      await first.close();
      await new Promise((r) => setTimeout(r, 1600));
      const [stillScheduled] = await first.sql<{ status: string }>(`SELECT status FROM campaigns WHERE id = $1`, [campaign.id]);
      expect(stillScheduled.status).toBe('scheduled');

      const second = await bootLeads(FAST_SCHEDULER, iso);
      try {
        const active = await eventually(async () => {
          const c = await second.bus.send(S.getCampaign, { id: campaign.id }, ctx);
          return c.status === 'active' ? c : undefined;
        });
        expect(active.started_at).not.toBeNull();
        const started = (await second.outbox('campaign.started')).filter((e) => e.data['campaign_id'] === campaign.id);
        expect(started).toHaveLength(1);
        expect(started[0]).toMatchObject({ tenant_id: ctx.tenant_id, data: { scheduled: true, name: 'After restart' } });
      } finally {
        await second.close();
      }
    } finally {
      await iso.cleanup();
    }
  });

  it('validates payloads', async () => {
    const ctx = tenantCtx();
    await expect(h.bus.send(S.createCampaign, { name: '' }, ctx)).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
    await expect(h.bus.send(S.scheduleCampaign, { campaign_id: randomUUID(), scheduled_at: 'tomorrow' }, ctx))
      .rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
    await expect(h.bus.send(S.listCampaigns, { status: 'running' as never }, ctx)).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
  });
});
