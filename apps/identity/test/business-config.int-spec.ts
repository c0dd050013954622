import { ErrorCode, IdentitySubjects as S } from '@parley/contracts';
import { bootIdentity, registerUser, type IdentityHarness, type RegisteredUser } from './support/identity-harness';

describe('identity business configs (NATS, Postgres)', () => {
  let h: IdentityHarness;
  let owner: RegisteredUser;

  beforeAll(async () => {
    h = await bootIdentity();
  });

  beforeEach(async () => {
    owner = await registerUser(h.bus); // a fresh tenant per test
  });

  afterAll(async () => {
    await h?.close();
  });

  const defaults = async () =>
    (await h.sql<{ id: string }>('SELECT id FROM business_configs WHERE tenant_id = $1 AND is_default', [owner.pair.user.tenant_id])).map((r) => r.id);

  it('creates, reads, updates and deletes a config, recording business_config.changed', async () => {
    const created = await h.bus.send(
      S.createBusinessConfig,
      { company_name: 'Acme', industry: 'solar', website: 'https://acme.example', settings: { greeting: 'Hi' } },
      owner.ctx,
    );
    expect(created).toMatchObject({
      company_name: 'Acme', industry: 'solar', website: 'https://acme.example', timezone: 'UTC', settings: { greeting: 'Hi' },
      description: null, contact_email: null, is_default: true,
    });
    await expect(h.bus.send(S.getBusinessConfig, { id: created.id }, owner.ctx)).resolves.toEqual(created);

    const updated = await h.bus.send(S.updateBusinessConfig, { id: created.id, timezone: 'Europe/Berlin', industry: 'wind' }, owner.ctx);
    expect(updated).toMatchObject({ id: created.id, company_name: 'Acme', timezone: 'Europe/Berlin', industry: 'wind', is_default: true });

    await expect(h.bus.send(S.deleteBusinessConfig, { id: created.id }, owner.ctx)).resolves.toEqual({ message: 'business config deleted' });
    await expect(h.bus.send(S.getBusinessConfig, { id: created.id }, owner.ctx)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    const changes = (await h.outbox('business_config.changed')).filter((e) => e.data.business_id === created.id);
    expect(changes.map((e) => e.data.change)).toEqual(['created', 'updated', 'deleted']);
  });

  it('keeps at most one default per tenant', async () => {
    const first = await h.bus.send(S.createBusinessConfig, { company_name: 'First' }, owner.ctx);
    const second = await h.bus.send(S.createBusinessConfig, { company_name: 'Second' }, owner.ctx);
    expect([first.is_default, second.is_default]).toEqual([true, false]);

    const third = await h.bus.send(S.createBusinessConfig, { company_name: 'Third', is_default: true }, owner.ctx);
    expect(third.is_default).toBe(true);
    expect(await defaults()).toEqual([third.id]);

    await h.bus.send(S.updateBusinessConfig, { id: second.id, is_default: true }, owner.ctx);
    expect(await defaults()).toEqual([second.id]);
    await expect(h.bus.send(S.getBusinessConfig, { id: third.id }, owner.ctx)).resolves.toMatchObject({ is_default: false });

    const page = await h.bus.send(S.listBusinessConfigs, { per_page: 2 }, owner.ctx);
    expect(page).toMatchObject({ total: 3, per_page: 2, total_pages: 2 });
    expect(page.data[0]).toMatchObject({ id: second.id, is_default: true });
    const search = await h.bus.send(S.listBusinessConfigs, { search: 'thi' }, owner.ctx);
    expect(search.data.map((c) => c.id)).toEqual([third.id]);
  });

  it('onboards the company: creates the default config, then updates it', async () => {
    const created = await h.bus.send(S.onboardCompany, { company_name: 'Onboarded', industry: 'retail' }, owner.ctx);
    expect(created).toMatchObject({ company_name: 'Onboarded', industry: 'retail', is_default: true });
    const updated = await h.bus.send(S.onboardCompany, { company_name: 'Onboarded Ltd', contact_email: 'Hi@Onboarded.example' }, owner.ctx);
    expect(updated).toMatchObject({ id: created.id, company_name: 'Onboarded Ltd', industry: 'retail', contact_email: 'hi@onboarded.example' });
    expect(await defaults()).toEqual([created.id]);
  });

  it('reports usage from the read model and refuses to delete a config AI agents use (409)', async () => {
    const config = await h.bus.send(S.createBusinessConfig, { company_name: 'Used' }, owner.ctx);
    await expect(h.bus.send(S.businessConfigUsage, { id: config.id }, owner.ctx)).resolves.toEqual({
      business_id: config.id, ai_agents: 0, calls: 0, in_use: false,
    });
    // voice-ai and telephony feed these counters from their events; the test plays their part.
    await h.sql('UPDATE business_configs SET ai_agent_count = 2, call_count = 40 WHERE id = $1', [config.id]);
    await expect(h.bus.send(S.businessConfigUsage, { id: config.id }, owner.ctx)).resolves.toEqual({
      business_id: config.id, ai_agents: 2, calls: 40, in_use: true,
    });
    await expect(h.bus.send(S.deleteBusinessConfig, { id: config.id }, owner.ctx)).rejects.toMatchObject({ code: ErrorCode.Conflict });
  });

  it('validates the payload and refuses unknown fields (mass assignment)', async () => {
    await expect(
      h.bus.send(S.createBusinessConfig, { company_name: 'X', timezone: 'Mars/Olympus Mons!' }, owner.ctx),
    ).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
    await expect(
      h.bus.send(S.createBusinessConfig, { company_name: 'X', ai_agent_count: 99 } as never, owner.ctx),
    ).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
  });
});
