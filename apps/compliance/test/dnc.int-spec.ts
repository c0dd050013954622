import { ComplianceSubjects as S, ErrorCode, type RequestContext } from '@parley/contracts';
import { bootCompliance, tenantCtx, type ComplianceHarness } from './support/compliance-harness';

describe('the do-not-call list (NATS, Postgres)', () => {
  let h: ComplianceHarness;
  beforeAll(async () => { h = await bootCompliance(); });
  afterAll(() => h?.close());

  const eventsOf = async (type: 'dnc.added' | 'dnc.removed', ctx: Partial<RequestContext>) =>
    (await h.outbox(type)).filter((event) => event.tenant_id === ctx.tenant_id);

  it('adds a number in any notation as E.164, once: adding it again answers the first entry and emits nothing', async () => {
    const ctx = tenantCtx();
    const first = await h.bus.send(S.addDnc, { phone_number: '(212) 555-0123', reason: '  asked on the phone ' }, ctx);
    expect(first).toEqual({
      phone_number: '+12125550123', reason: 'asked on the phone', source: 'manual', created_by: ctx.user_id,
      created_at: expect.any(String), already_listed: false,
    });
    const again = await h.bus.send(S.addDnc, { phone_number: '+1 212 555 0123', reason: 'other reason', source: 'opt_out' }, ctx);
    expect(again).toEqual({ ...first, already_listed: true });

    const added = await eventsOf('dnc.added', ctx);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      actor_id: ctx.user_id, data: { phone_number: '+12125550123', source: 'manual', reason: 'asked on the phone' },
    });
  });

  it('records an opt-out with no user (voice-ai) and no reason', async () => {
    const ctx = tenantCtx({ user_id: null });
    await expect(h.bus.send(S.addDnc, { phone_number: '+442079460958', source: 'opt_out' }, ctx)).resolves.toMatchObject({
      phone_number: '+442079460958', reason: null, source: 'opt_out', created_by: null, already_listed: false,
    });
  });

  it('refuses an invalid number or source with VALIDATION_FAILED naming the field', async () => {
    const ctx = tenantCtx();
    await expect(h.bus.send(S.addDnc, { phone_number: '555-01' }, ctx)).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed, message: 'phone_number must be a valid phone number (got "555-01")',
      details: { fields: { phone_number: [expect.any(String)] } },
    });
    await expect(h.bus.send(S.addDnc, { phone_number: '+12125550123', source: 'robot' as never }, ctx)).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed, details: { fields: { source: expect.any(Array) } },
    });
    expect((await h.bus.send(S.listDnc, {}, ctx)).total).toBe(0);
  });

  it('lists newest first, paginated, filtered by source and searched by digits or reason', async () => {
    const ctx = tenantCtx();
    const numbers = ['+12125550101', '+12125550102', '+13125550103', '+14155550104', '+14155550105'];
    for (const [index, phone] of numbers.entries()) {
      await h.bus.send(S.addDnc, { phone_number: phone, reason: index === 2 ? 'Lawyer letter' : undefined, source: index === 4 ? 'opt_out' : undefined }, ctx);
    }
    // Distinct times, so the order is by creation and not by the tie-breaker.
    await h.sql(
      `UPDATE dnc_numbers SET created_at = now() - (interval '1 minute' * (10 - right(phone_number, 1)::int)) WHERE tenant_id = $1`,
      [ctx.tenant_id],
    );

    const page1 = await h.bus.send(S.listDnc, { per_page: 2 }, ctx);
    expect(page1).toMatchObject({ total: 5, page: 1, per_page: 2, total_pages: 3 });
    expect(page1.data.map((e) => e.phone_number)).toEqual(['+14155550105', '+14155550104']);
    const page3 = await h.bus.send(S.listDnc, { per_page: 2, page: 3 }, ctx);
    expect(page3.data.map((e) => e.phone_number)).toEqual(['+12125550101']);

    const digits = async (search: string) => (await h.bus.send(S.listDnc, { search }, ctx)).data.map((e) => e.phone_number);
    expect(await digits('(415) 555')).toEqual(['+14155550105', '+14155550104']);
    expect(await digits('212-555-0102')).toEqual(['+12125550102']);
    expect(await digits('lawyer')).toEqual(['+13125550103']);
    expect(await digits('%')).toEqual([]);

    const optOuts = await h.bus.send(S.listDnc, { source: 'opt_out' }, ctx);
    expect(optOuts.data.map((e) => e.phone_number)).toEqual(['+14155550105']);
  });

  it('removes a number given in any notation, emits dnc.removed, and answers 404 when it is not listed', async () => {
    const ctx = tenantCtx();
    await h.bus.send(S.addDnc, { phone_number: '+12125550123' }, ctx);
    await expect(h.bus.send(S.removeDnc, { phone_number: '212.555.0123' }, ctx)).resolves.toEqual({
      message: '+12125550123 was removed from the do-not-call list',
    });
    expect((await eventsOf('dnc.removed', ctx)).map((e) => e.data)).toEqual([{ phone_number: '+12125550123' }]);
    await expect(h.bus.send(S.removeDnc, { phone_number: '+12125550123' }, ctx)).rejects.toMatchObject({
      code: ErrorCode.NotFound, message: 'do-not-call entry +12125550123 not found',
    });
    await expect(h.bus.send(S.removeDnc, { phone_number: 'nonsense' }, ctx)).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
  });

  it('keeps tenants apart: another tenant neither sees nor removes an entry, and keeps its own for the same number', async () => {
    const a = tenantCtx();
    const b = tenantCtx();
    await h.bus.send(S.addDnc, { phone_number: '+12125550199', reason: 'A only' }, a);
    expect(await h.bus.send(S.listDnc, { search: '2125550199' }, b)).toMatchObject({ total: 0, data: [] });
    await expect(h.bus.send(S.removeDnc, { phone_number: '+12125550199' }, b)).rejects.toMatchObject({ code: ErrorCode.NotFound });

    const own = await h.bus.send(S.addDnc, { phone_number: '+12125550199', reason: 'B too' }, b);
    expect(own).toMatchObject({ reason: 'B too', already_listed: false });
    expect((await h.bus.send(S.listDnc, {}, a)).data).toEqual([expect.objectContaining({ phone_number: '+12125550199', reason: 'A only' })]);
  });

  it('refuses a request without a tenant', async () => {
    await expect(h.bus.send(S.listDnc, {}, { tenant_id: null })).rejects.toMatchObject({ code: ErrorCode.Unauthorized });
  });
});
