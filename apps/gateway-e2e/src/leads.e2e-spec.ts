import { addMemberWithRole, expectErrorBody, registerTenant, sharedPlatform, type TestTenant } from './support/api';

const { api } = sharedPlatform();

const createLead = async (owner: TestTenant, body: Record<string, unknown>) => {
  const res = await api.post('/api/v1/leads', body, { token: owner.token });
  if (res.status !== 201) throw new Error(`create lead failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

describe('leads over HTTP', () => {
  it('creates, reads, patches, replaces and deletes a lead', async () => {
    const owner = await registerTenant(api, 'crud');
    const created = await api.post(
      '/api/v1/leads',
      {
        name: 'Ada Lovelace', email: 'Ada@Analytical.example', phone: '(650) 253-0000', company: 'Analytical Engines',
        industry: 'software', company_size: 120, source: 'website', tags: ['vip'],
      },
      { token: owner.token },
    );
    expect(created.status).toBe(201);
    const lead = created.body;
    expect(lead).toMatchObject({
      name: 'Ada Lovelace', phone: '+16502530000', company: 'Analytical Engines', industry: 'software', company_size: 120,
      source: 'website', status: 'new', tags: ['vip'], assigned_to: null,
    });
    expect(lead.email.toLowerCase()).toBe('ada@analytical.example');
    expect(lead.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lead.score).toBeGreaterThanOrEqual(0);
    expect(lead.score).toBeLessThanOrEqual(1);
    expect(['hot', 'warm', 'cold']).toContain(lead.priority);

    const read = await api.get(`/api/v1/leads/${lead.id}`, { token: owner.token });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: lead.id, name: 'Ada Lovelace', phone: '+16502530000' });

    // PATCH changes only what it names.
    const patched = await api.patch(`/api/v1/leads/${lead.id}`, { title: 'CTO', status: 'contacted' }, { token: owner.token });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ title: 'CTO', status: 'contacted', company: 'Analytical Engines', phone: '+16502530000' });

    // PUT replaces every writable field: what it leaves out is cleared.
    const replaced = await api.put(`/api/v1/leads/${lead.id}`, { name: 'Ada King', email: 'ada@king.example' }, { token: owner.token });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({
      id: lead.id, name: 'Ada King', email: 'ada@king.example', company: null, phone: null, title: null, industry: null, tags: [],
    });

    const removed = await api.delete(`/api/v1/leads/${lead.id}`, { token: owner.token });
    expect(removed.status).toBe(200);
    expect(typeof removed.body.message).toBe('string');
    expectErrorBody(await api.get(`/api/v1/leads/${lead.id}`, { token: owner.token }), 404, 'NOT_FOUND');
    expectErrorBody(await api.delete(`/api/v1/leads/${lead.id}`, { token: owner.token }), 404, 'NOT_FOUND');
  });

  it('answers 422 in the contract format for a bad email, a bad phone, an invalid status move and bad ids', async () => {
    const owner = await registerTenant(api, 'invalid');
    const badEmail = await api.post('/api/v1/leads', { name: 'X', email: 'not-an-email' }, { token: owner.token });
    expectErrorBody(badEmail, 422, 'VALIDATION_FAILED');
    expect(badEmail.body.error.message).toBe('email must be an email');
    expect(badEmail.body.error.details.fields).toHaveProperty('email');

    const badPhone = await api.post('/api/v1/leads', { name: 'X', phone: '12' }, { token: owner.token });
    expectErrorBody(badPhone, 422, 'VALIDATION_FAILED');
    expect(JSON.stringify(badPhone.body.error)).toMatch(/phone/);

    const unknownField = await api.post('/api/v1/leads', { name: 'X', is_vip: true }, { token: owner.token });
    expectErrorBody(unknownField, 422, 'VALIDATION_FAILED');

    const lead = await createLead(owner, { name: 'Lifecycle Lead' });
    const jump = await api.patch(`/api/v1/leads/${lead.id}`, { status: 'closed_won' }, { token: owner.token });
    expectErrorBody(jump, 422, 'VALIDATION_FAILED');
    expect(jump.body.error.message).toMatch(/new.*closed_won/);
    expect((await api.get(`/api/v1/leads/${lead.id}`, { token: owner.token })).body.status).toBe('new');

    // Final statuses stay final.
    expect((await api.patch(`/api/v1/leads/${lead.id}`, { status: 'do_not_contact' }, { token: owner.token })).status).toBe(200);
    expectErrorBody(await api.patch(`/api/v1/leads/${lead.id}`, { status: 'new' }, { token: owner.token }), 422, 'VALIDATION_FAILED');

    expectErrorBody(await api.get('/api/v1/leads/not-a-uuid', { token: owner.token }), 422, 'VALIDATION_FAILED');
    expectErrorBody(await api.get('/api/v1/leads?per_page=500', { token: owner.token }), 422, 'VALIDATION_FAILED');
    expectErrorBody(await api.get('/api/v1/leads?status=sleeping', { token: owner.token }), 422, 'VALIDATION_FAILED');
  });

  it('filters, searches and paginates', async () => {
    const owner = await registerTenant(api, 'filters');
    await createLead(owner, { name: 'Grace Hopper', company: 'ACME Compilers', source: 'referral' });
    await createLead(owner, { name: 'Alan Turing', email: 'alan@bletchley.example', source: 'referral' });
    await createLead(owner, { name: 'Edsger Dijkstra', company: 'Shortest Paths', source: 'website' });
    await createLead(owner, { name: 'Barbara Liskov', company: 'acme substitution', source: 'website' });
    const contacted = await createLead(owner, { name: 'Donald Knuth', source: 'event' });
    await api.patch(`/api/v1/leads/${contacted.id}`, { status: 'contacted' }, { token: owner.token });

    const page2 = await api.get('/api/v1/leads?per_page=2&page=2', { token: owner.token });
    expect(page2.status).toBe(200);
    expect(page2.body).toMatchObject({ total: 5, page: 2, per_page: 2, total_pages: 3 });
    expect(page2.body.data).toHaveLength(2);
    const page3 = await api.get('/api/v1/leads?per_page=2&page=3', { token: owner.token });
    expect(page3.body.data).toHaveLength(1);

    const names = (body: { data: Array<{ name: string }> }) => body.data.map((l) => l.name).sort();
    expect(names((await api.get('/api/v1/leads?source=referral', { token: owner.token })).body)).toEqual(['Alan Turing', 'Grace Hopper']);
    expect(names((await api.get('/api/v1/leads?search=acme', { token: owner.token })).body)).toEqual(['Barbara Liskov', 'Grace Hopper']);
    expect(names((await api.get('/api/v1/leads?search=BLETCHLEY', { token: owner.token })).body)).toEqual(['Alan Turing']);
    expect(names((await api.get('/api/v1/leads?status=contacted', { token: owner.token })).body)).toEqual(['Donald Knuth']);
    expect((await api.get('/api/v1/leads?source=website&search=paths', { token: owner.token })).body.total).toBe(1);

    const byName = await api.get('/api/v1/leads?sort_by=name&sort_order=asc', { token: owner.token });
    expect(byName.body.data.map((l: { name: string }) => l.name)).toEqual(
      ['Alan Turing', 'Barbara Liskov', 'Donald Knuth', 'Edsger Dijkstra', 'Grace Hopper'],
    );
    const top = byName.body.data.reduce((best: { score: number }, l: { score: number }) => (l.score > best.score ? l : best));
    const atLeastTop = await api.get(`/api/v1/leads?min_score=${top.score}`, { token: owner.token });
    expect(atLeastTop.body.data.every((l: { score: number }) => l.score >= top.score)).toBe(true);
    expect(atLeastTop.body.total).toBeGreaterThanOrEqual(1);
  });

  it('answers stats and the analytics overview', async () => {
    const owner = await registerTenant(api, 'stats');
    await createLead(owner, { name: 'S1', source: 'referral', industry: 'finance' });
    await createLead(owner, { name: 'S2', source: 'referral', industry: 'finance' });
    const third = await createLead(owner, { name: 'S3', source: 'website', industry: 'retail' });
    await api.patch(`/api/v1/leads/${third.id}`, { status: 'qualified' }, { token: owner.token });
    await api.patch(`/api/v1/leads/${third.id}`, { status: 'closed_won' }, { token: owner.token });

    const stats = await api.get('/api/v1/leads/stats', { token: owner.token });
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ total: 3, created_today: 3, assigned: 0, unassigned: 3 });
    expect(stats.body.by_status).toMatchObject({ new: 2, closed_won: 1, contacted: 0 });
    const priorities = stats.body.by_priority as Record<string, number>;
    expect(priorities.hot + priorities.warm + priorities.cold).toBe(3);
    expect(stats.body.conversion_rate).toBeCloseTo(1 / 3, 2);

    const overview = await api.get('/api/v1/leads/analytics/overview?days=7', { token: owner.token });
    expect(overview.status).toBe(200);
    expect(overview.body).toMatchObject({ days: 7, total_leads: 3, new_leads: 3, converted: 1 });
    expect(overview.body.conversion_rate).toBeCloseTo(1 / 3, 2);
    expect(overview.body.by_source).toEqual(expect.arrayContaining([{ key: 'referral', count: 2 }, { key: 'website', count: 1 }]));
    expect(overview.body.by_industry).toEqual(expect.arrayContaining([{ key: 'finance', count: 2 }, { key: 'retail', count: 1 }]));
    expect(overview.body.by_status).toEqual(expect.arrayContaining([{ key: 'new', count: 2 }, { key: 'closed_won', count: 1 }]));
    const daily = overview.body.daily as Array<{ created: number; converted: number }>;
    expect(daily.reduce((sum, d) => sum + d.created, 0)).toBe(3);
    expect(daily.at(-1)).toMatchObject({ created: 3, converted: 1 });

    expect((await api.get('/api/v1/leads/analytics/overview', { token: owner.token })).body.days).toBe(30);
    expectErrorBody(await api.get('/api/v1/leads/analytics/overview?days=0', { token: owner.token }), 422, 'VALIDATION_FAILED');
  });

  it('lets activities feed the score and explains it', async () => {
    const owner = await registerTenant(api, 'activity');
    const lead = await createLead(owner, { name: 'Quiet Lead' });

    const demo = await api.post(`/api/v1/leads/${lead.id}/activities`, { type: 'demo_requested', description: 'asked for a demo' }, { token: owner.token });
    expect(demo.status).toBe(201);
    expect(demo.body).toMatchObject({ lead_id: lead.id, type: 'demo_requested', description: 'asked for a demo', actor_id: owner.userId });
    expect(demo.body.lead_score).toBeGreaterThan(lead.score);
    const meeting = await api.post(`/api/v1/leads/${lead.id}/activities`, { type: 'meeting' }, { token: owner.token });
    expect(meeting.body.lead_score).toBeGreaterThan(demo.body.lead_score);

    const after = await api.get(`/api/v1/leads/${lead.id}`, { token: owner.token });
    expect(after.body.score).toBeGreaterThan(lead.score);
    expect(after.body.score).toBeCloseTo(meeting.body.lead_score, 5);

    const list = await api.get(`/api/v1/leads/${lead.id}/activities`, { token: owner.token });
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(2);
    expect(list.body.data.map((a: { type: string }) => a.type).sort()).toEqual(['demo_requested', 'meeting']);

    expectErrorBody(await api.post(`/api/v1/leads/${lead.id}/activities`, { type: 'telepathy' }, { token: owner.token }), 422, 'VALIDATION_FAILED');

    const scored = await api.post(`/api/v1/leads/${lead.id}/score`, {}, { token: owner.token });
    expect(scored.status).toBe(200);
    const breakdown = scored.body;
    expect(breakdown.lead_id).toBe(lead.id);
    for (const key of ['overall_score', 'demographic_score', 'behavioral_score', 'engagement_score', 'intent_score', 'conversion_probability']) {
      expect(breakdown[key]).toBeGreaterThanOrEqual(0);
      expect(breakdown[key]).toBeLessThanOrEqual(1);
    }
    expect(breakdown.overall_score).toBeCloseTo(after.body.score, 5);
    expect(breakdown.factors.positive_factors.join(' ')).toMatch(/demo/i);
    expect(Array.isArray(breakdown.factors.negative_factors)).toBe(true);
    expect(breakdown.factors.recommendations.length).toBeGreaterThan(0);
  });

  it('ranks leads by score and re-scores in bulk', async () => {
    const owner = await registerTenant(api, 'ranked');
    const cold = await createLead(owner, { name: 'Cold Lead' });
    const hot = await createLead(owner, {
      name: 'Hot Lead', email: 'buyer@bigco.example', company: 'BigCo', title: 'VP Sales', company_size: 2000, budget: 250000,
    });
    for (const type of ['demo_requested', 'pricing_viewed', 'meeting', 'email_replied']) {
      expect((await api.post(`/api/v1/leads/${hot.id}/activities`, { type }, { token: owner.token })).status).toBe(201);
    }
    const third = await createLead(owner, { name: 'Third Lead' });

    const ranked = await api.get('/api/v1/automation/leads/ranked?limit=2', { token: owner.token });
    expect(ranked.status).toBe(200);
    expect(ranked.body).toHaveLength(2);
    expect(ranked.body[0].id).toBe(hot.id);
    expect(ranked.body[0].score).toBeGreaterThanOrEqual(ranked.body[1].score);

    const bulk = await api.post('/api/v1/automation/leads/score', { lead_ids: [cold.id, third.id] }, { token: owner.token });
    expect(bulk.status).toBe(200);
    expect(bulk.body.scored).toBe(2);
    expect(bulk.body.results.map((r: { lead_id: string }) => r.lead_id).sort()).toEqual([cold.id, third.id].sort());
    const everyLead = await api.post('/api/v1/automation/leads/score', {}, { token: owner.token });
    expect(everyLead.body.scored).toBe(3);

    expectErrorBody(await api.get('/api/v1/automation/leads/ranked?limit=0', { token: owner.token }), 422, 'VALIDATION_FAILED');
  });

  it('keeps leads settings per tenant: scoring weights and default routing', async () => {
    const owner = await registerTenant(api, 'settings');
    const before = await api.get('/api/v1/automation/settings', { token: owner.token });
    expect(before.status).toBe(200);
    expect(Object.keys(before.body.score_weights).sort()).toEqual(['behavioral', 'demographic', 'engagement', 'intent']);

    const weights = { demographic: 1, behavioral: 0, engagement: 0, intent: 0 };
    const updated = await api.put('/api/v1/automation/settings', { score_weights: weights, default_routing: 'round_robin' }, { token: owner.token });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ default_routing: 'round_robin' });
    expect((await api.get('/api/v1/automation/settings', { token: owner.token })).body.default_routing).toBe('round_robin');

    const other = await registerTenant(api, 'settings-other');
    expect((await api.get('/api/v1/automation/settings', { token: other.token })).body.default_routing).toBe(before.body.default_routing);
    expectErrorBody(await api.put('/api/v1/automation/settings', { default_routing: 'random' }, { token: owner.token }), 422, 'VALIDATION_FAILED');
  });

  it('enforces permissions: viewers read, agents work leads, only config:write changes settings', async () => {
    const owner = await registerTenant(api, 'perms');
    const lead = await createLead(owner, { name: 'Perm Lead' });
    const viewer = await addMemberWithRole(api, owner, 'viewer');
    const agent = await addMemberWithRole(api, owner, 'agent');

    expectErrorBody(await api.post('/api/v1/leads', { name: 'Nope' }, { token: viewer.token }), 403, 'FORBIDDEN');
    expectErrorBody(await api.delete(`/api/v1/leads/${lead.id}`, { token: viewer.token }), 403, 'FORBIDDEN');
    expectErrorBody(await api.post('/api/v1/campaigns', { name: 'Nope' }, { token: viewer.token }), 403, 'FORBIDDEN');
    expect((await api.get('/api/v1/leads', { token: viewer.token })).body.total).toBe(1);
    expect((await api.get(`/api/v1/leads/${lead.id}`, { token: viewer.token })).status).toBe(200);

    expect((await api.post('/api/v1/leads', { name: 'By Agent' }, { token: agent.token })).status).toBe(201);
    expectErrorBody(await api.post('/api/v1/campaigns', { name: 'Nope' }, { token: agent.token }), 403, 'FORBIDDEN');
    expectErrorBody(await api.put('/api/v1/automation/settings', { default_routing: 'none' }, { token: agent.token }), 403, 'FORBIDDEN');
    expectErrorBody(await api.get('/api/v1/leads'), 401, 'UNAUTHORIZED');
  });

  it('replays an idempotent lead creation without creating it twice', async () => {
    const owner = await registerTenant(api, 'idem-lead');
    const headers = { 'idempotency-key': `lead-${owner.userId}` };
    const first = await api.post('/api/v1/leads', { name: 'Once' }, { token: owner.token, headers });
    const again = await api.post('/api/v1/leads', { name: 'Once' }, { token: owner.token, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await api.get('/api/v1/leads', { token: owner.token })).body.total).toBe(1);
  });

  it('documents every leads route in OpenAPI', async () => {
    const doc = await api.get('/docs-json');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining([
      '/api/v1/leads', '/api/v1/leads/{id}', '/api/v1/leads/stats', '/api/v1/leads/analytics/overview', '/api/v1/leads/{id}/score',
      '/api/v1/leads/{id}/activities', '/api/v1/leads/import', '/api/v1/leads/export', '/api/v1/automation/leads/score',
      '/api/v1/automation/leads/ranked', '/api/v1/automation/leads/route', '/api/v1/automation/routing-rules',
      '/api/v1/automation/routing-rules/{id}', '/api/v1/automation/schedule-campaign', '/api/v1/automation/metrics',
      '/api/v1/automation/settings', '/api/v1/campaigns', '/api/v1/campaigns/stats', '/api/v1/campaigns/{id}',
      '/api/v1/campaigns/{id}/start', '/api/v1/campaigns/{id}/pause', '/api/v1/queue/status', '/api/v1/queue/agent/status',
      '/api/v1/queue/next',
    ]));
    const schemas = doc.body.components.schemas;
    expect(doc.body.paths['/api/v1/leads'].post.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/CreateLeadDto');
    expect(schemas.CreateLeadDto.required).toEqual(['name']);
    expect(Object.keys(schemas.PatchLeadDto.properties)).toEqual(expect.arrayContaining(['name', 'email', 'status']));
    expect(schemas.PatchLeadDto.required).toBeUndefined();
    // Every JSON request body of a leads route documents its fields.
    const bodies = Object.entries<any>(doc.body.paths)
      .filter(([path]) => /^\/api\/v1\/(leads|automation|campaigns|queue)/.test(path))
      .flatMap(([path, item]) => Object.values<any>(item).map((op) => [path, op.requestBody?.content?.['application/json']?.schema?.$ref] as const))
      .filter(([, ref]) => typeof ref === 'string');
    expect(bodies.length).toBeGreaterThan(10);
    for (const [path, ref] of bodies) {
      expect({ path, documented: Object.keys(schemas[ref.split('/').pop()].properties ?? {}).length > 0 }).toEqual({ path, documented: true });
    }
    const list = doc.body.paths['/api/v1/leads'].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['status', 'search', 'min_score', 'page']));
    expect(Object.keys(doc.body.paths['/api/v1/leads/import'].post.requestBody.content)).toEqual(['multipart/form-data']);
  });
});
