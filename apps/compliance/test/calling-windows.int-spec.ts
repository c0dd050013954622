import { ComplianceSubjects as S, ErrorCode, type RequestContext } from '@parley/contracts';
import { bootCompliance, tenantCtx, type ComplianceHarness } from './support/compliance-harness';

const DAY = { start: '08:00', end: '21:00' };
const DEFAULT_WINDOWS = {
  monday: DAY, tuesday: DAY, wednesday: DAY, thursday: DAY, friday: DAY, saturday: DAY, sunday: DAY,
};

describe('calling windows (NATS, Postgres)', () => {
  let h: ComplianceHarness;
  beforeAll(async () => { h = await bootCompliance({ DEFAULT_CALLING_TIMEZONE: 'America/Chicago' }); });
  afterAll(() => h?.close());

  const changes = async (ctx: Partial<RequestContext>) =>
    (await h.outbox('calling_windows.changed')).filter((event) => event.tenant_id === ctx.tenant_id);

  it('starts every tenant on 08:00–21:00 every day, enforced, in the service\'s fallback zone', async () => {
    await expect(h.bus.send(S.getCallingWindows, {}, tenantCtx())).resolves.toEqual({
      windows: DEFAULT_WINDOWS, fallback_timezone: 'America/Chicago', enforced: true, updated_at: null,
    });
  });

  it('changes only what the update names, closes null days, and emits calling_windows.changed', async () => {
    const ctx = tenantCtx();
    const updated = await h.bus.send(S.updateCallingWindows, {
      windows: { monday: { start: '09:00', end: '17:30' }, sunday: null }, fallback_timezone: 'europe/paris',
    }, ctx);
    expect(updated).toEqual({
      windows: { ...DEFAULT_WINDOWS, monday: { start: '09:00', end: '17:30' }, sunday: null },
      fallback_timezone: 'Europe/Paris', enforced: true, updated_at: expect.any(String),
    });
    expect(await h.bus.send(S.getCallingWindows, {}, ctx)).toEqual(updated);

    const second = await h.bus.send(S.updateCallingWindows, { enforced: false, windows: { saturday: null } }, ctx);
    expect(second).toMatchObject({
      windows: { ...DEFAULT_WINDOWS, monday: { start: '09:00', end: '17:30' }, saturday: null, sunday: null },
      fallback_timezone: 'Europe/Paris', enforced: false,
    });
    expect(new Date(second.updated_at as string).getTime()).toBeGreaterThanOrEqual(new Date(updated.updated_at as string).getTime());

    // null goes back to the service default.
    await expect(h.bus.send(S.updateCallingWindows, { fallback_timezone: null }, ctx)).resolves.toMatchObject({ fallback_timezone: 'America/Chicago' });
    expect((await changes(ctx)).map((event) => event.data)).toEqual([{ enforced: true }, { enforced: false }, { enforced: false }]);
  });

  it('refuses an end before or at the start, a bad clock and an unknown zone, naming the field', async () => {
    const ctx = tenantCtx();
    await expect(h.bus.send(S.updateCallingWindows, { windows: { monday: { start: '18:00', end: '09:00' } } }, ctx)).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed, message: 'end must be later than start', details: { fields: { 'windows.monday.end': ['end must be later than start'] } },
    });
    await expect(h.bus.send(S.updateCallingWindows, { windows: { friday: { start: '09:00', end: '09:00' } } }, ctx)).rejects.toMatchObject({
      details: { fields: { 'windows.friday.end': expect.any(Array) } },
    });
    await expect(h.bus.send(S.updateCallingWindows, { windows: { tuesday: { start: '9am', end: '24:00' } } }, ctx)).rejects.toMatchObject({
      details: { fields: { 'windows.tuesday.start': ['start must be HH:MM (24 h)'], 'windows.tuesday.end': expect.arrayContaining(['end must be HH:MM (24 h)']) } },
    });
    await expect(h.bus.send(S.updateCallingWindows, { fallback_timezone: 'Mars/Olympus_Mons' }, ctx)).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed, details: { fields: { fallback_timezone: ['fallback_timezone must be an IANA time zone such as America/New_York'] } },
    });
    await expect(h.bus.send(S.updateCallingWindows, { windows: { funday: DAY } } as never, ctx)).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed,
    });
    expect(await h.bus.send(S.getCallingWindows, {}, ctx)).toMatchObject({ windows: DEFAULT_WINDOWS, updated_at: null });
    expect(await changes(ctx)).toEqual([]);
  });

  it('lets concurrent updates of different days both land', async () => {
    const ctx = tenantCtx();
    await Promise.all([
      h.bus.send(S.updateCallingWindows, { windows: { monday: { start: '10:00', end: '11:00' } } }, ctx),
      h.bus.send(S.updateCallingWindows, { windows: { tuesday: { start: '12:00', end: '13:00' } } }, ctx),
    ]);
    expect((await h.bus.send(S.getCallingWindows, {}, ctx)).windows).toMatchObject({
      monday: { start: '10:00', end: '11:00' }, tuesday: { start: '12:00', end: '13:00' },
    });
  });

  it('keeps tenants apart', async () => {
    const a = tenantCtx();
    const b = tenantCtx();
    await h.bus.send(S.updateCallingWindows, { windows: { monday: null }, enforced: false }, a);
    expect(await h.bus.send(S.getCallingWindows, {}, b)).toMatchObject({ windows: DEFAULT_WINDOWS, enforced: true, updated_at: null });
  });
});
