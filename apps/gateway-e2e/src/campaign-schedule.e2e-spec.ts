import { eventually, isolation, type Isolation } from '@parley/testing';
import { addMemberWithRole, Api, expectErrorBody, registerTenant, type TestTenant } from './support/api';
import { startPlatform } from './support/platform';

type Platform = Awaited<ReturnType<typeof startPlatform>>;

/** A platform of its own: this spec stops and restarts the leads service, which the shared one must not see. */
describe('campaigns and routing on a platform whose leads service restarts', () => {
  let iso: Isolation;
  let platform: Platform;
  let api: Api;
  beforeAll(async () => {
    iso = isolation();
    platform = await startPlatform(iso, { leadsEnv: { CAMPAIGN_SCHEDULER_POLL_MS: '200' } });
    api = new Api(platform.baseUrl);
  }, 60_000);
  afterAll(async () => {
    await platform?.close();
    await iso?.cleanup();
  });

  const campaignOf = async (owner: TestTenant, id: string) => (await api.get(`/api/v1/campaigns/${id}`, { token: owner.token })).body;

  it('manages campaigns: create, update, start, pause, stats, delete', async () => {
    const owner = await registerTenant(api, 'campaigns');
    const lead = await api.post('/api/v1/leads', { name: 'Campaign Lead' }, { token: owner.token });
    const created = await api.post('/api/v1/campaigns', { name: 'Spring push', type: 'outbound_call', lead_ids: [lead.body.id] }, { token: owner.token });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Spring push', status: 'draft', type: 'outbound_call', lead_count: 1, started_at: null });
    const id = created.body.id as string;
    expect((await api.get(`/api/v1/leads/${lead.body.id}`, { token: owner.token })).body.campaign_id).toBe(id);

    const updated = await api.put(`/api/v1/campaigns/${id}`, { description: 'Q2 outreach' }, { token: owner.token });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'Spring push', description: 'Q2 outreach' });

    const started = await api.post(`/api/v1/campaigns/${id}/start`, {}, { token: owner.token });
    expect(started.status).toBe(200);
    expect(started.body.status).toBe('active');
    expect(Date.parse(started.body.started_at)).not.toBeNaN();
    const paused = await api.post(`/api/v1/campaigns/${id}/pause`, {}, { token: owner.token });
    expect(paused.status).toBe(200);
    expect(paused.body.status).toBe('paused');
    expectErrorBody(await api.post(`/api/v1/campaigns/${id}/pause`, {}, { token: owner.token }), 422, 'VALIDATION_FAILED');

    const list = await api.get('/api/v1/campaigns?status=paused', { token: owner.token });
    expect(list.body).toMatchObject({ total: 1, page: 1 });
    const stats = await api.get('/api/v1/campaigns/stats', { token: owner.token });
    expect(stats.body).toMatchObject({ total: 1, by_status: { paused: 1, active: 0 } });
    expect(stats.body.campaigns).toEqual([expect.objectContaining({ campaign_id: id, leads: 1, converted: 0, conversion_rate: 0 })]);

    const removed = await api.delete(`/api/v1/campaigns/${id}`, { token: owner.token });
    expect(removed.status).toBe(200);
    expect(typeof removed.body.message).toBe('string');
    expectErrorBody(await api.get(`/api/v1/campaigns/${id}`, { token: owner.token }), 404, 'NOT_FOUND');
  });

  it('fires a scheduled campaign whose time passed while the leads service was down', async () => {
    const owner = await registerTenant(api, 'scheduled');
    const campaign = (await api.post('/api/v1/campaigns', { name: 'Starts by itself' }, { token: owner.token })).body;
    const at = new Date(Date.now() + 2000);
    const scheduled = await api.post('/api/v1/automation/schedule-campaign', { campaign_id: campaign.id, scheduled_at: at.toISOString() }, { token: owner.token });
    expect(scheduled.status).toBe(200);
    expect(scheduled.body).toMatchObject({ id: campaign.id, status: 'scheduled' });
    expect(Date.parse(scheduled.body.scheduled_at)).toBe(at.getTime());

    await platform.stopLeads();
    expectErrorBody(await api.get(`/api/v1/campaigns/${campaign.id}`, { token: owner.token }), 503, 'SERVICE_UNAVAILABLE');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, at.getTime() - Date.now()) + 300));
    await platform.startLeads();

    const fired = await eventually(() => campaignOf(owner, campaign.id), (c) => c.status === 'active', 8000);
    expect(Date.parse(fired.started_at)).toBeGreaterThanOrEqual(at.getTime());
    expect((await api.get('/api/v1/automation/metrics', { token: owner.token })).body).toMatchObject({ active_campaigns: 1, scheduled_campaigns: 0 });

    const inPast = await api.post('/api/v1/automation/schedule-campaign', { campaign_id: campaign.id, scheduled_at: 'tomorrow' }, { token: owner.token });
    expectErrorBody(inPast, 422, 'VALIDATION_FAILED');
  }, 30_000);

  it('routes a lead by the first matching rule to a ready agent, else by the default', async () => {
    const owner = await registerTenant(api, 'routing');
    const agent = await addMemberWithRole(api, owner, 'agent');
    expect((await api.post('/api/v1/queue/agent/status', { status: 'ready' }, { token: agent.token })).status).toBe(200);
    await eventually(
      async () => (await api.get('/api/v1/queue/status', { token: owner.token })).body,
      (s) => s.active_agents === 1,
    );

    const rule = await api.post(
      '/api/v1/automation/routing-rules',
      {
        name: 'Referrals to Sam', priority: 10,
        conditions: [{ field: 'source', operator: 'equals', value: 'referral' }],
        action: { type: 'assign_to_agent', agent_id: agent.userId },
      },
      { token: owner.token },
    );
    expect(rule.status).toBe(201);
    expect(rule.body).toMatchObject({ name: 'Referrals to Sam', enabled: true, priority: 10, matched_count: 0 });
    const disabled = await api.post(
      '/api/v1/automation/routing-rules',
      { name: 'Disabled catch-all', priority: 1, enabled: false, conditions: [], action: { type: 'assign_to_team', team: 'nobody' } },
      { token: owner.token },
    );
    expect((await api.get('/api/v1/automation/routing-rules', { token: owner.token })).body.map((r: { name: string }) => r.name))
      .toEqual(['Disabled catch-all', 'Referrals to Sam']);

    const referral = await api.post('/api/v1/leads', { name: 'Referred Lead', source: 'referral' }, { token: owner.token });
    const routed = await api.post('/api/v1/automation/leads/route', { lead_id: referral.body.id }, { token: owner.token });
    expect(routed.status).toBe(200);
    expect(routed.body).toMatchObject({
      lead_id: referral.body.id, agent_id: agent.userId, routing_rule_applied: 'Referrals to Sam', routing_rule_id: rule.body.id, assigned: true,
    });
    expect((await api.get(`/api/v1/leads/${referral.body.id}`, { token: owner.token })).body.assigned_to).toBe(agent.userId);

    const other = await api.post('/api/v1/leads', { name: 'Walk-in Lead', source: 'website' }, { token: owner.token });
    const fallback = await api.post('/api/v1/automation/leads/route', { lead_id: other.body.id, assign: false }, { token: owner.token });
    expect(fallback.status).toBe(200);
    expect(fallback.body).toMatchObject({ routing_rule_applied: 'default', routing_rule_id: null, assigned: false, agent_id: agent.userId });
    expect((await api.get(`/api/v1/leads/${other.body.id}`, { token: owner.token })).body.assigned_to).toBeNull();

    const updated = await api.put(`/api/v1/automation/routing-rules/${rule.body.id}`, { enabled: false }, { token: owner.token });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ enabled: false, matched_count: 1 });
    expectErrorBody(
      await api.post('/api/v1/automation/routing-rules', { name: 'Bad', conditions: [{ field: 'score', operator: 'between', value: 'high' }], action: { type: 'least_busy' } }, { token: owner.token }),
      422, 'VALIDATION_FAILED',
    );

    const metrics = await api.get('/api/v1/automation/metrics', { token: owner.token });
    expect(metrics.status).toBe(200);
    expect(metrics.body).toMatchObject({ leads_total: 2, available_agents: 1 });
    expect(metrics.body.routed_last_24h).toBeGreaterThanOrEqual(1);

    const removed = await api.delete(`/api/v1/automation/routing-rules/${disabled.body.id}`, { token: owner.token });
    expect(removed.status).toBe(200);
    expect((await api.get('/api/v1/automation/routing-rules', { token: owner.token })).body).toHaveLength(1);
  });
});
