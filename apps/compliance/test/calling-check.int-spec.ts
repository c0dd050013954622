import { ComplianceSubjects as S, ErrorCode, type CallingCheckDto, type RequestContext } from '@parley/contracts';
import { CallingCheckService } from '../src/calling-check/calling-check.service';
import { bootCompliance, tenantCtx, type ComplianceHarness } from './support/compliance-harness';

const NEW_YORK = '+12125550123';
const LOS_ANGELES = '+14155552671';
const TOLL_FREE = '+18005550199';
// Monday 2025-01-06 10:00 in New York (UTC-5).
const MONDAY_10AM_NY = '2025-01-06T15:00:00Z';
const MONDAY_9_30PM_NY = '2025-01-07T02:30:00Z';

describe('compliance.calling.check (NATS, Postgres)', () => {
  let h: ComplianceHarness;
  beforeAll(async () => { h = await bootCompliance({ DEFAULT_CALLING_TIMEZONE: 'America/New_York', CALLING_WINDOWS_CACHE_TTL_MS: '300' }); });
  afterAll(() => h?.close());

  const check = (data: CallingCheckDto, ctx: Partial<RequestContext>) => h.bus.send(S.checkCalling, data, ctx);

  it('allows a valid number inside the window of its local time, answering the zone and local time', async () => {
    await expect(check({ phone_number: '(212) 555-0123', at: MONDAY_10AM_NY }, tenantCtx())).resolves.toEqual({
      allowed: true, rule: null, reason: null, phone_number: NEW_YORK,
      timezone: 'America/New_York', local_time: '2025-01-06T10:00:00-05:00',
    });
  });

  it('refuses outside the window in the callee\'s own zone, saying when and where', async () => {
    const ctx = tenantCtx();
    await expect(check({ phone_number: NEW_YORK, at: MONDAY_9_30PM_NY }, ctx)).resolves.toEqual({
      allowed: false, rule: 'calling_window',
      reason: '21:30 on Monday in America/New_York is outside the calling window 08:00–21:00',
      phone_number: NEW_YORK, timezone: 'America/New_York', local_time: '2025-01-06T21:30:00-05:00',
    });
    // 14:00 UTC is 09:00 in New York but 06:00 in San Francisco.
    await expect(check({ phone_number: NEW_YORK, at: '2025-01-06T14:00:00Z' }, ctx)).resolves.toMatchObject({ allowed: true });
    await expect(check({ phone_number: LOS_ANGELES, at: '2025-01-06T14:00:00Z' }, ctx)).resolves.toMatchObject({
      allowed: false, rule: 'calling_window', timezone: 'America/Los_Angeles', local_time: '2025-01-06T06:00:00-08:00',
    });
  });

  it('refuses a number on the do-not-call list first, with the reason in words', async () => {
    const ctx = tenantCtx();
    await h.bus.send(S.addDnc, { phone_number: NEW_YORK, reason: 'asked not to be called', source: 'opt_out' }, ctx);
    const denial = { allowed: false, rule: 'do_not_call', reason: '+12125550123 is on the do-not-call list (opt_out): asked not to be called' };
    await expect(check({ phone_number: '212-555-0123', at: MONDAY_10AM_NY }, ctx)).resolves.toMatchObject(denial);
    await expect(check({ phone_number: NEW_YORK, at: MONDAY_9_30PM_NY }, ctx)).resolves.toMatchObject(denial);

    await h.bus.send(S.addDnc, { phone_number: LOS_ANGELES }, ctx);
    await expect(check({ phone_number: LOS_ANGELES, at: MONDAY_10AM_NY }, ctx)).resolves.toMatchObject({
      rule: 'do_not_call', reason: '+14155552671 is on the do-not-call list (manual)',
    });
    await h.bus.send(S.removeDnc, { phone_number: NEW_YORK }, ctx);
    await expect(check({ phone_number: NEW_YORK, at: MONDAY_10AM_NY }, ctx)).resolves.toMatchObject({ allowed: true });
  });

  it('refuses a number that cannot be valid, in the tenant\'s fallback zone', async () => {
    await expect(check({ phone_number: '555-01', at: MONDAY_10AM_NY }, tenantCtx())).resolves.toEqual({
      allowed: false, rule: 'invalid_number', reason: 'phone_number must be a valid phone number (got "555-01")',
      phone_number: '555-01', timezone: 'America/New_York', local_time: '2025-01-06T10:00:00-05:00',
    });
  });

  it('judges a number spanning several zones by the tenant\'s fallback zone, else the service default', async () => {
    const ctx = tenantCtx();
    await expect(check({ phone_number: TOLL_FREE, at: MONDAY_10AM_NY }, ctx)).resolves.toMatchObject({ allowed: true, timezone: 'America/New_York' });
    await h.bus.send(S.updateCallingWindows, { fallback_timezone: 'America/Denver' }, ctx);
    await expect(check({ phone_number: TOLL_FREE, at: MONDAY_10AM_NY }, ctx)).resolves.toMatchObject({
      allowed: true, timezone: 'America/Denver', local_time: '2025-01-06T08:00:00-07:00',
    });
    // A single-zone number keeps its own zone.
    await expect(check({ phone_number: '+442079460958', at: MONDAY_10AM_NY }, ctx)).resolves.toMatchObject({
      timezone: 'Europe/London', local_time: '2025-01-06T15:00:00+00:00',
    });
  });

  it('applies a window change at once, closes null days, and stops enforcing windows (not DNC) when told', async () => {
    const ctx = tenantCtx();
    await expect(check({ phone_number: NEW_YORK, at: MONDAY_10AM_NY }, ctx)).resolves.toMatchObject({ allowed: true });
    await h.bus.send(S.updateCallingWindows, { windows: { monday: { start: '11:00', end: '17:00' } } }, ctx);
    await expect(check({ phone_number: NEW_YORK, at: MONDAY_10AM_NY }, ctx)).resolves.toMatchObject({
      allowed: false, reason: '10:00 on Monday in America/New_York is outside the calling window 11:00–17:00',
    });
    await h.bus.send(S.updateCallingWindows, { windows: { monday: null } }, ctx);
    await expect(check({ phone_number: NEW_YORK, at: MONDAY_10AM_NY }, ctx)).resolves.toMatchObject({
      allowed: false, rule: 'calling_window', reason: 'no calls are allowed on Monday in America/New_York (local time 10:00)',
    });

    await h.bus.send(S.updateCallingWindows, { enforced: false }, ctx);
    await expect(check({ phone_number: NEW_YORK, at: MONDAY_10AM_NY }, ctx)).resolves.toMatchObject({ allowed: true, rule: null });
    await h.bus.send(S.addDnc, { phone_number: NEW_YORK }, ctx);
    await expect(check({ phone_number: NEW_YORK, at: MONDAY_10AM_NY }, ctx)).resolves.toMatchObject({ allowed: false, rule: 'do_not_call' });
  });

  it('checks now when no time is given', async () => {
    const before = Date.now();
    const result = await check({ phone_number: '+442079460958' }, tenantCtx());
    expect(result.timezone).toBe('Europe/London');
    expect(Math.abs(new Date(result.local_time).getTime() - before)).toBeLessThan(5_000);
  });

  it('lets another replica see a window change within CALLING_WINDOWS_CACHE_TTL_MS', async () => {
    const replica = await bootCompliance({ DEFAULT_CALLING_TIMEZONE: 'America/New_York', CALLING_WINDOWS_CACHE_TTL_MS: '300' }, h.iso);
    try {
      const ctx = tenantCtx() as RequestContext;
      const onReplica = () => replica.app.get(CallingCheckService).check({ phone_number: NEW_YORK, at: MONDAY_10AM_NY }, ctx);
      await expect(onReplica()).resolves.toMatchObject({ allowed: true });
      await h.app.get(CallingCheckService).check({ phone_number: NEW_YORK, at: MONDAY_10AM_NY }, ctx);
      await h.bus.send(S.updateCallingWindows, { windows: { monday: null } }, ctx);
      await new Promise((resolve) => setTimeout(resolve, 400));
      await expect(onReplica()).resolves.toMatchObject({ allowed: false, rule: 'calling_window' });
    } finally {
      await replica.close();
    }
  });

  it('keeps tenants apart: one tenant\'s list and windows never refuse another tenant\'s call', async () => {
    const a = tenantCtx();
    const b = tenantCtx();
    await h.bus.send(S.addDnc, { phone_number: NEW_YORK }, a);
    await h.bus.send(S.updateCallingWindows, { windows: { monday: null } }, a);
    await expect(check({ phone_number: NEW_YORK, at: MONDAY_10AM_NY }, a)).resolves.toMatchObject({ allowed: false });
    await expect(check({ phone_number: NEW_YORK, at: MONDAY_10AM_NY }, b)).resolves.toMatchObject({ allowed: true });
  });

  it('refuses a malformed request and one without a tenant', async () => {
    await expect(check({ phone_number: NEW_YORK, at: 'yesterday' }, tenantCtx())).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed, details: { fields: { at: expect.any(Array) } },
    });
    await expect(check({ phone_number: NEW_YORK, at: '2025-01-06T10:00:00' }, tenantCtx())).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed, message: 'at must be an ISO 8601 time with a zone (Z or ±HH:MM)',
    });
    await expect(check({ phone_number: NEW_YORK, at: '2025-01-06T10:00:00-05:00' }, tenantCtx())).resolves.toMatchObject({
      local_time: '2025-01-06T10:00:00-05:00',
    });
    await expect(check({ phone_number: NEW_YORK }, { tenant_id: null })).rejects.toMatchObject({ code: ErrorCode.Unauthorized });
  });
});
