import { addMemberWithRole, expectErrorBody, registerTenant, sharedPlatform, type TestTenant } from './support/api';
import { eventually } from '@parley/testing';

const { api } = sharedPlatform();

const queueStatus = async (owner: TestTenant) => (await api.get('/api/v1/queue/status', { token: owner.token })).body;

async function createLeads(owner: TestTenant, count: number, label: string): Promise<string[]> {
  const created = await Promise.all(
    Array.from({ length: count }, (_, i) => api.post('/api/v1/leads', { name: `${label} ${i}` }, { token: owner.token })),
  );
  for (const res of created) expect(res.status).toBe(201);
  return created.map((res) => res.body.id as string);
}

describe('the human call queue', () => {
  it('gives fifty agents asking at once fifty different leads', async () => {
    const owner = await registerTenant(api, 'queue50');
    const agents = await Promise.all(Array.from({ length: 50 }, () => addMemberWithRole(api, owner, 'agent')));
    const leadIds = await createLeads(owner, 60, 'Queued lead');

    const ready = await Promise.all(agents.map((agent) => api.post('/api/v1/queue/agent/status', { status: 'ready' }, { token: agent.token })));
    for (const res of ready) expect(res.status).toBe(200);
    const before = await eventually(() => queueStatus(owner), (s) => s.active_agents === 50);
    expect(before).toMatchObject({ queue_length: 60, claimed: 0 });

    const answers = await Promise.all(agents.map((agent) => api.get('/api/v1/queue/next', { token: agent.token })));
    for (const res of answers) expect(res.status).toBe(200);
    const claimed = answers.map((res) => res.body.lead?.id as string);
    expect(claimed.every((id) => leadIds.includes(id))).toBe(true);
    expect(new Set(claimed).size).toBe(50);
    answers.forEach((res, i) => {
      expect(res.body.lead.assigned_to).toBe(agents[i].userId);
      expect(Date.parse(res.body.claim_expires_at)).toBeGreaterThan(Date.now());
    });

    const after = await queueStatus(owner);
    expect(after).toMatchObject({ queue_length: 10, claimed: 50, active_agents: 50 });
    expect(after.agents).toHaveLength(50);
    expect(after.agents.every((a: { claimed_leads: number; status: string }) => a.claimed_leads === 1 && a.status === 'ready')).toBe(true);

    // The last ten go to the first ten askers; then the queue is empty.
    const rest = await Promise.all(agents.slice(0, 11).map((agent) => api.get('/api/v1/queue/next', { token: agent.token })));
    const restIds = rest.map((res) => res.body.lead?.id).filter(Boolean);
    expect(restIds).toHaveLength(10);
    expect(new Set([...claimed, ...restIds]).size).toBe(60);
    // The eleventh asker got nothing; its count may still see a claim committing beside it, a later ask may not.
    expect(rest.filter((res) => res.body.lead === null)).toHaveLength(1);
    const empty = await api.get('/api/v1/queue/next', { token: agents[20].token });
    expect(empty.body).toMatchObject({ lead: null, claimed_at: null, queue_length: 0 });
  }, 60_000); // fifty members means fifty argon2 registrations on a shared 2-core box

  it('answers queue figures: waiting, hot and claimed leads, and leads in campaigns that are not running', async () => {
    const owner = await registerTenant(api, 'queue-status');
    const empty = await queueStatus(owner);
    expect(empty).toMatchObject({ queue_length: 0, active_agents: 0, priority_leads: 0, claimed: 0, agents: [] });

    await createLeads(owner, 3, 'Status lead');
    const draft = await api.post('/api/v1/campaigns', { name: 'Not running' }, { token: owner.token });
    await api.post('/api/v1/leads', { name: 'In a draft campaign', campaign_id: draft.body.id }, { token: owner.token });
    const closed = await api.post('/api/v1/leads', { name: 'Lost lead' }, { token: owner.token });
    await api.patch(`/api/v1/leads/${closed.body.id}`, { status: 'closed_lost' }, { token: owner.token });

    const status = await queueStatus(owner);
    expect(status).toMatchObject({ queue_length: 3, claimed: 0 });
    expect(status.priority_leads).toBeLessThanOrEqual(status.queue_length);

    const started = await api.post(`/api/v1/campaigns/${draft.body.id}/start`, {}, { token: owner.token });
    expect(started.status).toBe(200);
    expect((await queueStatus(owner)).queue_length).toBe(4);

    const claim = await api.get('/api/v1/queue/next', { token: owner.token });
    expect(claim.status).toBe(200);
    expect(claim.body.queue_length).toBe(3);
    expect((await queueStatus(owner)).claimed).toBe(1);
  });

  it('learns an agent\'s presence from identity (POST /queue/agent/status) through its read model', async () => {
    const owner = await registerTenant(api, 'presence-queue');
    const agent = await addMemberWithRole(api, owner, 'agent');

    const set = await api.post('/api/v1/queue/agent/status', { status: 'ready' }, { token: agent.token });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ id: agent.userId, status: 'ready' });

    const seen = await eventually(() => queueStatus(owner), (s) => s.agents.some((a: { agent_id: string }) => a.agent_id === agent.userId));
    expect(seen.active_agents).toBe(1);
    expect(seen.agents).toEqual([expect.objectContaining({ agent_id: agent.userId, status: 'ready', claimed_leads: 0 })]);

    expect((await api.post('/api/v1/queue/agent/status', { status: 'offline' }, { token: agent.token })).status).toBe(200);
    const offline = await eventually(() => queueStatus(owner), (s) => s.active_agents === 0);
    expect(offline.agents[0]).toMatchObject({ agent_id: agent.userId, status: 'offline' });

    expectErrorBody(await api.post('/api/v1/queue/agent/status', { status: 'asleep' }, { token: agent.token }), 422, 'VALIDATION_FAILED');
  });

  it('lets only callers with leads:write claim', async () => {
    const owner = await registerTenant(api, 'queue-perms');
    await createLeads(owner, 1, 'Guarded lead');
    const viewer = await addMemberWithRole(api, owner, 'viewer');
    expectErrorBody(await api.get('/api/v1/queue/next', { token: viewer.token }), 403, 'FORBIDDEN');
    expectErrorBody(await api.post('/api/v1/queue/agent/status', { status: 'ready' }, { token: viewer.token }), 403, 'FORBIDDEN');
    expect((await queueStatus(viewer)).queue_length).toBe(1);
  });
});
