import { randomUUID } from 'node:crypto';
import { ErrorCode, TelephonySubjects as S, type RequestContext, type TwilioWebhookRequest } from '@parley/contracts';
import { parseTwiml, startFakeTwilio, type FakeTwilio } from '@parley/testing';
import { WebhookReceipts } from '../src/twilio/webhook-receipts';
import { bootTelephony, tenantCtx, type TelephonyHarness } from './support/telephony-harness';
import {
  configureTwilio, newCallSid, newTwilioAccount, signedWebhook, statusParams, type TestTwilioAccount,
} from './support/twilio-fixtures';
import { startWebhookForwarder, type WebhookForwarder } from './support/webhook-forwarder';

describe('Twilio webhooks: signatures, idempotency, inbound calls (fake Twilio, NATS, Postgres)', () => {
  let fake: FakeTwilio;
  let gateway: WebhookForwarder;
  let h: TelephonyHarness;

  beforeAll(async () => {
    fake = await startFakeTwilio();
    gateway = await startWebhookForwarder();
    h = await bootTelephony({ TWILIO_API_BASE_URL: fake.apiBaseUrl, PUBLIC_BASE_URL: gateway.baseUrl });
    gateway.attach(h.bus);
  });

  afterAll(async () => {
    await h?.close();
    await gateway?.close();
    await fake?.close();
  });

  async function twilioTenant(publicBaseUrl?: string): Promise<{ ctx: Partial<RequestContext>; account: TestTwilioAccount }> {
    const ctx = tenantCtx();
    const account = newTwilioAccount(fake);
    await configureTwilio(h.bus, ctx, account, publicBaseUrl);
    return { ctx, account };
  }

  /** An outbound call as if just placed: recorded, Twilio's CallSid stored. */
  async function placedCall(ctx: Partial<RequestContext>) {
    const call = await h.bus.send(S.createCall, { direction: 'outbound', type: 'phone', phone_number: '+14155552671' }, ctx);
    const callSid = newCallSid();
    await h.sql(`UPDATE calls SET provider_call_id = $2 WHERE id = $1`, [call.id, callSid]);
    return { call, callSid };
  }

  const deliver = (webhook: TwilioWebhookRequest) => h.bus.send(S.twilioWebhook, webhook);
  const eventsOf = async (type: Parameters<TelephonyHarness['outbox']>[0], callId: string) =>
    (await h.outbox(type)).filter((e) => e.data.call_id === callId);
  const rowOf = async (callId: string) => (await h.sql(`SELECT * FROM calls WHERE id = $1`, [callId]))[0];

  it('refuses forged, unsigned, re-targeted and unknown-tenant webhooks with 403, changing nothing', async () => {
    const { ctx, account } = await twilioTenant();
    const { call, callSid } = await placedCall(ctx);
    const tenantId = ctx.tenant_id as string;
    const before = await rowOf(call.id);
    const eventsBefore = (await h.outbox()).length;
    const genuine = signedWebhook({
      kind: 'status', tenantId, authToken: account.authToken, publicBaseUrl: gateway.baseUrl, callId: call.id,
      params: statusParams(callSid, account.accountSid, 'completed', 5, { CallDuration: '42' }),
    });
    const forbidden = { code: ErrorCode.Forbidden, message: 'the Twilio signature of this webhook is missing or invalid' };

    const forgedToken = signedWebhook({ ...genuine, kind: 'status', tenantId, authToken: 'not-the-tenant-token-000', publicBaseUrl: gateway.baseUrl, callId: call.id });
    await expect(deliver(forgedToken)).rejects.toMatchObject(forbidden);
    await expect(deliver({ ...genuine, signature: undefined })).rejects.toMatchObject(forbidden);
    await expect(deliver({ ...genuine, params: { ...genuine.params, CallDuration: '4200' } })).rejects.toMatchObject(forbidden);
    // Signed for another URL (another host, another kind) is not signed for this one.
    const elsewhere = signedWebhook({ ...genuine, kind: 'status', tenantId, authToken: account.authToken, publicBaseUrl: 'https://evil.example', callId: call.id });
    await expect(deliver(elsewhere)).rejects.toMatchObject(forbidden);
    await expect(deliver({ ...genuine, kind: 'amd' })).rejects.toMatchObject(forbidden);
    // Unknown tenants, and tenants without Twilio, look exactly the same: 403, not 404.
    await expect(deliver({ ...genuine, path: genuine.path.replace('/status?', '/amd?'), kind: 'amd' })).rejects.toMatchObject(forbidden);
    // The tenant named in the request must be the one of the signed URL.
    await expect(deliver({ ...genuine, tenant_id: randomUUID() })).rejects.toMatchObject(forbidden);
    await expect(deliver({ ...genuine, path: genuine.path.replace(tenantId, randomUUID()) })).rejects.toMatchObject(forbidden);
    const signedFor = (otherTenant: string) => signedWebhook({
      kind: 'status', tenantId: otherTenant, authToken: account.authToken, publicBaseUrl: gateway.baseUrl, callId: call.id, params: genuine.params,
    });
    await expect(deliver(signedFor(randomUUID()))).rejects.toMatchObject(forbidden);
    await expect(deliver(signedFor('not-a-uuid'))).rejects.toMatchObject(forbidden);
    await expect(deliver(signedFor(tenantCtx().tenant_id as string))).rejects.toMatchObject(forbidden);

    expect(await rowOf(call.id)).toEqual(before);
    expect((await h.outbox()).length).toBe(eventsBefore);
    expect(await h.sql(`SELECT * FROM webhook_receipts WHERE tenant_id = $1`, [tenantId])).toHaveLength(0);

    // The genuine one goes through.
    await expect(deliver(genuine)).resolves.toEqual({ content_type: 'text/plain', body: '' });
    expect(await rowOf(call.id)).toMatchObject({ status: 'completed', duration_seconds: 42 });
  });

  it('refuses a forged webhook over HTTP too (the gateway answers 403)', async () => {
    const { ctx, account } = await twilioTenant();
    const { call, callSid } = await placedCall(ctx);
    const params = statusParams(callSid, account.accountSid, 'ringing', 1);
    const webhook = signedWebhook({
      kind: 'status', tenantId: ctx.tenant_id as string, authToken: 'forged-token-0000000000', publicBaseUrl: gateway.baseUrl, callId: call.id, params,
    });
    const response = await fetch(`${gateway.baseUrl}${webhook.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': webhook.signature as string },
      body: new URLSearchParams(params).toString(),
    });
    expect(response.status).toBe(403);
    expect((await rowOf(call.id)).status).toBe('queued');
  });

  it('checks signatures against the tenant’s own public base URL when it set one', async () => {
    const { ctx, account } = await twilioTenant('https://tenant-proxy.example.com/');
    const { call, callSid } = await placedCall(ctx);
    const params = statusParams(callSid, account.accountSid, 'ringing', 1);
    const base = { kind: 'status' as const, tenantId: ctx.tenant_id as string, authToken: account.authToken, callId: call.id, params };
    await expect(deliver(signedWebhook({ ...base, publicBaseUrl: gateway.baseUrl }))).rejects.toMatchObject({ code: ErrorCode.Forbidden });
    await deliver(signedWebhook({ ...base, publicBaseUrl: 'https://tenant-proxy.example.com' }));
    expect((await rowOf(call.id)).status).toBe('ringing');
  });

  it('applies a retried callback once and never moves a call backwards on a late one', async () => {
    const { ctx, account } = await twilioTenant();
    const { call, callSid } = await placedCall(ctx);
    const tenantId = ctx.tenant_id as string;
    const status = (callStatus: string, sequence: number, extra: Record<string, string> = {}) =>
      signedWebhook({
        kind: 'status', tenantId, authToken: account.authToken, publicBaseUrl: gateway.baseUrl, callId: call.id,
        params: statusParams(callSid, account.accountSid, callStatus, sequence, extra),
      });

    const ringing = status('ringing', 1);
    await deliver(ringing);
    await deliver(ringing);
    await deliver(status('ringing', 1, { Timestamp: new Date(Date.now() + 1000).toUTCString() }));
    // Completed overtakes in-progress (Twilio does not promise order). Built once: its Timestamp
    // (whole seconds) must not differ between the delivery and its exact retry.
    const completed = status('completed', 3, { CallDuration: '30' });
    await deliver(completed);
    await deliver(status('in-progress', 2));
    await deliver(completed);
    await deliver(status('ringing', 4));

    const row = await rowOf(call.id);
    expect(row).toMatchObject({ status: 'completed', duration_seconds: 30, last_sequence: 4 });
    // Its answer was never reported: derived from the duration.
    expect((row.ended_at as Date).getTime() - (row.answered_at as Date).getTime()).toBe(30_000);
    const moves = (await eventsOf('call.updated', call.id)).map((e) => [e.data.previous_status, e.data.status]);
    expect(moves).toEqual([['queued', 'ringing'], ['ringing', 'completed']]);
    expect(await eventsOf('call.ended', call.id)).toHaveLength(1);
    expect(await eventsOf('call.completed', call.id)).toHaveLength(1);

    // Receipts are kept WEBHOOK_RECEIPT_TTL_H (48 h), then pruned.
    const receipts = await h.sql(`SELECT kind FROM webhook_receipts WHERE tenant_id = $1`, [tenantId]);
    // Seven deliveries, two of them exact repeats.
    expect(receipts).toHaveLength(5);
    await h.sql(`UPDATE webhook_receipts SET received_at = now() - interval '49 hours' WHERE tenant_id = $1`, [tenantId]);
    await h.app.get(WebhookReceipts).prune();
    expect(await h.sql(`SELECT kind FROM webhook_receipts WHERE tenant_id = $1`, [tenantId])).toHaveLength(0);
  });

  it('finds a call by the id in its URL when the callback beats the CallSid into the database', async () => {
    const { ctx, account } = await twilioTenant();
    const call = await h.bus.send(S.createCall, { direction: 'outbound', type: 'phone', phone_number: '+14155552671' }, ctx);
    const callSid = newCallSid();
    await deliver(signedWebhook({
      kind: 'status', tenantId: ctx.tenant_id as string, authToken: account.authToken, publicBaseUrl: gateway.baseUrl, callId: call.id,
      params: statusParams(callSid, account.accountSid, 'ringing', 1),
    }));
    expect(await rowOf(call.id)).toMatchObject({ status: 'ringing', provider_call_id: callSid });
    // A callback naming another CallSid with this call's id is not this call's.
    await deliver(signedWebhook({
      kind: 'status', tenantId: ctx.tenant_id as string, authToken: account.authToken, publicBaseUrl: gateway.baseUrl, callId: call.id,
      params: statusParams(newCallSid(), account.accountSid, 'completed', 2),
    }));
    expect((await rowOf(call.id)).status).toBe('ringing');
  });

  it('answers an inbound call with TwiML that queues the caller for a human, and records the call once', async () => {
    const { ctx, account } = await twilioTenant();
    const tenantId = ctx.tenant_id as string;
    const voiceUrl = `${gateway.baseUrl}/api/v1/telephony/twilio/voice?tenant=${tenantId}`;
    const statusUrl = `${gateway.baseUrl}/api/v1/telephony/twilio/status?tenant=${tenantId}`;
    const inbound = await fake.placeInboundCall({
      accountSid: account.accountSid, from: '+14155550142', to: account.phoneNumber, url: voiceUrl, statusCallback: statusUrl, talkMs: 50,
    });
    expect(inbound.status).toBe(200);
    const twiml = parseTwiml(inbound.body);
    expect(twiml.children.map((verb) => verb.name)).toEqual(['Say', 'Enqueue']);
    expect(twiml.children[1].text).toBe(`parley-${tenantId}`);

    const calls = await h.bus.send(S.listCalls, {}, ctx);
    expect(calls.data).toEqual([expect.objectContaining({
      direction: 'inbound', type: 'phone', from_number: '+14155550142', to_number: account.phoneNumber, provider_call_id: inbound.callSid,
    })]);
    const callId = calls.data[0].id;
    const [started] = await eventsOf('call.started', callId);
    expect(started).toMatchObject({ tenant_id: tenantId, actor_id: null, data: { direction: 'inbound', status: 'ringing', from_number: '+14155550142' } });

    // The number's status callback ends it.
    await fake.waitForCall(inbound.callSid);
    expect(await h.bus.send(S.getCall, { id: callId }, ctx)).toMatchObject({ status: 'completed', duration_seconds: expect.any(Number) });

    // Twilio retrying the voice webhook gets the same TwiML and no second call.
    const voice = fake.calls.find((c) => c.sid === inbound.callSid)?.callbacks.find((c) => c.kind === 'voice');
    const replay = await deliver({ kind: 'voice', tenant_id: tenantId, path: new URL(voice?.url ?? '').pathname + new URL(voice?.url ?? '').search, params: voice?.params ?? {}, signature: voice?.signature });
    expect(replay).toEqual({ content_type: 'text/xml', body: inbound.body });
    expect((await h.bus.send(S.listCalls, {}, ctx)).total).toBe(1);
    expect(await eventsOf('call.started', callId)).toHaveLength(1);
  });

  it('records speech, recordings and answering-machine results on the call, once each', async () => {
    const { ctx, account } = await twilioTenant();
    const { call, callSid } = await placedCall(ctx);
    const base = { tenantId: ctx.tenant_id as string, authToken: account.authToken, publicBaseUrl: gateway.baseUrl, callId: call.id };
    const common = { CallSid: callSid, AccountSid: account.accountSid, ApiVersion: '2010-04-01' };

    const gather = signedWebhook({ ...base, kind: 'gather', params: { ...common, SpeechResult: 'I would like a demo', Confidence: '0.91' } });
    const answer = await deliver(gather);
    expect(answer.content_type).toBe('text/xml');
    expect(parseTwiml(answer.body).name).toBe('Response');
    await expect(deliver(gather)).resolves.toEqual(answer);
    // A repeated form key is signed as a list; the handler reads its last value.
    await deliver(signedWebhook({ ...base, kind: 'gather', params: { ...common, Digits: ['1', '2'] } }));

    await deliver(signedWebhook({ ...base, kind: 'recording', params: {
      ...common, RecordingSid: 'RE0123456789abcdef0123456789abcdef', RecordingUrl: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE01',
      RecordingStatus: 'completed', RecordingDuration: '27',
    } }));
    await deliver(signedWebhook({ ...base, kind: 'recording', params: { ...common, RecordingUrl: 'https://x.test/partial', RecordingStatus: 'in-progress' } }));
    await expect(deliver(signedWebhook({ ...base, kind: 'amd', params: { ...common, AnsweredBy: 'machine_end_beep', MachineDetectionDuration: '2400' } })))
      .resolves.toEqual({ content_type: 'text/plain', body: '' });

    const detail = await h.bus.send(S.getCall, { id: call.id }, ctx);
    expect(detail).toMatchObject({
      transcript: [{ speaker: 'caller', text: 'I would like a demo', at: expect.any(String) }, { speaker: 'caller', text: '2', at: expect.any(String) }],
      recording_url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE01',
      outcome: 'voicemail',
      analysis: {
        last_speech_confidence: 0.91, answered_by: 'machine_end_beep', machine_detection_ms: 2400,
        recording: { sid: 'RE0123456789abcdef0123456789abcdef', duration_seconds: 27 },
      },
    });
    expect((await eventsOf('call.updated', call.id)).map((e) => e.data.changes)).toEqual([['transcript'], ['transcript'], ['recording_url'], ['analysis', 'outcome']]);
  });

  it('answers webhooks about calls it does not know without failing (Twilio would retry a failure)', async () => {
    const { ctx, account } = await twilioTenant();
    const params = statusParams(newCallSid(), account.accountSid, 'completed', 3);
    await expect(deliver(signedWebhook({ kind: 'status', tenantId: ctx.tenant_id as string, authToken: account.authToken, publicBaseUrl: gateway.baseUrl, params })))
      .resolves.toEqual({ content_type: 'text/plain', body: '' });
    expect((await h.bus.send(S.listCalls, {}, ctx)).total).toBe(0);
  });
});
