import { randomUUID } from 'node:crypto';
import twilio from 'twilio';
import {
  ErrorCode, TelephonySubjects as S, TWILIO_WEBHOOK_PATH, type CallDto, type RequestContext,
  type TwilioWebhookRequest,
} from '@parley/contracts';
import { eventually, parseTwiml, startFakeTwilio, testInfra, type FakeTwilio, type TwimlNode } from '@parley/testing';
import { startAgentDirectoryResponder, type AgentDirectoryResponder } from './support/agent-directory-responder';
import { startComplianceResponder, type ComplianceResponder } from './support/compliance-responder';
import { bootTelephony, tenantCtx, type TelephonyHarness } from './support/telephony-harness';
import { configureTwilio, newTwilioAccount, type TestTwilioAccount } from './support/twilio-fixtures';
import { startWebhookForwarder, type WebhookForwarder } from './support/webhook-forwarder';

const child = (node: TwimlNode, name: string) => node.children.find((c) => c.name === name);

/**
 * Escalating live calls inside the service: calls placed on the fake Twilio and answered, agents
 * and routing played by a responder speaking identity's and leads' contracts, the live call
 * updated through the SDK, and Twilio's dial / queue / wait webhooks signed as Twilio signs them.
 */
describe('escalating a live call to a human (fake Twilio, NATS, Postgres)', () => {
  let fake: FakeTwilio;
  let gateway: WebhookForwarder;
  let compliance: ComplianceResponder;
  let directory: AgentDirectoryResponder;
  let h: TelephonyHarness;
  let numberSeq = 0;

  beforeAll(async () => {
    fake = await startFakeTwilio();
    gateway = await startWebhookForwarder();
    h = await bootTelephony({
      TWILIO_API_BASE_URL: fake.apiBaseUrl, PUBLIC_BASE_URL: gateway.baseUrl, ESCALATION_LOOKUP_TIMEOUT_MS: '400',
      HOLD_MUSIC_URL: 'https://music.parley.test/hold.mp3',
    });
    compliance = await startComplianceResponder(testInfra().NATS_URL, h.iso.prefix);
    directory = await startAgentDirectoryResponder(testInfra().NATS_URL, h.iso.prefix);
    gateway.attach(h.bus);
  });

  afterAll(async () => {
    await directory?.close();
    await compliance?.close();
    await h?.close();
    await gateway?.close();
    await fake?.close();
  });

  const callee = () => `+1415555${String(6000 + numberSeq++).padStart(4, '0')}`;

  async function twilioTenant(): Promise<{ ctx: Partial<RequestContext>; account: TestTwilioAccount; tenant: string }> {
    const ctx = tenantCtx();
    const account = newTwilioAccount(fake);
    await configureTwilio(h.bus, ctx, account);
    return { ctx, account, tenant: ctx.tenant_id as string };
  }

  /** An outbound call through the fake Twilio, answered and kept on the line. */
  async function liveCall(ctx: Partial<RequestContext>, leadId?: string): Promise<CallDto> {
    const to = callee();
    fake.script(to, { outcome: 'completed', ringMs: 20, talkMs: 20_000 });
    const call = await h.bus.send(S.initiateCall, { phone_number: to, ...(leadId ? { lead_id: leadId } : {}) }, ctx);
    return eventually(async () => h.bus.send(S.getCall, { id: call.id }, ctx), (c) => c.status === 'in_progress');
  }

  /** The TwiML Twilio was last told to run on the call (a REST update with Twiml). */
  const updatedTwiml = (call: CallDto): TwimlNode => {
    const record = fake.calls.find((c) => c.sid === call.provider_call_id);
    const twiml = record?.updates.at(-1)?.['Twiml'];
    if (!twiml) throw new Error(`Twilio was not given TwiML for ${call.id}`);
    return parseTwiml(twiml);
  };

  /** An escalation webhook as the gateway forwards it, signed with the tenant's token like Twilio does. */
  function escalationWebhook(kind: 'dial' | 'queue' | 'wait', account: TestTwilioAccount, tenant: string, call: CallDto, escalationId: string, params: Record<string, string>): TwilioWebhookRequest {
    const path = `${TWILIO_WEBHOOK_PATH}/${kind}?${new URLSearchParams({ tenant, call_id: call.id, escalation_id: escalationId }).toString()}`;
    const all = { AccountSid: account.accountSid, CallSid: call.provider_call_id as string, ApiVersion: '2010-04-01', ...params };
    const signature = twilio.getExpectedTwilioSignature(account.authToken, `${gateway.baseUrl}${path}`, all);
    return { kind, tenant_id: tenant, path, params: all, signature };
  }

  const eventsOf = async (type: 'escalation.triggered' | 'escalation.completed' | 'call.updated', callId: string) =>
    (await h.outbox(type)).filter((e) => e.data.call_id === callId).map((e) => e.data);

  it('warm-transfers to the least busy available agent: the caller is told, the agent\'s softphone rings with the context', async () => {
    const { ctx, tenant } = await twilioTenant();
    const [busy, free] = [randomUUID(), randomUUID()];
    directory.setReady(tenant, [{ id: busy, active_calls: 1 }, { id: free }]);
    const call = await liveCall(ctx);

    const escalation = await h.bus.send(S.escalateCall, { call_id: call.id, reason: 'caller asked for a person', summary: 'Wants to change the delivery date' }, ctx);
    expect(escalation).toMatchObject({
      call_id: call.id, status: 'dialing', agent_id: free, agent_client_identity: `agent_${free.replace(/-/g, '_')}`,
      selected_by: 'least_busy', reason: 'caller asked for a person', summary: 'Wants to change the delivery date',
      queue_name: null, outcome: null, requested_by: ctx.user_id,
    });

    const twiml = updatedTwiml(call);
    expect(twiml.children.map((v) => v.name)).toEqual(['Say', 'Dial']);
    const dial = child(twiml, 'Dial') as TwimlNode;
    expect(dial.attributes).toMatchObject({
      action: `${gateway.baseUrl}/api/v1/telephony/twilio/dial?tenant=${tenant}&call_id=${call.id}&escalation_id=${escalation.id}`,
      method: 'POST', timeout: '20',
    });
    const client = child(dial, 'Client') as TwimlNode;
    expect(child(client, 'Identity')?.text).toBe(escalation.agent_client_identity);
    expect(client.children.filter((c) => c.name === 'Parameter').map((p) => [p.attributes.name, p.attributes.value])).toEqual([
      ['call_id', call.id], ['escalation_id', escalation.id], ['reason', 'caller asked for a person'], ['summary', 'Wants to change the delivery date'],
    ]);

    // The call is the agent's and still in progress; the escalation was announced.
    expect(await h.bus.send(S.getCall, { id: call.id }, ctx)).toMatchObject({ status: 'in_progress', agent_id: free });
    expect(await eventsOf('escalation.triggered', call.id)).toEqual([{
      escalation_id: escalation.id, call_id: call.id, lead_id: null, agent_id: free, status: 'dialing', selected_by: 'least_busy',
      reason: 'caller asked for a person', summary: 'Wants to change the delivery date',
    }]);
    expect((await eventsOf('call.updated', call.id)).filter((e) => (e.changes as string[]).includes('agent_id'))).toHaveLength(1);

    // A second escalation while this one is open is refused.
    await expect(h.bus.send(S.escalateCall, { call_id: call.id }, ctx)).rejects.toMatchObject({
      code: ErrorCode.Conflict, details: { call_id: call.id, escalation_id: escalation.id },
    });
  });

  it('completes when the agent\'s dial ends: connected, goodbye TwiML, escalation.completed once even when Twilio retries', async () => {
    const { ctx, account, tenant } = await twilioTenant();
    const agent = randomUUID();
    directory.setReady(tenant, [{ id: agent }]);
    const call = await liveCall(ctx);
    const escalation = await h.bus.send(S.escalateCall, { call_id: call.id }, ctx);

    const webhook = escalationWebhook('dial', account, tenant, call, escalation.id, { DialCallStatus: 'completed', DialCallDuration: '95', CallStatus: 'in-progress' });
    const answer = await h.bus.send(S.twilioWebhook, webhook);
    expect(answer.content_type).toBe('text/xml');
    expect(parseTwiml(answer.body).children.map((v) => v.name)).toEqual(['Say', 'Hangup']);
    const retried = await h.bus.send(S.twilioWebhook, webhook);
    expect(retried).toEqual(answer);

    expect(await eventsOf('escalation.completed', call.id)).toEqual([{
      escalation_id: escalation.id, call_id: call.id, lead_id: null, agent_id: agent, outcome: 'connected', duration_seconds: 95,
    }]);
    expect(await h.bus.send(S.getCall, { id: call.id }, ctx)).toMatchObject({ agent_id: agent });
    const [row] = await h.sql<{ status: string; outcome: string; completed_at: Date }>('SELECT status, outcome, completed_at FROM call_escalations WHERE id = $1', [escalation.id]);
    expect(row).toMatchObject({ status: 'completed', outcome: 'connected', completed_at: expect.any(Date) });
  });

  it('sends the caller to the human queue when the agent does not answer, and gives the call back', async () => {
    const { ctx, account, tenant } = await twilioTenant();
    const agent = randomUUID();
    directory.setReady(tenant, [{ id: agent }]);
    const call = await liveCall(ctx);
    const escalation = await h.bus.send(S.escalateCall, { call_id: call.id, reason: 'billing' }, ctx);

    const answer = await h.bus.send(S.twilioWebhook, escalationWebhook('dial', account, tenant, call, escalation.id, { DialCallStatus: 'no-answer', CallStatus: 'in-progress' }));
    const twiml = parseTwiml(answer.body);
    expect(twiml.children.map((v) => v.name)).toEqual(['Say', 'Enqueue']);
    const enqueue = child(twiml, 'Enqueue') as TwimlNode;
    expect(enqueue.text).toBe(`parley-${tenant}`);

    const completed = await eventsOf('escalation.completed', call.id);
    expect(completed).toEqual([expect.objectContaining({ escalation_id: escalation.id, agent_id: agent, outcome: 'no_answer' })]);
    const triggered = await eventsOf('escalation.triggered', call.id);
    expect(triggered).toHaveLength(2);
    const queued = triggered[1];
    expect(queued).toMatchObject({ agent_id: null, status: 'queued', reason: 'billing' });
    expect(enqueue.attributes.waitUrl).toBe(`${gateway.baseUrl}/api/v1/telephony/twilio/wait?tenant=${tenant}&call_id=${call.id}&escalation_id=${queued.escalation_id}`);
    // The agent never took it: the call is back with the person who placed it.
    expect(await h.bus.send(S.getCall, { id: call.id }, ctx)).toMatchObject({ agent_id: ctx.user_id, status: 'in_progress' });
  });

  it('with nobody available: hold TwiML in the tenant queue, queued with a place in line, escalation.triggered without an agent', async () => {
    const { ctx, account, tenant } = await twilioTenant();
    directory.setReady(tenant, []);
    const first = await liveCall(ctx);
    const second = await liveCall(ctx);

    const queued = await h.bus.send(S.escalateCall, { call_id: first.id, reason: 'angry caller' }, ctx);
    expect(queued).toMatchObject({
      status: 'queued', agent_id: null, agent_client_identity: null, selected_by: null, queue_name: `parley-${tenant}`, queue_position: 1,
      selection_reason: expect.stringMatching(/no agent is available/),
    });
    const twiml = updatedTwiml(first);
    expect(twiml.children.map((v) => v.name)).toEqual(['Say', 'Enqueue']);
    expect(child(twiml, 'Enqueue')?.attributes).toEqual({
      waitUrl: `${gateway.baseUrl}/api/v1/telephony/twilio/wait?tenant=${tenant}&call_id=${first.id}&escalation_id=${queued.id}`,
      waitUrlMethod: 'POST',
      action: `${gateway.baseUrl}/api/v1/telephony/twilio/queue?tenant=${tenant}&call_id=${first.id}&escalation_id=${queued.id}`,
      method: 'POST',
    });
    expect(await eventsOf('escalation.triggered', first.id)).toEqual([expect.objectContaining({ agent_id: null, status: 'queued', reason: 'angry caller' })]);
    expect((await h.bus.send(S.escalateCall, { call_id: second.id }, ctx)).queue_position).toBe(2);

    // While holding, Twilio asks the wait URL: the place in line Twilio reports, then music.
    const wait = await h.bus.send(S.twilioWebhook, escalationWebhook('wait', account, tenant, first, queued.id, {
      QueuePosition: '1', QueueTime: '12', CurrentQueueSize: '2', QueueSid: 'QU0123', AvgQueueTime: '10',
    }));
    const hold = parseTwiml(wait.body);
    expect(hold.children.map((v) => v.name)).toEqual(['Say', 'Play']);
    expect(child(hold, 'Say')?.text).toMatch(/^You are number 1 in line/);
    expect(child(hold, 'Play')?.text).toBe('https://music.parley.test/hold.mp3');

    // The caller hangs up in the queue.
    const left = await h.bus.send(S.twilioWebhook, escalationWebhook('queue', account, tenant, first, queued.id, { QueueResult: 'hangup', QueueTime: '31', CallStatus: 'completed' }));
    expect(parseTwiml(left.body).children).toEqual([]);
    expect(await eventsOf('escalation.completed', first.id)).toEqual([{
      escalation_id: queued.id, call_id: first.id, lead_id: null, agent_id: null, outcome: 'abandoned', duration_seconds: 31,
    }]);
  });

  it('takes the agent leads\' routing picks for the call\'s lead, asking without assigning', async () => {
    const { ctx, tenant } = await twilioTenant();
    const [routed, other] = [randomUUID(), randomUUID()];
    const lead = randomUUID();
    directory.setReady(tenant, [{ id: other }, { id: routed }]);
    directory.routeTo(tenant, lead, routed, 'VIP customers');
    const call = await liveCall(ctx, lead);

    const escalation = await h.bus.send(S.escalateCall, { call_id: call.id }, ctx);
    expect(escalation).toMatchObject({ lead_id: lead, status: 'dialing', agent_id: routed, selected_by: 'routing', routing_rule_applied: 'VIP customers' });
    expect(directory.routings.filter((r) => r.tenant_id === tenant)).toEqual([{ tenant_id: tenant, request: { lead_id: lead, assign: false } }]);
    expect((await eventsOf('escalation.triggered', call.id))[0]).toMatchObject({ lead_id: lead, selected_by: 'routing' });
  });

  it('prefers the requested agent when available; an unavailable one falls back to routing and says so', async () => {
    const { ctx, tenant } = await twilioTenant();
    const [requested, routed] = [randomUUID(), randomUUID()];
    const lead = randomUUID();
    directory.setReady(tenant, [{ id: routed }, { id: requested }]);
    directory.routeTo(tenant, lead, routed);
    const call = await liveCall(ctx, lead);
    expect(await h.bus.send(S.escalateCall, { call_id: call.id, agent_id: requested }, ctx)).toMatchObject({ agent_id: requested, selected_by: 'request' });

    const away = randomUUID();
    const other = await liveCall(ctx, lead);
    const fallback = await h.bus.send(S.escalateCall, { call_id: other.id, agent_id: away }, ctx);
    // The requested agent is not ready, and `requested` is being dialed for the first call.
    expect(fallback).toMatchObject({ agent_id: routed, selected_by: 'routing', selection_reason: expect.stringContaining(`the requested agent ${away} is not available`) });
  });

  it('does not ring an agent twice at once; an agent whose escalated call ended is free again', async () => {
    const { ctx, tenant } = await twilioTenant();
    const agent = randomUUID();
    directory.setReady(tenant, [{ id: agent }]);
    const first = await liveCall(ctx);
    expect((await h.bus.send(S.escalateCall, { call_id: first.id }, ctx)).agent_id).toBe(agent);
    const second = await liveCall(ctx);
    expect(await h.bus.send(S.escalateCall, { call_id: second.id }, ctx)).toMatchObject({ status: 'queued', agent_id: null });

    // The first call ends before Twilio reported the dial: its agent is not held by it.
    await h.bus.send(S.endCall, { id: first.id }, ctx);
    await eventually(async () => (await h.bus.send(S.getCall, { id: first.id }, ctx)).status === 'completed');
    const third = await liveCall(ctx);
    expect((await h.bus.send(S.escalateCall, { call_id: third.id }, ctx)).agent_id).toBe(agent);
  });

  it('queues the caller when identity does not answer: a caller on the line is never turned away', async () => {
    const { ctx, tenant } = await twilioTenant();
    directory.unreachable(tenant);
    const call = await liveCall(ctx);
    const escalation = await h.bus.send(S.escalateCall, { call_id: call.id }, ctx);
    expect(escalation).toMatchObject({ status: 'queued', agent_id: null, selection_reason: expect.stringMatching(/identity did not answer/) });
    expect(updatedTwiml(call).children.map((v) => v.name)).toEqual(['Say', 'Enqueue']);
  });

  it('refuses a call that is not live (409), and another tenant\'s call (404), changing nothing', async () => {
    const { ctx, tenant } = await twilioTenant();
    directory.setReady(tenant, [{ id: randomUUID() }]);
    const recorded = await h.bus.send(S.createCall, { direction: 'inbound', type: 'phone', phone_number: '+14155550000' }, ctx);
    await expect(h.bus.send(S.escalateCall, { call_id: recorded.id }, ctx)).rejects.toMatchObject({ code: ErrorCode.Conflict });

    const call = await liveCall(ctx);
    await expect(h.bus.send(S.escalateCall, { call_id: call.id }, tenantCtx())).rejects.toMatchObject({ code: ErrorCode.NotFound });
    await h.bus.send(S.endCall, { id: call.id }, ctx);
    await expect(h.bus.send(S.escalateCall, { call_id: call.id }, ctx)).rejects.toMatchObject({
      code: ErrorCode.Conflict, message: 'the call is completed: only a call in progress can be escalated', details: { status: 'completed' },
    });
    await expect(h.bus.send(S.escalateCall, { call_id: 'nope' }, ctx)).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
    expect(await eventsOf('escalation.triggered', call.id)).toEqual([]);
    expect(await eventsOf('escalation.triggered', recorded.id)).toEqual([]);
  });

  it('ends the escalation failed and answers 409 when Twilio says the call is no longer in progress', async () => {
    const { ctx, tenant } = await twilioTenant();
    const agent = randomUUID();
    directory.setReady(tenant, [{ id: agent }]);
    const to = callee();
    fake.script(to, { outcome: 'completed', ringMs: 20, talkMs: 50 });
    const placed = await h.bus.send(S.initiateCall, { phone_number: to }, ctx);
    await fake.waitForCall(placed.provider_call_id as string);
    // Our record missed the hang-up (a lost callback): it still says in progress.
    await h.sql(`UPDATE calls SET status = 'in_progress', ended_at = NULL WHERE id = $1`, [placed.id]);

    await expect(h.bus.send(S.escalateCall, { call_id: placed.id }, ctx)).rejects.toMatchObject({
      code: ErrorCode.Conflict, details: { twilio_code: 21220 },
    });
    const [completed] = await eventsOf('escalation.completed', placed.id);
    expect(completed).toMatchObject({ agent_id: agent, outcome: 'failed' });
    expect(await h.bus.send(S.getCall, { id: placed.id }, ctx)).toMatchObject({ agent_id: ctx.user_id });
  });
});

