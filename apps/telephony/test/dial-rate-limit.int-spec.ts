import { ErrorCode, TelephonySubjects as S } from '@parley/contracts';
import { startFakeTwilio, testInfra, type FakeTwilio } from '@parley/testing';
import { startComplianceResponder, type ComplianceResponder } from './support/compliance-responder';
import { bootTelephony, tenantCtx, type TelephonyHarness } from './support/telephony-harness';
import { configureTwilio, newTwilioAccount } from './support/twilio-fixtures';

/** A tenant dials at most DIAL_RATE_LIMIT_PER_MINUTE calls a minute; other tenants are not held back by it. */
describe('dial rate limit per tenant (fake Twilio, compliance, NATS, Postgres)', () => {
  let fake: FakeTwilio;
  let compliance: ComplianceResponder;
  let h: TelephonyHarness;

  beforeAll(async () => {
    fake = await startFakeTwilio();
    h = await bootTelephony({ TWILIO_API_BASE_URL: fake.apiBaseUrl, DIAL_RATE_LIMIT_PER_MINUTE: '3' });
    compliance = await startComplianceResponder(testInfra().NATS_URL, h.iso.prefix);
  });

  afterAll(async () => {
    await compliance?.close();
    await h?.close();
    await fake?.close();
  });

  async function twilioTenant() {
    const ctx = tenantCtx();
    await configureTwilio(h.bus, ctx, newTwilioAccount(fake));
    return ctx;
  }

  it('refuses the dial past the limit with 429 and when to retry, before Twilio is asked, and counts concurrent dials exactly', async () => {
    const ctx = await twilioTenant();
    const numbers = ['+14155550201', '+14155550202', '+14155550203', '+14155550204', '+14155550205'];
    for (const to of numbers) fake.script(to, { outcome: 'busy', ringMs: 20 });
    const results = await Promise.allSettled(numbers.map((to) => h.bus.send(S.initiateCall, { phone_number: to }, ctx)));
    const placed = results.filter((r) => r.status === 'fulfilled');
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(placed).toHaveLength(3);
    expect(refused).toHaveLength(2);
    for (const error of refused) {
      expect(error).toMatchObject({ code: ErrorCode.RateLimited, details: { limit: 3, window_s: 60, retry_after_s: expect.any(Number) } });
      expect(error.details.retry_after_s).toBeGreaterThanOrEqual(1);
      expect(error.details.retry_after_s).toBeLessThanOrEqual(60);
    }
    // Only the admitted dials reached Twilio, and only they were recorded.
    const creates = fake.requests.filter((r) => r.method === 'POST' && /\/Calls\.json$/.test(r.path) && numbers.includes(r.params.To));
    expect(creates).toHaveLength(3);
    const calls = await h.bus.send(S.listCalls, { per_page: 100 }, ctx);
    expect(calls.total).toBe(3);
  });

  it('keeps each tenant to its own window', async () => {
    const first = await twilioTenant();
    const second = await twilioTenant();
    const dial = (ctx: typeof first, to: string) => {
      fake.script(to, { outcome: 'busy', ringMs: 20 });
      return h.bus.send(S.initiateCall, { phone_number: to }, ctx);
    };
    for (const to of ['+14155550301', '+14155550302', '+14155550303']) await dial(first, to);
    await expect(dial(first, '+14155550304')).rejects.toMatchObject({ code: ErrorCode.RateLimited });
    await expect(dial(second, '+14155550305')).resolves.toMatchObject({ status: expect.any(String), to_number: '+14155550305' });
  });
});
