import { randomUUID } from 'node:crypto';
import { ErrorCode, LeadsSubjects as S, type DomainEvents, type LeadDto, type RequestContext } from '@parley/contracts';
import { domainEvent, eventually, publishDomainEvent } from '@parley/testing';
import { bootLeads, tenantCtx, type LeadsHarness } from './support/leads-harness';

describe('leads: activities, scoring, settings and call.ended (NATS, Postgres)', () => {
  let h: LeadsHarness;

  beforeAll(async () => {
    h = await bootLeads();
  });

  afterAll(async () => {
    await h?.close();
  });

  const createLead = (ctx: Partial<RequestContext>, fields: Record<string, unknown> = {}) =>
    h.bus.send(S.createLead, { name: 'Riley Prospect', ...fields }, ctx);
  const addActivity = (ctx: Partial<RequestContext>, id: string, type: string, extra: Record<string, unknown> = {}) =>
    h.bus.send(S.createActivity, { id, type: type as never, ...extra }, ctx);
  const eventsOf = async <T extends keyof DomainEvents>(type: T, leadId: string) =>
    (await h.outbox(type)).filter((e) => e.data.lead_id === leadId) as unknown as Array<{ tenant_id: string; data: DomainEvents[T] }>;

  /** A telephony call.ended: a completed outbound phone call of no length unless `data` says otherwise. */
  const callEnded = (tenantId: string, data: Partial<DomainEvents['call.ended']>, id: string = randomUUID()) => domainEvent('call.ended', tenantId, {
    call_id: randomUUID(), lead_id: null, direction: 'outbound', type: 'phone', status: 'completed', duration_seconds: 0,
    agent_id: null, ai_agent_id: null, sentiment: null, outcome: null, ...data,
  }, { id });

  /** Publishes a telephony event onto JetStream, as telephony's outbox relay would. */
  async function publishCallEnded(tenantId: string, data: Partial<DomainEvents['call.ended']>): Promise<string> {
    const event = callEnded(tenantId, data);
    await publishDomainEvent(h.bus.nc, h.iso.prefix, event);
    return event.id;
  }

  describe('activities', () => {
    it('records an activity, raises the score and emits lead.score_changed with reason activity', async () => {
      const ctx = tenantCtx();
      const lead = await createLead(ctx, { email: 'riley@acme.test' });
      const activity = await addActivity(ctx, lead.id, 'demo_requested', { description: 'Asked for a demo on the site', metadata: { page: '/demo' } });
      expect(activity).toMatchObject({
        lead_id: lead.id, type: 'demo_requested', description: 'Asked for a demo on the site', metadata: { page: '/demo' }, actor_id: ctx.user_id,
      });
      expect(activity.lead_score).toBeGreaterThan(lead.score);
      const after = await h.bus.send(S.getLead, { id: lead.id }, ctx);
      expect(after.score).toBe(activity.lead_score);
      expect(after.status).toBe('new'); // a demo request is not contact from our side
      expect(after.score_breakdown?.factors.positive_factors).toContain('Requested a demo');
      expect(after.score_breakdown?.factors.recommendations).toContain('Call within 24 hours: demo requested');
      expect(await eventsOf('lead.score_changed', lead.id)).toEqual([
        expect.objectContaining({
          tenant_id: ctx.tenant_id,
          data: expect.objectContaining({ previous_score: lead.score, score: activity.lead_score, reason: 'activity', priority: after.priority }),
        }),
      ]);
    });

    it('a contact activity sets last_contacted_at and moves a new lead to contacted; unsubscribing opts it out', async () => {
      const ctx = tenantCtx();
      const lead = await createLead(ctx);
      const occurredAt = '2026-01-15T10:00:00.000Z';
      await addActivity(ctx, lead.id, 'email_sent', { occurred_at: occurredAt });
      const contacted = await h.bus.send(S.getLead, { id: lead.id }, ctx);
      expect(contacted).toMatchObject({ status: 'contacted', last_contacted_at: occurredAt });
      await addActivity(ctx, lead.id, 'unsubscribed');
      expect(await h.bus.send(S.getLead, { id: lead.id }, ctx)).toMatchObject({ status: 'do_not_contact' });
      expect((await eventsOf('lead.updated', lead.id)).map((e) => [e.data.previous_status, e.data.status, e.data.changes])).toEqual([
        ['new', 'contacted', ['status']], ['contacted', 'do_not_contact', ['status']],
      ]);
    });

    it('lists activities newest first, paginated', async () => {
      const ctx = tenantCtx();
      const lead = await createLead(ctx);
      for (const [i, type] of ['website_visit', 'pricing_viewed', 'note'].entries()) {
        await addActivity(ctx, lead.id, type, { occurred_at: new Date(Date.UTC(2026, 0, 1 + i)).toISOString() });
      }
      const page = await h.bus.send(S.listActivities, { id: lead.id, per_page: 2 }, ctx);
      expect(page).toMatchObject({ total: 3, page: 1, per_page: 2, total_pages: 2 });
      expect(page.data.map((a) => a.type)).toEqual(['note', 'pricing_viewed']);
      const second = await h.bus.send(S.listActivities, { id: lead.id, per_page: 2, page: 2 }, ctx);
      expect(second.data.map((a) => a.type)).toEqual(['website_visit']);
    });

    it("answers NOT_FOUND for another tenant's lead and VALIDATION_FAILED for an unknown type", async () => {
      const ctx = tenantCtx();
      const lead = await createLead(ctx);
      await expect(addActivity(tenantCtx(), lead.id, 'meeting')).rejects.toMatchObject({ code: ErrorCode.NotFound });
      await expect(h.bus.send(S.listActivities, { id: lead.id }, tenantCtx())).rejects.toMatchObject({ code: ErrorCode.NotFound });
      await expect(addActivity(ctx, lead.id, 'telepathy')).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
      expect((await h.bus.send(S.listActivities, { id: lead.id }, ctx)).total).toBe(0);
    });
  });

  describe('scoring routes', () => {
    it('a demo request plus a meeting beats a bare lead, and ranked lists open leads best first', async () => {
      const ctx = tenantCtx();
      const bare = await createLead(ctx, { name: 'Bare' });
      const hot = await createLead(ctx, { name: 'Hot', title: 'VP Engineering', company: 'Acme', company_size: 500, email: 'hot@acme.test' });
      await addActivity(ctx, hot.id, 'demo_requested');
      await addActivity(ctx, hot.id, 'meeting');
      const middling = await createLead(ctx, { name: 'Middling', email: 'mid@acme.test' });
      await addActivity(ctx, middling.id, 'website_visit');
      const lost = await createLead(ctx, { name: 'Lost', title: 'CEO', company: 'Big', company_size: 5000, email: 'ceo@big.test' });
      await h.bus.send(S.patchLead, { id: lost.id, status: 'closed_lost' }, ctx);

      const ranked = await h.bus.send(S.rankedLeads, {}, ctx);
      expect(ranked.map((l) => l.name)).toEqual(['Hot', 'Middling', 'Bare']);
      expect(ranked[0].score).toBeGreaterThan(bare.score);
      expect((await h.bus.send(S.rankedLeads, { limit: 1 }, ctx)).map((l) => l.name)).toEqual(['Hot']);
      await expect(h.bus.send(S.rankedLeads, { limit: 500 }, ctx)).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
    });

    it('POST /leads/:id/score returns the explained breakdown and persists it', async () => {
      const ctx = tenantCtx();
      const lead = await createLead(ctx, { title: 'Director of Sales', company: 'Acme', email: 'd@acme.test' });
      await addActivity(ctx, lead.id, 'email_bounced');
      const scored = await h.bus.send(S.scoreLead, { id: lead.id }, ctx);
      expect(scored).toMatchObject({
        lead_id: lead.id,
        overall_score: expect.any(Number), demographic_score: expect.any(Number), behavioral_score: expect.any(Number),
        engagement_score: expect.any(Number), intent_score: expect.any(Number), conversion_probability: expect.any(Number),
        weights: { demographic: 0.25, behavioral: 0.25, engagement: 0.2, intent: 0.3 },
      });
      expect(scored.factors.positive_factors).toContain('Senior title (Director of Sales)');
      expect(scored.factors.negative_factors).toEqual(expect.arrayContaining(['Email bounced 1 time', 'No phone number']));
      expect(scored.factors.recommendations).toEqual(expect.arrayContaining(['Verify the email address: it bounced', 'Enrich: no phone number']));
      const stored = await h.bus.send(S.getLead, { id: lead.id }, ctx);
      expect(stored.score).toBe(scored.overall_score);
      expect(stored.score_breakdown).toMatchObject({ overall_score: scored.overall_score, factors: scored.factors });
      await expect(h.bus.send(S.scoreLead, { id: lead.id }, tenantCtx())).rejects.toMatchObject({ code: ErrorCode.NotFound });
    });

    it('settings: defaults, validation, and weights that change the score once the lead is re-scored', async () => {
      const ctx = tenantCtx();
      expect(await h.bus.send(S.getSettings, {}, ctx)).toEqual({
        score_weights: { demographic: 0.25, behavioral: 0.25, engagement: 0.2, intent: 0.3 }, default_routing: 'least_busy', updated_at: null,
      });
      await expect(h.bus.send(S.updateSettings, { score_weights: { demographic: 0, behavioral: 0, engagement: 0, intent: 0 } }, ctx))
        .rejects.toMatchObject({ code: ErrorCode.ValidationFailed, details: { field: 'score_weights' } });
      await expect(h.bus.send(S.updateSettings, { score_weights: { demographic: 2, behavioral: 0, engagement: 0, intent: 0 } }, ctx))
        .rejects.toMatchObject({ code: ErrorCode.ValidationFailed });

      // A perfect fit that has done nothing: worth more when fit is all that counts.
      const fit = await createLead(ctx, { title: 'CEO', company: 'Acme', company_size: 2000, budget: 500_000, email: 'ceo@acme.test', phone: '+14155552671' });
      const other = await createLead(ctx, { name: 'Other' });
      const updated = await h.bus.send(S.updateSettings, { score_weights: { demographic: 1, behavioral: 0, engagement: 0, intent: 0 } }, ctx);
      expect(updated).toMatchObject({ score_weights: { demographic: 1, behavioral: 0, engagement: 0, intent: 0 }, default_routing: 'least_busy' });
      expect(updated.updated_at).not.toBeNull();
      // Weights alone do not re-score.
      expect((await h.bus.send(S.getLead, { id: fit.id }, ctx)).score).toBe(fit.score);

      const rescored = await h.bus.send(S.scoreLeads, { lead_ids: [fit.id] }, ctx);
      expect(rescored.scored).toBe(1);
      expect(rescored.results[0]).toMatchObject({ lead_id: fit.id, weights: { demographic: 1, behavioral: 0, engagement: 0, intent: 0 } });
      expect(rescored.results[0].overall_score).toBe(rescored.results[0].demographic_score);
      expect(rescored.results[0].overall_score).toBeGreaterThan(fit.score);
      expect(await eventsOf('lead.score_changed', fit.id)).toEqual([
        expect.objectContaining({ data: expect.objectContaining({ previous_score: fit.score, reason: 'rescore' }) }),
      ]);

      // default_routing alone keeps the weights.
      const routing = await h.bus.send(S.updateSettings, { default_routing: 'round_robin' }, ctx);
      expect(routing).toMatchObject({ score_weights: { demographic: 1, behavioral: 0, engagement: 0, intent: 0 }, default_routing: 'round_robin' });

      // Re-scoring the whole tenant reaches every lead.
      const all = await h.bus.send(S.scoreLeads, {}, ctx);
      expect(all).toEqual({ scored: 2, results: [] });
      const [otherRow] = await h.sql<{ breakdown: { weights: { demographic: number } } }>(`SELECT score_breakdown AS breakdown FROM leads WHERE id = $1`, [other.id]);
      expect(otherRow.breakdown.weights.demographic).toBe(1);
      await expect(h.bus.send(S.scoreLeads, { lead_ids: [fit.id, randomUUID()] }, ctx)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    });

    it('re-scores a whole tenant in batches beyond 1000 leads', async () => {
      const ctx = tenantCtx();
      await h.sql(`INSERT INTO leads (tenant_id, name, email) SELECT $1, 'Bulk ' || i, 'bulk' || i || '@x.test' FROM generate_series(1, 1500) AS i`, [ctx.tenant_id]);
      const result = await h.bus.send(S.scoreLeads, {}, ctx);
      expect(result).toEqual({ scored: 1500, results: [] });
      const [{ unscored }] = await h.sql<{ unscored: number }>(`SELECT count(*)::int AS unscored FROM leads WHERE tenant_id = $1 AND scored_at IS NULL`, [ctx.tenant_id]);
      expect(unscored).toBe(0);
    });
  });

  describe('call.ended from telephony', () => {
    it('records the call on the lead, marks it contacted and re-scores it with reason call, once per event', async () => {
      const ctx = tenantCtx();
      const lead = await createLead(ctx, { email: 'caller@acme.test' });
      const callId = randomUUID();
      const eventId = await publishCallEnded(ctx.tenant_id as string, {
        call_id: callId, lead_id: lead.id, status: 'completed', duration_seconds: 240, sentiment: 0.7, outcome: 'interested',
      });
      const activities = await eventually(() => h.bus.send(S.listActivities, { id: lead.id }, ctx), (page) => page.total > 0);
      expect(activities.data).toEqual([
        expect.objectContaining({
          type: 'call_answered',
          metadata: { call_id: callId, duration_seconds: 240, sentiment: 0.7, outcome: 'interested', direction: 'outbound', status: 'completed' },
        }),
      ]);
      const after: LeadDto = await h.bus.send(S.getLead, { id: lead.id }, ctx);
      expect(after.status).toBe('contacted');
      expect(after.last_contacted_at).not.toBeNull();
      expect(after.score).toBeGreaterThan(lead.score);
      expect(after.score_breakdown?.factors.positive_factors).toEqual(expect.arrayContaining([
        'Answered 1 call (4 min in total)', 'Said they are interested on the last call',
      ]));
      expect(await eventsOf('lead.score_changed', lead.id)).toEqual([
        expect.objectContaining({ data: expect.objectContaining({ reason: 'call', score: after.score }) }),
      ]);

      // The same event redelivered under a new message id (past JetStream's dedup) is skipped by event id.
      const again = callEnded(ctx.tenant_id as string, {
        call_id: callId, lead_id: lead.id, status: 'completed', duration_seconds: 240, sentiment: 0.7, outcome: 'interested',
      }, eventId);
      await publishDomainEvent(h.bus.nc, h.iso.prefix, again, randomUUID());
      // A missed call published after it proves the consumer moved past the duplicate.
      await publishCallEnded(ctx.tenant_id as string, { lead_id: lead.id, status: 'no_answer' });
      const later = await eventually(() => h.bus.send(S.listActivities, { id: lead.id }, ctx), (page) => page.total >= 2);
      expect(later.data.map((a) => a.type).sort()).toEqual(['call_answered', 'call_missed']);
    });

    it("ignores a call about another tenant's lead or an unknown lead", async () => {
      const owner = tenantCtx();
      const lead = await createLead(owner);
      await publishCallEnded(randomUUID(), { lead_id: lead.id, status: 'completed', duration_seconds: 60 });
      await publishCallEnded(owner.tenant_id as string, { lead_id: randomUUID(), status: 'completed', duration_seconds: 60 });
      // A voicemail on the right lead, published last, shows the others were consumed and skipped.
      await publishCallEnded(owner.tenant_id as string, { lead_id: lead.id, status: 'completed', duration_seconds: 20, outcome: 'voicemail' });
      const page = await eventually(() => h.bus.send(S.listActivities, { id: lead.id }, owner), (p) => p.total > 0);
      expect(page.data.map((a) => a.type)).toEqual(['voicemail_left']);
    });
  });
});
