import { ErrorCode, TelephonySubjects as S } from '@parley/contracts';
import { bootTelephony, tenantCtx, type TelephonyHarness } from './support/telephony-harness';
import { configureTwilio, newTwilioAccount } from './support/twilio-fixtures';

describe('telephony settings: the Twilio account, its token write-only and sealed at rest (NATS, Postgres)', () => {
  let h: TelephonyHarness;

  beforeAll(async () => {
    h = await bootTelephony();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('answers "not configured" for a tenant that saved nothing', async () => {
    await expect(h.bus.send(S.getSettings, {}, tenantCtx())).resolves.toEqual({
      twilio_account_sid: null, twilio_auth_token: null, twilio_phone_number: null, public_base_url: null, configured: false, updated_at: null,
    });
  });

  it('saves the account and shows the token masked; the database holds it only sealed', async () => {
    const ctx = tenantCtx();
    const account = newTwilioAccount();
    const saved = await configureTwilio(h.bus, ctx, account, 'https://calls.example.com/');
    expect(saved).toEqual({
      twilio_account_sid: account.accountSid,
      twilio_auth_token: `••••••••${account.authToken.slice(-4)}`,
      twilio_phone_number: account.phoneNumber,
      public_base_url: 'https://calls.example.com',
      configured: true,
      updated_at: expect.any(String),
    });
    expect(await h.bus.send(S.getSettings, {}, ctx)).toEqual(saved);

    const rows = await h.sql<Record<string, unknown>>(`SELECT * FROM telephony_settings WHERE tenant_id = $1`, [ctx.tenant_id]);
    expect(rows).toHaveLength(1);
    const sealed = rows[0]['auth_token_encrypted'] as Buffer;
    expect(sealed.includes(Buffer.from(account.authToken))).toBe(false);
    for (const value of Object.values(rows[0])) {
      expect(Buffer.isBuffer(value) ? value.toString('latin1') : JSON.stringify(value)).not.toContain(account.authToken);
    }
    // Nothing else in the schema holds it either (the outbox, for one).
    const dump = await h.sql<{ text: string }>(`SELECT string_agg(t::text, ' ') AS text FROM outbox_events t`);
    expect(dump[0].text ?? '').not.toContain(account.authToken);
  });

  it('keeps the stored token when an update leaves it out; a new one replaces it (sealed anew)', async () => {
    const ctx = tenantCtx();
    const account = newTwilioAccount();
    await configureTwilio(h.bus, ctx, account);
    const [before] = await h.sql<{ auth_token_encrypted: Buffer }>(`SELECT auth_token_encrypted FROM telephony_settings WHERE tenant_id = $1`, [ctx.tenant_id]);

    const moved = await h.bus.send(S.updateSettings, { twilio_account_sid: account.accountSid, twilio_phone_number: '+12015550199' }, ctx);
    expect(moved).toMatchObject({ twilio_phone_number: '+12015550199', twilio_auth_token: `••••••••${account.authToken.slice(-4)}`, public_base_url: null });
    const [kept] = await h.sql<{ auth_token_encrypted: Buffer }>(`SELECT auth_token_encrypted FROM telephony_settings WHERE tenant_id = $1`, [ctx.tenant_id]);
    expect(kept.auth_token_encrypted.equals(before.auth_token_encrypted)).toBe(true);

    const rotated = await h.bus.send(S.updateSettings, {
      twilio_account_sid: account.accountSid, twilio_phone_number: account.phoneNumber, twilio_auth_token: 'a-brand-new-token-0000wxyz',
    }, ctx);
    expect(rotated.twilio_auth_token).toBe('••••••••wxyz');
  });

  it('needs a token the first time, and refuses a malformed account sid or number without echoing the token', async () => {
    const ctx = tenantCtx();
    await expect(h.bus.send(S.updateSettings, { twilio_account_sid: `AC${'0'.repeat(32)}`, twilio_phone_number: '+12015550100' }, ctx))
      .rejects.toMatchObject({ code: ErrorCode.ValidationFailed, details: { fields: { twilio_auth_token: expect.any(Array) } } });
    const secret = 'super-secret-token-value-1234';
    const refused = h.bus.send(S.updateSettings, { twilio_account_sid: 'XX123', twilio_auth_token: secret, twilio_phone_number: '555' }, ctx);
    await expect(refused).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed,
      details: { fields: { twilio_account_sid: expect.any(Array), twilio_phone_number: expect.any(Array) } },
    });
    expect(JSON.stringify(await refused.catch((error: unknown) => error))).not.toContain(secret);
    expect((await h.bus.send(S.getSettings, {}, ctx)).configured).toBe(false);
  });

  it('forgets an account on delete, token included; a second delete is a 404; other tenants keep theirs', async () => {
    const ctx = tenantCtx();
    const other = tenantCtx();
    await configureTwilio(h.bus, ctx, newTwilioAccount());
    const kept = await configureTwilio(h.bus, other, newTwilioAccount());

    await expect(h.bus.send(S.deleteSettings, {}, ctx)).resolves.toEqual({ message: 'telephony settings deleted' });
    expect(await h.bus.send(S.getSettings, {}, ctx)).toEqual({
      twilio_account_sid: null, twilio_auth_token: null, twilio_phone_number: null, public_base_url: null, configured: false, updated_at: null,
    });
    expect(await h.sql(`SELECT 1 FROM telephony_settings WHERE tenant_id = $1`, [ctx.tenant_id])).toHaveLength(0);
    // With the token gone, a save without one is a first save again.
    await expect(h.bus.send(S.updateSettings, { twilio_account_sid: kept.twilio_account_sid as string, twilio_phone_number: '+12015550100' }, ctx))
      .rejects.toMatchObject({ code: ErrorCode.ValidationFailed, details: { fields: { twilio_auth_token: expect.any(Array) } } });

    await expect(h.bus.send(S.deleteSettings, {}, ctx)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    await expect(h.bus.send(S.deleteSettings, {}, tenantCtx())).rejects.toMatchObject({ code: ErrorCode.NotFound });
    expect(await h.bus.send(S.getSettings, {}, other)).toEqual(kept);
  });

  it("keeps tenants apart: one tenant's account is not another's", async () => {
    const a = tenantCtx();
    const b = tenantCtx();
    await configureTwilio(h.bus, a, newTwilioAccount());
    expect((await h.bus.send(S.getSettings, {}, b)).configured).toBe(false);
  });
});
