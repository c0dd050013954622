import { ErrorCode, TelephonySubjects as S, type RequestContext } from '@parley/contracts';
import { startFakeTwilio, type FakeTwilio } from '@parley/testing';
import { bootTelephony, tenantCtx, type TelephonyHarness } from './support/telephony-harness';
import { configureTwilio, newTwilioAccount, type TestTwilioAccount } from './support/twilio-fixtures';

/**
 * Channel onboarding and the connection test against the fake Twilio through the real SDK:
 * credentials checked by fetching the account, numbers looked up and pointed at our webhooks.
 */
describe('channel settings and the Twilio connection test (fake Twilio, NATS, Postgres)', () => {
  const PUBLIC_BASE_URL = 'https://calls.parley.test';
  let fake: FakeTwilio;
  let h: TelephonyHarness;

  beforeAll(async () => {
    fake = await startFakeTwilio();
    h = await bootTelephony({ TWILIO_API_BASE_URL: fake.apiBaseUrl, PUBLIC_BASE_URL });
  });

  afterAll(async () => {
    await h?.close();
    await fake?.close();
  });

  async function twilioTenant(account = newTwilioAccount(fake)): Promise<{ ctx: Partial<RequestContext>; account: TestTwilioAccount; tenant: string }> {
    const ctx = tenantCtx();
    await configureTwilio(h.bus, ctx, account);
    return { ctx, account, tenant: ctx.tenant_id as string };
  }

  const numberOnFake = async (account: TestTwilioAccount, phoneNumber: string) => {
    const res = await fetch(`${fake.apiBaseUrl}/2010-04-01/Accounts/${account.accountSid}/IncomingPhoneNumbers.json?PhoneNumber=${encodeURIComponent(phoneNumber)}`, {
      headers: { authorization: `Basic ${Buffer.from(`${account.accountSid}:${account.authToken}`).toString('base64')}` },
    });
    const body = (await res.json()) as { incoming_phone_numbers: Array<Record<string, string>> };
    return body.incoming_phone_numbers[0];
  };

  describe('POST /config/test-connection', () => {
    it('fetches the account and finds the configured number: ok, with the account\'s name', async () => {
      const { ctx, account } = await twilioTenant();
      const result = await h.bus.send(S.testConnection, {}, ctx);
      expect(result).toEqual({
        twilio: {
          ok: true, configured: true, account_sid: account.accountSid, account_name: `Fake Twilio ${account.accountSid.slice(0, 10)}`,
          account_status: 'active', phone_number: account.phoneNumber, phone_number_found: true, error: null,
        },
      });
      const asked = fake.requests.filter((r) => r.path.includes(account.accountSid)).map((r) => `${r.method} ${r.path}`);
      expect(asked).toEqual([
        `GET /2010-04-01/Accounts/${account.accountSid}.json`,
        `GET /2010-04-01/Accounts/${account.accountSid}/IncomingPhoneNumbers.json`,
      ]);
      expect(await h.bus.send(S.testConnection, { provider: 'twilio' }, ctx)).toEqual({ twilio: result.twilio });
      // OpenAI is voice-ai's half of the answer (the gateway asks both): telephony checks nothing for it.
      expect(await h.bus.send(S.testConnection, { provider: 'openai' }, ctx)).toEqual({});
    });

    it('reports a bad auth token with Twilio\'s error, without throwing', async () => {
      const account = newTwilioAccount(fake);
      const { ctx } = await twilioTenant({ ...account, authToken: 'f'.repeat(32) });
      const { twilio } = await h.bus.send(S.testConnection, {}, ctx);
      expect(twilio).toMatchObject({
        ok: false, configured: true, account_sid: account.accountSid, account_name: null, phone_number_found: false,
        error: { code: 20003, message: expect.stringMatching(/Authentication Error/) },
      });
    });

    it('reports a number that is not on the account', async () => {
      const account = newTwilioAccount(fake);
      const { ctx } = await twilioTenant({ ...account, phoneNumber: '+12015550199' });
      const { twilio } = await h.bus.send(S.testConnection, {}, ctx);
      expect(twilio).toMatchObject({
        ok: false, account_status: 'active', phone_number: '+12015550199', phone_number_found: false,
        error: { code: null, message: '+12015550199 is not a number of this Twilio account' },
      });
    });

    it('says so when telephony is not configured, and validates the provider', async () => {
      const ctx = tenantCtx();
      expect((await h.bus.send(S.testConnection, {}, ctx)).twilio).toMatchObject({
        ok: false, configured: false, error: { message: expect.stringMatching(/telephony is not configured/) },
      });
      await expect(h.bus.send(S.testConnection, { provider: 'smoke-signals' as 'twilio' }, ctx)).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
    });
  });

  describe('POST /onboarding/channels', () => {
    it('points the Twilio number\'s Voice URL and status callback at our webhooks, and stores the channels', async () => {
      const { ctx, account, tenant } = await twilioTenant();
      const saved = await h.bus.send(S.updateChannels, {
        phone_number: account.phoneNumber,
        chat_widget: { enabled: true, greeting: 'Hi! How can we help?', color: '#1A73E8' },
        whatsapp: { enabled: true, number: '+14155550123' },
        email: { enabled: true, address: 'Support@Example.com' },
      }, ctx);
      const voiceUrl = `${PUBLIC_BASE_URL}/api/v1/telephony/twilio/voice?tenant=${tenant}`;
      const statusUrl = `${PUBLIC_BASE_URL}/api/v1/telephony/twilio/status?tenant=${tenant}`;
      expect(saved).toEqual({
        phone: {
          number: account.phoneNumber, twilio_webhooks_configured: true, twilio_phone_number_sid: expect.stringMatching(/^PN[0-9a-f]{32}$/),
          voice_url: voiceUrl, status_callback_url: statusUrl, configured_at: expect.any(String), note: null,
        },
        chat_widget: { enabled: true, greeting: 'Hi! How can we help?', color: '#1a73e8' },
        whatsapp: { enabled: true, number: '+14155550123' },
        email: { enabled: true, address: 'support@example.com' },
        updated_at: expect.any(String),
      });
      // Twilio now sends the number's calls to us.
      expect(await numberOnFake(account, account.phoneNumber)).toMatchObject({
        sid: saved.phone.twilio_phone_number_sid, voice_url: voiceUrl, voice_method: 'POST', status_callback: statusUrl, status_callback_method: 'POST',
      });
      expect(await h.bus.send(S.getChannels, {}, ctx)).toEqual(saved);

      // A later save of one section keeps the others.
      const changed = await h.bus.send(S.updateChannels, { chat_widget: { enabled: false } }, ctx);
      expect(changed).toMatchObject({
        phone: { number: account.phoneNumber, twilio_webhooks_configured: true },
        chat_widget: { enabled: false, greeting: null, color: null },
        whatsapp: { enabled: true, number: '+14155550123' },
      });
      // Another tenant sees none of it.
      expect(await h.bus.send(S.getChannels, {}, tenantCtx())).toMatchObject({ phone: { number: null }, chat_widget: { enabled: false }, updated_at: null });
    });

    it('refuses a number that is not on the tenant\'s Twilio account and saves nothing', async () => {
      const { ctx, account } = await twilioTenant();
      await expect(h.bus.send(S.updateChannels, { phone_number: '+12015550188', email: { enabled: true, address: 'a@b.test' } }, ctx)).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed, details: { fields: { phone_number: [expect.stringMatching(/^\+12015550188 is not a number of the Twilio account/)] } },
      });
      expect(await h.bus.send(S.getChannels, {}, ctx)).toMatchObject({ phone: { number: null }, email: { enabled: false }, updated_at: null });
      expect(fake.requests.filter((r) => r.method === 'POST' && r.path.includes(`${account.accountSid}/IncomingPhoneNumbers/`))).toEqual([]);
    });

    it('refuses when Twilio refuses the saved credentials (422 naming the token)', async () => {
      const account = newTwilioAccount(fake);
      const { ctx } = await twilioTenant({ ...account, authToken: 'e'.repeat(32) });
      await expect(h.bus.send(S.updateChannels, { phone_number: account.phoneNumber }, ctx)).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed, details: { fields: { twilio_auth_token: expect.any(Array) }, twilio_code: 20003 },
      });
    });

    it('saves a number before telephony is configured, saying its webhooks wait for Twilio', async () => {
      const ctx = tenantCtx();
      const saved = await h.bus.send(S.updateChannels, { phone_number: '+14155550177' }, ctx);
      expect(saved.phone).toEqual({
        number: '+14155550177', twilio_webhooks_configured: false, twilio_phone_number_sid: null, voice_url: null, status_callback_url: null,
        configured_at: null, note: expect.stringMatching(/once telephony is configured/),
      });
    });

    it('validates every section: E.164 numbers, a colour, an address to enable email', async () => {
      const ctx = tenantCtx();
      for (const body of [
        { phone_number: '415-555-0100' },
        { chat_widget: { enabled: true, color: 'blue' } },
        { whatsapp: { enabled: true } },
        { email: { enabled: true } },
        { email: { enabled: 'yes' } },
      ]) {
        await expect(h.bus.send(S.updateChannels, body as never, ctx)).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
      }
      expect(await h.bus.send(S.updateChannels, { whatsapp: { enabled: false } }, ctx)).toMatchObject({ whatsapp: { enabled: false, number: null } });
    });
  });
});
