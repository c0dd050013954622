import { ErrorCode, TelephonySubjects as S, type CallDto, type RequestContext } from '@parley/contracts';
import { eventually, isolation, parseTwiml, startFakeTwilio, testInfra, type FakeTwilio } from '@parley/testing';
import { startComplianceResponder, type ComplianceResponder } from './support/compliance-responder';
import { bootTelephony, tenantCtx, type TelephonyHarness } from './support/telephony-harness';
import { configureTwilio, newTwilioAccount, type TestTwilioAccount } from './support/twilio-fixtures';
import { startWebhookForwarder, type WebhookForwarder } from './support/webhook-forwarder';

/**
 * Outbound calls end to end inside the service: compliance (a responder speaking its contract on
 * the same NATS prefix) allows or refuses, the SDK places the call on the fake Twilio, and the
 * fake's signed callbacks come back through a stand-in for the gateway's public webhook routes.
 */
describe('outbound calls through Twilio (fake Twilio, compliance, NATS, Postgres)', () => {
  let fake: FakeTwilio;
  let gateway: WebhookForwarder;
  let compliance: ComplianceResponder;
  let h: TelephonyHarness;
  let numberSeq = 0;

  beforeAll(async () => {
    fake = await startFakeTwilio();
    gateway = await startWebhookForwarder();
    h = await bootTelephony({ TWILIO_API_BASE_URL: fake.apiBaseUrl, PUBLIC_BASE_URL: gateway.baseUrl });
    compliance = await startComplianceResponder(testInfra().NATS_URL, h.iso.prefix);
    gateway.attach(h.bus);
  });

  afterAll(async () => {
    await compliance?.close();
    await h?.close();
    await gateway?.close();
    await fake?.close();
  });

  /** A fresh callee number per test, so scripts of the fake never mix. */
  const callee = () => `+1415555${String(3000 + numberSeq++).padStart(4, '0')}`;

  /** A tenant with a Twilio account on the fake. */
  async function twilioTenant(): Promise<{ ctx: Partial<RequestContext>; account: TestTwilioAccount }> {
    const ctx = tenantCtx();
    const account = newTwilioAccount(fake);
    await configureTwilio(h.bus, ctx, account);
    return { ctx, account };
  }

  const restRequestsOf = (account: TestTwilioAccount) => fake.requests.filter((r) => r.path.includes(account.accountSid));
  const eventsOf = async (type: Parameters<TelephonyHarness['outbox']>[0], callId: string) =>
    (await h.outbox(type)).filter((e) => e.data.call_id === callId);
  const statusMoves = async (callId: string) =>
    (await eventsOf('call.updated', callId))
      .filter((e) => (e.data.changes as string[]).includes('status'))
      .map((e) => [e.data.previous_status, e.data.status]);

  it('places a call and follows it to completed: every status, answered TwiML, AMD result, and the events in order', async () => {
    const { ctx, account } = await twilioTenant();
    const to = callee();
    fake.script(to, { outcome: 'completed', ringMs: 40, talkMs: 1100 });
    const call = await h.bus.send(S.initiateCall, { phone_number: to.replace('+1', ''), lead_id: '0b5d4a3c-2e1f-4a7b-8c9d-0e1f2a3b4c5d' }, ctx);
    expect(call).toMatchObject({
      direction: 'outbound', type: 'phone', status: expect.stringMatching(/queued|ringing/), from_number: account.phoneNumber, to_number: to,
      provider_call_id: expect.stringMatching(/^CA[0-9a-f]{32}$/), agent_id: ctx.user_id,
    });

    // What the SDK sent Twilio.
    const placed = fake.calls.find((c) => c.sid === call.provider_call_id);
    const tenant = ctx.tenant_id as string;
    expect(placed?.params).toMatchObject({
      To: to, From: account.phoneNumber,
      Url: `${gateway.baseUrl}/api/v1/telephony/twilio/voice?tenant=${tenant}&call_id=${call.id}`,
      Method: 'POST',
      StatusCallback: `${gateway.baseUrl}/api/v1/telephony/twilio/status?tenant=${tenant}&call_id=${call.id}`,
      StatusCallbackMethod: 'POST',
      StatusCallbackEvent: 'initiated ringing answered completed',
      MachineDetection: 'Enable', AsyncAmd: 'true',
      AsyncAmdStatusCallback: `${gateway.baseUrl}/api/v1/telephony/twilio/amd?tenant=${tenant}&call_id=${call.id}`,
    });

    // Compliance was asked about the number in E.164, for this tenant.
    expect(compliance.checks.filter((c) => c.tenant_id === tenant)).toEqual([{ tenant_id: tenant, request: { phone_number: to } }]);

    await fake.waitForCall(call.provider_call_id as string);
    const callbacks = placed?.callbacks ?? [];
    expect(callbacks.map((c) => [c.kind, c.params['CallStatus'] ?? c.params['AnsweredBy'], c.status])).toEqual([
      ['status', 'initiated', 200], ['status', 'ringing', 200], ['status', 'in-progress', 200],
      ['voice', 'in-progress', 200], ['amd', 'human', 200], ['status', 'completed', 200],
    ]);
    const twiml = parseTwiml(callbacks.find((c) => c.kind === 'voice')?.body ?? '');
    expect(twiml.children.map((verb) => verb.name)).toEqual(['Say', 'Pause']);

    const done = await h.bus.send(S.getCall, { id: call.id }, ctx);
    expect(done).toMatchObject({
      status: 'completed', answered_at: expect.any(String), ended_at: expect.any(String), duration_seconds: placed?.durationSeconds,
      analysis: { answered_by: 'human' }, outcome: null,
    });
    expect(done.duration_seconds).toBeGreaterThanOrEqual(1);

    expect(await eventsOf('call.started', call.id)).toHaveLength(1);
    expect(await statusMoves(call.id)).toEqual([['queued', 'ringing'], ['ringing', 'in_progress'], ['in_progress', 'completed']]);
    const [ended] = await eventsOf('call.ended', call.id);
    expect(ended.data).toEqual({
      call_id: call.id, lead_id: '0b5d4a3c-2e1f-4a7b-8c9d-0e1f2a3b4c5d', direction: 'outbound', type: 'phone', status: 'completed',
      duration_seconds: done.duration_seconds, agent_id: ctx.user_id, ai_agent_id: null, sentiment: null, outcome: null,
    });
    expect(await eventsOf('call.completed', call.id)).toEqual([expect.objectContaining({ data: expect.objectContaining({ duration_seconds: done.duration_seconds }) })]);
    expect(await eventsOf('call.failed', call.id)).toHaveLength(0);
    // Events of a call are the tenant's, with nobody as the actor of Twilio's callbacks.
    expect((await eventsOf('call.updated', call.id)).every((e) => e.tenant_id === tenant && e.actor_id === null)).toBe(true);
  });

  it.each([
    ['busy', 'busy', 'the line was busy'],
    ['no-answer', 'no_answer', 'nobody answered'],
    ['failed', 'failed', 'SIP 500'],
  ] as const)('ends a %s call as %s with call.failed and call.ended', async (outcome, status, reason) => {
    const { ctx } = await twilioTenant();
    const to = callee();
    fake.script(to, { outcome, ringMs: 30 });
    const call = await h.bus.send(S.initiateCall, { phone_number: to }, ctx);
    await fake.waitForCall(call.provider_call_id as string);
    expect(await h.bus.send(S.getCall, { id: call.id }, ctx)).toMatchObject({ status, answered_at: null, duration_seconds: 0 });
    expect((await statusMoves(call.id)).at(-1)).toEqual([expect.any(String), status]);
    expect((await eventsOf('call.failed', call.id)).map((e) => e.data)).toEqual([expect.objectContaining({ status, reason })]);
    expect((await eventsOf('call.ended', call.id)).map((e) => e.data.status)).toEqual([status]);
    expect(await eventsOf('call.completed', call.id)).toHaveLength(0);
  });

  it('marks a call answered by a machine as voicemail', async () => {
    const { ctx } = await twilioTenant();
    const to = callee();
    fake.script(to, { outcome: 'completed', answeredBy: 'machine_start', talkMs: 60 });
    const call = await h.bus.send(S.initiateCall, { phone_number: to }, ctx);
    await fake.waitForCall(call.provider_call_id as string);
    expect(await h.bus.send(S.getCall, { id: call.id }, ctx)).toMatchObject({ outcome: 'voicemail', analysis: { answered_by: 'machine_start' } });
    expect((await eventsOf('call.ended', call.id))[0].data.outcome).toBe('voicemail');
  });

  it('refuses a number on the do-not-call list before Twilio is asked anything', async () => {
    const { ctx, account } = await twilioTenant();
    const to = callee();
    compliance.deny(ctx.tenant_id as string, to, { rule: 'do_not_call', reason: `${to} is on the do-not-call list (opt_out): asked not to be called` });
    const refused = h.bus.send(S.initiateCall, { phone_number: to }, ctx);
    await expect(refused).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed,
      message: expect.stringMatching(/^call refused by the do_not_call rule: .*do-not-call list/),
      details: { rule: 'do_not_call', reason: expect.stringContaining(to) },
    });
    expect(restRequestsOf(account)).toHaveLength(0);
    expect((await h.bus.send(S.listCalls, {}, ctx)).total).toBe(0);
  });

  it('refuses a call outside the calling window in the callee’s local time, before Twilio is asked anything', async () => {
    const { ctx, account } = await twilioTenant();
    const to = callee();
    const reason = '22:30 Monday in America/Los_Angeles is outside 08:00–21:00';
    compliance.deny(ctx.tenant_id as string, to, { rule: 'calling_window', reason });
    await expect(h.bus.send(S.initiateCall, { phone_number: to }, ctx)).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed,
      message: `call refused by the calling_window rule: ${reason}`,
      details: { rule: 'calling_window', reason, timezone: 'America/Los_Angeles', local_time: expect.any(String), phone_number: to },
    });
    expect(restRequestsOf(account)).toHaveLength(0);
    expect((await h.bus.send(S.listCalls, {}, ctx)).total).toBe(0);
  });

  it('answers 422 to a tenant without Twilio settings, and to a number that cannot be dialled', async () => {
    await expect(h.bus.send(S.initiateCall, { phone_number: callee() }, tenantCtx())).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed, message: expect.stringMatching(/telephony is not configured/),
    });
    const { ctx, account } = await twilioTenant();
    await expect(h.bus.send(S.initiateCall, { phone_number: '555-01' }, ctx)).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed, details: { fields: { phone_number: expect.any(Array) } },
    });
    expect(restRequestsOf(account)).toHaveLength(0);
  });

  it('answers 503 with Twilio’s error when Twilio refuses, and marks the call failed', async () => {
    const ctx = tenantCtx();
    const unknownToTwilio = newTwilioAccount();
    await configureTwilio(h.bus, ctx, unknownToTwilio);
    await expect(h.bus.send(S.initiateCall, { phone_number: callee() }, ctx)).rejects.toMatchObject({
      code: ErrorCode.ServiceUnavailable,
      message: expect.stringMatching(/^Twilio did not place the call/),
      details: { provider: 'twilio', twilio_code: 20003, twilio_status: 401, call_id: expect.any(String) },
    });
    const [call] = (await h.bus.send(S.listCalls, {}, ctx)).data;
    expect(call).toMatchObject({ status: 'failed', provider_call_id: null, ended_at: expect.any(String) });
    expect((await eventsOf('call.failed', call.id)).map((e) => e.data.reason)).toEqual([expect.stringMatching(/^Twilio 20003: /)]);
    expect(await eventsOf('call.ended', call.id)).toHaveLength(1);
  });

  it('ends a live call through Twilio (Status=completed) and ends it once', async () => {
    const { ctx } = await twilioTenant();
    const to = callee();
    fake.script(to, { outcome: 'completed', ringMs: 20, talkMs: 30_000 });
    const call = await h.bus.send(S.initiateCall, { phone_number: to }, ctx);
    await eventually(async () => (await h.bus.send(S.getCall, { id: call.id }, ctx)).status === 'in_progress');

    const ended = await h.bus.send(S.endCall, { id: call.id }, ctx);
    expect(ended).toMatchObject({ status: 'completed', ended_at: expect.any(String) });
    const placed = fake.calls.find((c) => c.sid === call.provider_call_id);
    expect(placed?.updates).toEqual([{ Status: 'completed' }]);
    await fake.waitForCall(call.provider_call_id as string);
    expect(placed?.status).toBe('completed');
    expect((await eventsOf('call.ended', call.id)).map((e) => e.data.status)).toEqual(['completed']);
    // Ending again changes nothing and asks Twilio nothing.
    await expect(h.bus.send(S.endCall, { id: call.id }, ctx)).resolves.toMatchObject({ status: 'completed' });
    expect(placed?.updates).toHaveLength(1);
  });

  it('cancels a ringing call through Twilio, and a call Twilio never had here', async () => {
    const { ctx } = await twilioTenant();
    const to = callee();
    fake.script(to, { outcome: 'completed', ringMs: 30_000 });
    const call = await h.bus.send(S.initiateCall, { phone_number: to }, ctx);
    await eventually(async () => (await h.bus.send(S.getCall, { id: call.id }, ctx)).status === 'ringing');
    await expect(h.bus.send(S.endCall, { id: call.id }, ctx)).resolves.toMatchObject({ status: 'canceled', duration_seconds: 0 });
    await fake.waitForCall(call.provider_call_id as string);
    expect((await eventsOf('call.failed', call.id)).map((e) => e.data.status)).toEqual(['canceled']);

    const recorded: CallDto = await h.bus.send(S.createCall, { direction: 'outbound', type: 'phone', phone_number: callee() }, ctx);
    const requestsBefore = fake.requests.length;
    await expect(h.bus.send(S.endCall, { id: recorded.id }, ctx)).resolves.toMatchObject({ status: 'canceled' });
    expect(fake.requests.length).toBe(requestsBefore);
    await expect(h.bus.send(S.endCall, { id: recorded.id }, tenantCtx())).rejects.toMatchObject({ code: ErrorCode.NotFound });
  });
});

describe('outbound calls when compliance does not answer', () => {
  let fake: FakeTwilio;
  let h: TelephonyHarness;

  beforeAll(async () => {
    fake = await startFakeTwilio();
    h = await bootTelephony({ TWILIO_API_BASE_URL: fake.apiBaseUrl, COMPLIANCE_CHECK_TIMEOUT_MS: '300' }, isolation());
  });

  afterAll(async () => {
    await h?.close();
    await h?.iso.cleanup();
    await fake?.close();
  });

  it('refuses to dial (503) rather than call without compliance’s yes', async () => {
    const ctx = tenantCtx();
    const account = newTwilioAccount(fake);
    await configureTwilio(h.bus, ctx, account);
    await expect(h.bus.send(S.initiateCall, { phone_number: '+14155552671' }, ctx)).rejects.toMatchObject({
      code: ErrorCode.ServiceUnavailable, details: { service: 'compliance' },
    });
    expect(fake.requests).toHaveLength(0);
    expect((await h.bus.send(S.listCalls, {}, ctx)).total).toBe(0);
  });
});
