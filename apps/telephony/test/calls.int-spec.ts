import { randomUUID } from 'node:crypto';
import { ErrorCode, TelephonySubjects as S, type CreateCallDto, type RequestContext } from '@parley/contracts';
import { bootTelephony, tenantCtx, type TelephonyHarness } from './support/telephony-harness';
import { configureTwilio, newTwilioAccount } from './support/twilio-fixtures';

describe('calls: recording, the call log, filters, detail and stats (NATS, Postgres)', () => {
  let h: TelephonyHarness;

  beforeAll(async () => {
    h = await bootTelephony();
  });

  afterAll(async () => {
    await h?.close();
  });

  const record = (ctx: Partial<RequestContext>, dto: Partial<CreateCallDto> = {}) =>
    h.bus.send(S.createCall, { direction: 'outbound', type: 'phone', phone_number: '(415) 555-2671', ...dto }, ctx);
  const eventsOf = async (type: Parameters<TelephonyHarness['outbox']>[0], callId: string) =>
    (await h.outbox(type)).filter((e) => e.data.call_id === callId);

  it('records a call without dialing: E.164 number, the tenant’s Twilio number as the other end, call.started', async () => {
    const ctx = tenantCtx();
    const account = newTwilioAccount();
    await configureTwilio(h.bus, ctx, account);
    const lead = randomUUID();
    const call = await record(ctx, { lead_id: lead });
    expect(call).toMatchObject({
      direction: 'outbound', type: 'phone', status: 'queued', lead_id: lead, from_number: account.phoneNumber,
      to_number: '+14155552671', provider_call_id: null, started_at: expect.any(String), ended_at: null, tags: [], metadata: {},
    });
    const inbound = await record(ctx, { direction: 'inbound' });
    expect(inbound).toMatchObject({ from_number: '+14155552671', to_number: account.phoneNumber });

    const [started] = await eventsOf('call.started', call.id);
    expect(started).toMatchObject({
      tenant_id: ctx.tenant_id, actor_id: ctx.user_id,
      data: { call_id: call.id, lead_id: lead, direction: 'outbound', type: 'phone', status: 'queued', to_number: '+14155552671' },
    });
  });

  it('records a chat without a number, and an already-ended call with its end events', async () => {
    const ctx = tenantCtx();
    const chat = await h.bus.send(S.createCall, { direction: 'inbound', type: 'chat' }, ctx);
    expect(chat).toMatchObject({ type: 'chat', from_number: null, to_number: null });

    const done = await record(ctx, { status: 'completed' });
    expect(done).toMatchObject({ status: 'completed', duration_seconds: 0, ended_at: expect.any(String) });
    expect(await eventsOf('call.ended', done.id)).toEqual([expect.objectContaining({ data: expect.objectContaining({ status: 'completed', duration_seconds: 0 }) })]);
    expect(await eventsOf('call.completed', done.id)).toHaveLength(1);
  });

  it('refuses a phone call without a valid number, naming the field', async () => {
    const ctx = tenantCtx();
    await expect(h.bus.send(S.createCall, { direction: 'outbound', type: 'phone' }, ctx)).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed, details: { fields: { phone_number: expect.any(Array) } },
    });
    await expect(record(ctx, { phone_number: '12345' })).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed, message: 'phone_number must be a valid phone number (got "12345")',
    });
    await expect(record(ctx, { direction: 'sideways' as never })).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
    expect((await h.bus.send(S.listCalls, {}, ctx)).total).toBe(0);
  });

  it('lists with every filter, search over numbers and summary, pagination and the limit alias', async () => {
    const ctx = tenantCtx();
    const agent = randomUUID();
    const aiAgent = randomUUID();
    const lead = randomUUID();
    const a = await record(ctx, { phone_number: '+14155550101', agent_id: agent, lead_id: lead });
    const b = await record(ctx, { phone_number: '+14155550102', direction: 'inbound', ai_agent_id: aiAgent, status: 'completed' });
    const c = await h.bus.send(S.createCall, { direction: 'inbound', type: 'chat' }, ctx);
    await h.sql(`UPDATE calls SET summary = 'Asked about Enterprise pricing', business_id = $2 WHERE id = $1`, [c.id, lead]);
    await h.sql(`UPDATE calls SET created_at = now() - interval '3 days' WHERE id = $1`, [a.id]);
    await record(tenantCtx(), { phone_number: '+14155550101' });

    const ids = async (query: Parameters<typeof h.bus.send<typeof S.listCalls>>[1]) =>
      (await h.bus.send(S.listCalls, query, ctx)).data.map((call) => call.id);
    expect(await ids({})).toEqual([c.id, b.id, a.id]);
    expect(await ids({ status: 'completed' })).toEqual([b.id]);
    expect(await ids({ direction: 'inbound' })).toEqual([c.id, b.id]);
    expect(await ids({ type: 'chat' })).toEqual([c.id]);
    expect(await ids({ agent_id: agent })).toEqual([a.id]);
    expect(await ids({ ai_agent_id: aiAgent })).toEqual([b.id]);
    expect(await ids({ lead_id: lead })).toEqual([a.id]);
    expect(await ids({ business_id: lead })).toEqual([c.id]);
    expect(await ids({ from_date: new Date(Date.now() - 86_400_000).toISOString() })).toEqual([c.id, b.id]);
    expect(await ids({ to_date: new Date(Date.now() - 86_400_000).toISOString() })).toEqual([a.id]);
    expect(await ids({ search: '(415) 555-0102' })).toEqual([b.id]);
    expect(await ids({ search: '0101' })).toEqual([a.id]);
    expect(await ids({ search: 'enterprise PRICING' })).toEqual([c.id]);
    expect(await ids({ search: '100%' })).toEqual([]);

    const page = await h.bus.send(S.listCalls, { page: 2, per_page: 2 }, ctx);
    expect(page).toMatchObject({ total: 3, page: 2, per_page: 2, total_pages: 2 });
    expect(page.data.map((call) => call.id)).toEqual([a.id]);
    const logs = await h.bus.send(S.listCalls, { limit: 1 }, ctx);
    expect(logs).toMatchObject({ total: 3, per_page: 1, total_pages: 3 });
    expect(logs.data).toHaveLength(1);
    await expect(h.bus.send(S.listCalls, { limit: 500 }, ctx)).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
  });

  it('answers a call with its transcript, analysis and notes count; another tenant’s call is not found', async () => {
    const ctx = tenantCtx();
    const call = await record(ctx);
    await h.sql(
      `UPDATE calls SET transcript = $2::jsonb, analysis = $3::jsonb WHERE id = $1`,
      [call.id, JSON.stringify([{ speaker: 'caller', text: 'Hi', at: '2025-01-01T00:00:00.000Z' }]), JSON.stringify({ answered_by: 'human' })],
    );
    await h.bus.send(S.createNote, { call_id: call.id, content: 'Wants a demo' }, ctx);
    const detail = await h.bus.send(S.getCall, { id: call.id }, ctx);
    expect(detail).toMatchObject({
      id: call.id, transcript: [{ speaker: 'caller', text: 'Hi', at: '2025-01-01T00:00:00.000Z' }], analysis: { answered_by: 'human' }, notes_count: 1,
    });
    await expect(h.bus.send(S.getCall, { id: call.id }, tenantCtx())).rejects.toMatchObject({ code: ErrorCode.NotFound });
    await expect(h.bus.send(S.getCall, { id: 'nope' }, ctx)).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
  });

  it('counts calls by status and direction, with the average duration, answer rate and today', async () => {
    const ctx = tenantCtx();
    const done = await record(ctx, { status: 'completed' });
    await h.sql(`UPDATE calls SET duration_seconds = 90, answered_at = now() - interval '90 seconds' WHERE id = $1`, [done.id]);
    const done2 = await record(ctx, { status: 'completed', direction: 'inbound' });
    await h.sql(`UPDATE calls SET duration_seconds = 30, answered_at = now() - interval '30 seconds' WHERE id = $1`, [done2.id]);
    await record(ctx, { status: 'busy' });
    await record(ctx, { status: 'no_answer' });
    const old = await record(ctx);
    await h.sql(`UPDATE calls SET created_at = now() - interval '2 days' WHERE id = $1`, [old.id]);
    await record(tenantCtx(), { status: 'completed' });

    expect(await h.bus.send(S.callStats, {}, ctx)).toEqual({
      total: 5,
      by_status: { queued: 1, ringing: 0, in_progress: 0, completed: 2, failed: 0, busy: 1, no_answer: 1, canceled: 0 },
      by_direction: { inbound: 1, outbound: 4 },
      average_duration_seconds: 60,
      answer_rate: 0.5,
      today: 4,
    });
  });
});
