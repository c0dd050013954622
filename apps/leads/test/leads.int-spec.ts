import { randomUUID } from 'node:crypto';
import { ErrorCode, LeadsSubjects as S, type LeadDto, type RequestContext } from '@parley/contracts';
import { bootLeads, tenantCtx, type LeadsHarness } from './support/leads-harness';

describe('leads: CRUD, lifecycle, list and analytics (NATS, Postgres)', () => {
  let h: LeadsHarness;

  beforeAll(async () => {
    h = await bootLeads();
  });

  afterAll(async () => {
    await h?.close();
  });

  const eventsOf = async (type: Parameters<LeadsHarness['outbox']>[0], leadId: string) =>
    (await h.outbox(type)).filter((e) => e.data.lead_id === leadId);

  const create = (ctx: Partial<RequestContext>, fields: Partial<Parameters<typeof h.bus.send<typeof S.createLead>>[1]> = {}) =>
    h.bus.send(S.createLead, { name: 'Dana Buyer', ...fields }, ctx);

  it('creates a lead: E.164 phone, lower-cased email, a score with its breakdown, and lead.created', async () => {
    const ctx = tenantCtx();
    const lead = await create(ctx, {
      email: 'Dana@Acme.TEST', phone: '(415) 555-2671', company: 'Acme', title: 'VP of Sales', company_size: 500,
      budget: 50_000, website: 'https://acme.test', source: 'web', tags: ['inbound', 'inbound', ' q3 '],
    });
    expect(lead).toMatchObject({
      name: 'Dana Buyer', email: 'dana@acme.test', phone: '+14155552671', company: 'Acme', status: 'new', source: 'web',
      tags: ['inbound', 'q3'], assigned_to: null, custom_fields: {}, last_contacted_at: null,
    });
    expect(lead.score).toBeGreaterThan(0);
    expect(lead.score).toBe(lead.score_breakdown?.overall_score);
    expect(lead.score_breakdown?.factors.positive_factors).toContain('Senior title (VP of Sales)');
    expect(['hot', 'warm', 'cold']).toContain(lead.priority);

    const [row] = await h.sql<{ priority: string; score: number }>(`SELECT priority, score FROM leads WHERE id = $1`, [lead.id]);
    expect(row.priority).toBe(lead.priority);

    const events = await eventsOf('lead.created', lead.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      tenant_id: ctx.tenant_id, actor_id: ctx.user_id,
      data: { lead_id: lead.id, name: 'Dana Buyer', source: 'web', status: 'new', score: lead.score, assigned_to: null },
    });
    expect(await h.bus.send(S.getLead, { id: lead.id }, ctx)).toEqual(lead);
  });

  it('refuses a bad email or phone with VALIDATION_FAILED naming the field', async () => {
    const ctx = tenantCtx();
    await expect(create(ctx, { email: 'not-an-email' })).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed, details: { fields: { email: expect.any(Array) } },
    });
    await expect(create(ctx, { phone: '12' })).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed, message: 'phone must be a valid phone number (got "12")', details: { field: 'phone' },
    });
    await expect(create(ctx, { name: 'x', unknown_field: 1 } as never)).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
    expect((await h.bus.send(S.listLeads, {}, ctx)).total).toBe(0);
  });

  it('answers CONFLICT for a duplicate email or phone in the tenant, naming the existing lead', async () => {
    const ctx = tenantCtx();
    const first = await create(ctx, { email: 'sam@acme.test', phone: '+1 415 555 2671' });
    await expect(create(ctx, { name: 'Sam again', email: 'SAM@acme.test' })).rejects.toMatchObject({
      code: ErrorCode.Conflict, details: { field: 'email', existing_lead_id: first.id },
    });
    await expect(create(ctx, { name: 'Sam again', phone: '(415) 555-2671' })).rejects.toMatchObject({
      code: ErrorCode.Conflict, details: { field: 'phone', existing_lead_id: first.id },
    });
    const other = await create(ctx, { name: 'Other', email: 'other@acme.test' });
    await expect(h.bus.send(S.patchLead, { id: other.id, email: 'sam@acme.test' }, ctx)).rejects.toMatchObject({
      code: ErrorCode.Conflict, details: { field: 'email', existing_lead_id: first.id },
    });
    // Another tenant may hold the same person.
    await expect(create(tenantCtx(), { email: 'sam@acme.test', phone: '+14155552671' })).resolves.toMatchObject({ email: 'sam@acme.test' });
  });

  it('PUT replaces every field: the ones left out become null or their default; emits updated, assigned, score_changed', async () => {
    const ctx = tenantCtx();
    const lead = await create(ctx, {
      email: 'put@acme.test', phone: '+14155550123', company: 'Acme', title: 'CEO', company_size: 800, budget: 100_000,
      notes: 'met at a fair', tags: ['fair'], source: 'event',
    });
    const agent = randomUUID();
    const replaced = await h.bus.send(S.replaceLead, { id: lead.id, name: 'Put Person', email: 'put@acme.test', assigned_to: agent }, ctx);
    expect(replaced).toMatchObject({
      id: lead.id, name: 'Put Person', email: 'put@acme.test', phone: null, company: null, title: null, company_size: null,
      budget: null, notes: null, tags: [], source: 'manual', status: 'new', assigned_to: agent,
    });
    expect(replaced.score).toBeLessThan(lead.score);

    const [updated] = await eventsOf('lead.updated', lead.id);
    expect(updated.data.changes).toEqual(expect.arrayContaining(['name', 'phone', 'company', 'title', 'company_size', 'budget', 'notes', 'tags', 'source', 'assigned_to']));
    expect(updated.data.changes).not.toContain('email');
    expect(updated.data).toMatchObject({ status: 'new', previous_status: null });
    expect(await eventsOf('lead.assigned', lead.id)).toEqual([
      expect.objectContaining({ data: { lead_id: lead.id, agent_id: agent, team: null, routing_rule_id: null, via: 'manual' } }),
    ]);
    expect(await eventsOf('lead.score_changed', lead.id)).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ previous_score: lead.score, score: replaced.score, reason: 'lead_changed' }) }),
    ]);
    expect(await h.bus.send(S.getLead, { id: lead.id }, ctx)).toEqual(replaced);
  });

  it('PATCH changes only the named fields; an unchanged patch writes nothing and emits nothing', async () => {
    const ctx = tenantCtx();
    const lead = await create(ctx, { email: 'patch@acme.test', company: 'Acme', notes: 'keep me' });
    const patched = await h.bus.send(S.patchLead, { id: lead.id, title: 'Director of Ops', phone: '415-555-0199' }, ctx);
    expect(patched).toMatchObject({ email: 'patch@acme.test', company: 'Acme', notes: 'keep me', title: 'Director of Ops', phone: '+14155550199' });
    expect(patched.score).toBeGreaterThan(lead.score);
    expect((await eventsOf('lead.updated', lead.id)).map((e) => e.data.changes)).toEqual([['phone', 'title']]);

    const again = await h.bus.send(S.patchLead, { id: lead.id, title: 'Director of Ops' }, ctx);
    expect(again.updated_at).toBe(patched.updated_at);
    expect(await eventsOf('lead.updated', lead.id)).toHaveLength(1);

    const cleared = await h.bus.send(S.patchLead, { id: lead.id, notes: null }, ctx);
    expect(cleared).toMatchObject({ notes: null, company: 'Acme' });
  });

  it('moves status through the lifecycle and refuses an invalid transition with VALIDATION_FAILED', async () => {
    const ctx = tenantCtx();
    const lead = await create(ctx);
    await expect(h.bus.send(S.patchLead, { id: lead.id, status: 'closed_won' }, ctx)).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed,
      message: 'status cannot go from new to closed_won',
      details: { field: 'status', from: 'new', to: 'closed_won', allowed: ['contacted', 'qualified', 'closed_lost', 'do_not_contact'] },
    });
    for (const status of ['contacted', 'qualified', 'proposal', 'closed_won'] as const) {
      await h.bus.send(S.patchLead, { id: lead.id, status }, ctx);
    }
    const statuses = (await eventsOf('lead.updated', lead.id)).map((e) => [e.data.previous_status, e.data.status]);
    expect(statuses).toEqual([['new', 'contacted'], ['contacted', 'qualified'], ['qualified', 'proposal'], ['proposal', 'closed_won']]);
    const won = await h.bus.send(S.getLead, { id: lead.id }, ctx);
    expect(won.score_breakdown?.conversion_probability).toBe(1);
    await expect(h.bus.send(S.replaceLead, { id: lead.id, name: 'x', status: 'new' }, ctx)).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed, details: { field: 'status', from: 'closed_won', to: 'new', allowed: [] },
    });
  });

  it('deletes a lead with lead.deleted; afterwards it is not found', async () => {
    const ctx = tenantCtx();
    const lead = await create(ctx);
    await expect(h.bus.send(S.deleteLead, { id: lead.id }, ctx)).resolves.toEqual({ message: 'lead deleted' });
    expect(await eventsOf('lead.deleted', lead.id)).toEqual([expect.objectContaining({ tenant_id: ctx.tenant_id, data: { lead_id: lead.id } })]);
    await expect(h.bus.send(S.getLead, { id: lead.id }, ctx)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    await expect(h.bus.send(S.deleteLead, { id: lead.id }, ctx)).rejects.toMatchObject({ code: ErrorCode.NotFound });
  });

  it("answers NOT_FOUND for another tenant's lead on get, put, patch and delete, and changes nothing", async () => {
    const owner = tenantCtx();
    const stranger = tenantCtx();
    const lead = await create(owner, { email: 'mine@acme.test' });
    const notFound = { code: ErrorCode.NotFound };
    await expect(h.bus.send(S.getLead, { id: lead.id }, stranger)).rejects.toMatchObject(notFound);
    await expect(h.bus.send(S.replaceLead, { id: lead.id, name: 'stolen' }, stranger)).rejects.toMatchObject(notFound);
    await expect(h.bus.send(S.patchLead, { id: lead.id, name: 'stolen' }, stranger)).rejects.toMatchObject(notFound);
    await expect(h.bus.send(S.deleteLead, { id: lead.id }, stranger)).rejects.toMatchObject(notFound);
    expect(await h.bus.send(S.getLead, { id: lead.id }, owner)).toEqual(lead);
    expect(await eventsOf('lead.updated', lead.id)).toHaveLength(0);
  });

  it("refuses a campaign of another tenant as not found", async () => {
    const ctx = tenantCtx();
    const [campaign] = await h.sql<{ id: string }>(`INSERT INTO campaigns (tenant_id, name) VALUES ($1, 'theirs') RETURNING id`, [randomUUID()]);
    await expect(create(ctx, { campaign_id: campaign.id })).rejects.toMatchObject({ code: ErrorCode.NotFound });
  });

  describe('list: filters, search, sort and pages over a few hundred leads', () => {
    const ctx = tenantCtx();
    let campaignId: string;
    const agent = randomUUID();

    beforeAll(async () => {
      [{ id: campaignId }] = await h.sql<{ id: string }>(`INSERT INTO campaigns (tenant_id, name) VALUES ($1, 'Spring') RETURNING id`, [ctx.tenant_id]);
      // 300 leads: every 3rd from 'web', every 5th contacted, every 10th in the campaign and assigned, scores spread 0..0.99.
      await h.sql(
        `INSERT INTO leads (tenant_id, name, email, company, source, status, score, campaign_id, assigned_to, created_at)
         SELECT $1, 'Person ' || i, 'person' || i || '@example.test',
                CASE WHEN i % 50 = 0 THEN 'Globex 100%_Corp' WHEN i % 7 = 0 THEN 'Initech' ELSE 'Umbrella' END,
                CASE WHEN i % 3 = 0 THEN 'web' ELSE 'referral' END,
                (CASE WHEN i % 5 = 0 THEN 'contacted' ELSE 'new' END)::lead_status,
                (i % 100) / 100.0,
                CASE WHEN i % 10 = 0 THEN $2::uuid END, CASE WHEN i % 10 = 0 THEN $3::uuid END,
                now() - i * interval '1 minute'
           FROM generate_series(1, 300) AS i`,
        [ctx.tenant_id, campaignId, agent],
      );
      // Someone else's look-alike must never show up.
      await h.sql(`INSERT INTO leads (tenant_id, name, company) VALUES ($1, 'Person 1', 'Initech')`, [randomUUID()]);
    });

    it('pages newest first by default', async () => {
      const page = await h.bus.send(S.listLeads, { per_page: 25, page: 2 }, ctx);
      expect(page).toMatchObject({ total: 300, page: 2, per_page: 25, total_pages: 12 });
      expect(page.data.map((l) => l.name)).toEqual(Array.from({ length: 25 }, (_, k) => `Person ${26 + k}`));
    });

    it('filters by status, source, assigned_to, campaign_id and min_score', async () => {
      expect((await h.bus.send(S.listLeads, { status: 'contacted' }, ctx)).total).toBe(60);
      expect((await h.bus.send(S.listLeads, { source: 'web' }, ctx)).total).toBe(100);
      expect((await h.bus.send(S.listLeads, { assigned_to: agent }, ctx)).total).toBe(30);
      expect((await h.bus.send(S.listLeads, { campaign_id: campaignId, status: 'contacted' }, ctx)).total).toBe(30);
      // Scores 0.90..0.99 three times each; 0.7 exactly must count (float4 column).
      expect((await h.bus.send(S.listLeads, { min_score: 0.9 }, ctx)).total).toBe(30);
      expect((await h.bus.send(S.listLeads, { min_score: 0.7 }, ctx)).total).toBe(90);
    });

    it('searches name, email and company case-insensitively, with LIKE metacharacters taken literally', async () => {
      const initech = await h.bus.send(S.listLeads, { search: 'INITECH', per_page: 100 }, ctx);
      expect(initech.total).toBe(42); // multiples of 7 up to 300
      expect(initech.data.every((l) => l.company === 'Initech')).toBe(true);
      expect((await h.bus.send(S.listLeads, { search: 'Person 25' }, ctx)).total).toBe(11); // 25, 250..259
      const byEmail = await h.bus.send(S.listLeads, { search: 'person25@' }, ctx);
      expect(byEmail.data.map((l) => l.email)).toEqual(['person25@example.test']);
      // '%' and '_' are literal: '0%_' matches only 'Globex 100%_Corp', not every name with a 0.
      expect((await h.bus.send(S.listLeads, { search: '0%_' }, ctx)).total).toBe(6);
      expect((await h.bus.send(S.listLeads, { search: 'initech', status: 'contacted' }, ctx)).total).toBe(8); // multiples of 35
      expect((await h.bus.send(S.listLeads, { search: 'nobody-here' }, ctx)).total).toBe(0);
    });

    it('sorts by score and name in both directions', async () => {
      const byScore = await h.bus.send(S.listLeads, { sort_by: 'score', sort_order: 'desc', per_page: 5 }, ctx);
      expect(byScore.data.map((l) => l.score)).toEqual([0.99, 0.99, 0.99, 0.98, 0.98]);
      const low = await h.bus.send(S.listLeads, { sort_by: 'score', sort_order: 'asc', per_page: 3 }, ctx);
      expect(low.data.map((l) => l.score)).toEqual([0, 0, 0]);
      const byName = await h.bus.send(S.listLeads, { sort_by: 'name', sort_order: 'asc', per_page: 2 }, ctx);
      expect(byName.data.map((l) => l.name)).toEqual(['Person 1', 'Person 10']);
    });

    it('validates the query', async () => {
      await expect(h.bus.send(S.listLeads, { sort_by: 'email' as never }, ctx)).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
      await expect(h.bus.send(S.listLeads, { min_score: 2 }, ctx)).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
    });
  });

  describe('stats and overview', () => {
    const ctx = tenantCtx();
    let leads: LeadDto[];

    beforeAll(async () => {
      leads = [];
      for (const [i, source] of ['web', 'web', 'referral', 'event'].entries()) {
        leads.push(await create(ctx, { name: `Stat ${i}`, source, industry: i < 2 ? 'Software' : null }));
      }
      const [won, lost] = leads;
      for (const status of ['contacted', 'qualified', 'proposal', 'closed_won'] as const) await h.bus.send(S.patchLead, { id: won.id, status }, ctx);
      await h.bus.send(S.patchLead, { id: lost.id, status: 'closed_lost', assigned_to: randomUUID() }, ctx);
      // An old lead, created 40 days ago: counted in totals, outside a 30-day window.
      await h.sql(`INSERT INTO leads (tenant_id, name, source, score, created_at) VALUES ($1, 'Old', 'web', 0.5, now() - interval '40 days')`, [ctx.tenant_id]);
    });

    it('counts by status and priority, assignment, today and conversion', async () => {
      const stats = await h.bus.send(S.leadStats, {}, ctx);
      const fresh = await Promise.all(leads.map((l) => h.bus.send(S.getLead, { id: l.id }, ctx)));
      const scores = [...fresh.map((l) => l.score), 0.5];
      expect(stats).toMatchObject({
        total: 5,
        by_status: { new: 3, contacted: 0, qualified: 0, proposal: 0, closed_won: 1, closed_lost: 1, do_not_contact: 0 },
        assigned: 1,
        unassigned: 4,
        created_today: 4,
        conversion_rate: 0.2,
      });
      expect(Object.values(stats.by_priority).reduce((a, b) => a + b, 0)).toBe(5);
      expect(stats.average_score).toBeCloseTo(scores.reduce((a, b) => a + b, 0) / 5, 2);
    });

    it('gives the window totals, breakdowns and a daily series', async () => {
      const overview = await h.bus.send(S.leadOverview, {}, ctx);
      expect(overview).toMatchObject({ days: 30, total_leads: 5, new_leads: 4, converted: 1, conversion_rate: 0.25 });
      expect(overview.by_source).toEqual([{ key: 'web', count: 2 }, { key: 'event', count: 1 }, { key: 'referral', count: 1 }]);
      expect(overview.by_status).toEqual(expect.arrayContaining([{ key: 'new', count: 2 }, { key: 'closed_won', count: 1 }, { key: 'closed_lost', count: 1 }]));
      expect(overview.by_industry).toEqual([{ key: 'Software', count: 2 }, { key: 'unknown', count: 2 }]);
      expect(overview.daily).toHaveLength(30);
      const today = new Date().toISOString().slice(0, 10);
      expect(overview.daily[29]).toEqual({ date: today, created: 4, converted: 1 });
      expect(overview.daily.slice(0, 29).every((d) => d.created === 0 && d.converted === 0)).toBe(true);
      expect(new Date(overview.since).toISOString().slice(0, 10)).toBe(overview.daily[0].date);

      const wide = await h.bus.send(S.leadOverview, { days: 60 }, ctx);
      expect(wide).toMatchObject({ days: 60, new_leads: 5, converted: 1, conversion_rate: 0.2 });
      expect(wide.daily.reduce((sum, d) => sum + d.created, 0)).toBe(5);
    });
  });
});
