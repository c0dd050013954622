import { randomUUID } from 'node:crypto';
import { ErrorCode, TelephonySubjects as S, type RequestContext } from '@parley/contracts';
import { startFakeTwilio, type FakeTwilio } from '@parley/testing';
import { bootTelephony, tenantCtx, type TelephonyHarness } from './support/telephony-harness';
import { configureTwilio, newTwilioAccount, type TestTwilioAccount } from './support/twilio-fixtures';

/**
 * voice-ai deploying an AI agent on a number (telephony.number.bind) and pausing or deleting it
 * (telephony.number.unbind): the number is pointed at our voice webhook on the fake Twilio, bound
 * per tenant, and moved between agents.
 */
describe('AI number bindings (fake Twilio, NATS, Postgres)', () => {
  let fake: FakeTwilio;
  let h: TelephonyHarness;
  const publicBaseUrl = 'https://calls.parley.test';

  beforeAll(async () => {
    fake = await startFakeTwilio();
    h = await bootTelephony({ TWILIO_API_BASE_URL: fake.apiBaseUrl, PUBLIC_BASE_URL: publicBaseUrl });
  });

  afterAll(async () => {
    await h?.close();
    await fake?.close();
  });

  async function twilioTenant(): Promise<{ ctx: Partial<RequestContext>; account: TestTwilioAccount; tenant: string }> {
    const ctx = tenantCtx();
    const account = newTwilioAccount(fake);
    await configureTwilio(h.bus, ctx, account);
    return { ctx, account, tenant: ctx.tenant_id as string };
  }

  const numberOnFake = async (account: TestTwilioAccount, phoneNumber: string) => {
    const res = await fetch(`${fake.apiBaseUrl}/2010-04-01/Accounts/${account.accountSid}/IncomingPhoneNumbers.json?PhoneNumber=${encodeURIComponent(phoneNumber)}`, {
      headers: { authorization: `Basic ${Buffer.from(`${account.accountSid}:${account.authToken}`).toString('base64')}` },
    });
    return ((await res.json()) as { incoming_phone_numbers: Array<Record<string, string>> }).incoming_phone_numbers[0];
  };
  const rowsOf = (tenant: string) =>
    h.sql<{ phone_number: string; ai_agent_id: string; bound_at: Date }>(
      'SELECT phone_number, ai_agent_id, bound_at FROM ai_number_bindings WHERE tenant_id = $1 ORDER BY phone_number', [tenant],
    );

  it('binds the tenant\'s Twilio number by default and points its Voice URL at our voice webhook', async () => {
    const { ctx, account, tenant } = await twilioTenant();
    const agent = randomUUID();
    const binding = await h.bus.send(S.bindNumber, { ai_agent_id: agent }, ctx);
    expect(binding).toEqual({ phone_number: account.phoneNumber, ai_agent_id: agent, bound_at: expect.any(String) });
    expect(await numberOnFake(account, account.phoneNumber)).toMatchObject({
      voice_url: `${publicBaseUrl}/api/v1/telephony/twilio/voice?tenant=${tenant}`, voice_method: 'POST',
      status_callback: `${publicBaseUrl}/api/v1/telephony/twilio/status?tenant=${tenant}`,
    });
    // Deploying again changes nothing, not even when it was bound.
    expect(await h.bus.send(S.bindNumber, { ai_agent_id: agent }, ctx)).toEqual(binding);
    expect(await rowsOf(tenant)).toEqual([{ phone_number: account.phoneNumber, ai_agent_id: agent, bound_at: new Date(binding.bound_at) }]);
  });

  it('binds another number of the account in any notation, moves a number to the agent deployed last, and unbinds an agent\'s numbers', async () => {
    const { ctx, account, tenant } = await twilioTenant();
    const second = `+1201555${String(Number(account.phoneNumber.slice(-4)) + 50).padStart(4, '0')}`;
    fake.addAccount(account.accountSid, account.authToken, [account.phoneNumber, second]);
    const [first, other] = [randomUUID(), randomUUID()];

    await h.bus.send(S.bindNumber, { ai_agent_id: first }, ctx);
    const national = `(${second.slice(2, 5)}) ${second.slice(5, 8)}-${second.slice(8)}`;
    expect(await h.bus.send(S.bindNumber, { ai_agent_id: first, phone_number: national }, ctx)).toMatchObject({ phone_number: second, ai_agent_id: first });
    const before = (await rowsOf(tenant)).find((r) => r.phone_number === account.phoneNumber);
    const moved = await h.bus.send(S.bindNumber, { ai_agent_id: other, phone_number: account.phoneNumber }, ctx);
    expect(moved).toMatchObject({ phone_number: account.phoneNumber, ai_agent_id: other });
    expect(new Date(moved.bound_at).getTime()).toBeGreaterThanOrEqual(before?.bound_at.getTime() ?? Infinity);
    expect((await rowsOf(tenant)).map((r) => [r.phone_number, r.ai_agent_id])).toEqual(
      [[account.phoneNumber, other], [second, first]].sort(([a], [b]) => a.localeCompare(b)),
    );

    expect(await h.bus.send(S.unbindNumber, { ai_agent_id: first }, ctx)).toEqual({ unbound: [second] });
    expect(await h.bus.send(S.unbindNumber, { ai_agent_id: first }, ctx)).toEqual({ unbound: [] });
    expect((await rowsOf(tenant)).map((r) => r.ai_agent_id)).toEqual([other]);
  });

  it('refuses a number that is not on the tenant\'s Twilio account, or no number at all (422), binding nothing', async () => {
    const { ctx, tenant } = await twilioTenant();
    await expect(h.bus.send(S.bindNumber, { ai_agent_id: randomUUID(), phone_number: '+12015550999' }, ctx)).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed, message: expect.stringMatching(/is not a number of the Twilio account/), details: { fields: { phone_number: expect.any(Array) } },
    });
    await expect(h.bus.send(S.bindNumber, { ai_agent_id: randomUUID(), phone_number: '12' }, ctx)).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
    await expect(h.bus.send(S.bindNumber, { ai_agent_id: 'nope' }, ctx)).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });

    const unconfigured = tenantCtx();
    await expect(h.bus.send(S.bindNumber, { ai_agent_id: randomUUID() }, unconfigured)).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed, message: expect.stringMatching(/no number to bind/), details: { fields: { phone_number: expect.any(Array) } },
    });
    expect(await rowsOf(tenant)).toEqual([]);
    expect(await rowsOf(unconfigured.tenant_id as string)).toEqual([]);
  });

  it('binds a named number before telephony is configured (no Twilio account to point it on yet)', async () => {
    const ctx = tenantCtx();
    const agent = randomUUID();
    expect(await h.bus.send(S.bindNumber, { ai_agent_id: agent, phone_number: '+1 415 555 2671' }, ctx)).toMatchObject({ phone_number: '+14155552671', ai_agent_id: agent });
  });

  it('keeps each tenant\'s bindings to itself, and needs a tenant', async () => {
    const a = await twilioTenant();
    const agent = randomUUID();
    await h.bus.send(S.bindNumber, { ai_agent_id: agent }, a.ctx);
    const b = tenantCtx();
    expect(await h.bus.send(S.unbindNumber, { ai_agent_id: agent }, b)).toEqual({ unbound: [] });
    expect(await rowsOf(a.tenant)).toHaveLength(1);
    await expect(h.bus.send(S.unbindNumber, { ai_agent_id: agent }, { tenant_id: null })).rejects.toMatchObject({ code: ErrorCode.Unauthorized });
    await expect(h.bus.send(S.bindNumber, { ai_agent_id: agent }, { tenant_id: null })).rejects.toMatchObject({ code: ErrorCode.Unauthorized });
  });
});
