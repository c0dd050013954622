import { eventually, parseTwiml, type FakeTwilioCall, type TwimlNode } from '@parley/testing';
import { addMemberWithRole, expectErrorBody, registerTenant, type TestTenant } from './support/api';
import { useOwnPlatform } from './support/spec-platform';
import { collectEvents, nextEvent } from './support/socket-client';
import { callAnyTime, callReaching, connectTwilio, fictionalNumber, postTwilioWebhook, twilioSignature } from './support/telephony';

const child = (node: TwimlNode, name: string) => node.children.find((c) => c.name === name);

/**
 * Escalation, channel onboarding and the connection test through the gateway, with identity,
 * leads and telephony running and a fake Twilio of this spec's own carrying the calls.
 */
describe('escalating live calls to humans, channels and the Twilio connection test', () => {
  const own = useOwnPlatform();
  const open = (token: string) => own.open(token);

  describe('POST /calls/:id/escalate', () => {
    let owner: TestTenant;
    let agent: TestTenant;
    let outsider: TestTenant;
    let account: Awaited<ReturnType<typeof connectTwilio>>;
    beforeAll(async () => {
      [owner, outsider] = await Promise.all([registerTenant(own.api, 'escalating'), registerTenant(own.api, 'escalation-outsider')]);
      agent = await addMemberWithRole(own.api, owner, 'agent');
      account = await connectTwilio(own.api, owner, own.platform.twilio);
      await callAnyTime(own.api, owner);
    });

    /** An outbound call through the fake Twilio, answered, with a long talk time. */
    async function liveCall(body: Record<string, unknown> = {}): Promise<{ id: string; twilioCall: FakeTwilioCall }> {
      const number = fictionalNumber();
      own.platform.twilio.script(number, { outcome: 'completed', ringMs: 50, talkMs: 20_000 });
      const initiated = await own.api.post('/api/v1/calls/initiate', { phone_number: number, ...body }, { token: owner.token });
      expect(initiated.status).toBe(201);
      await callReaching(own.api, owner, initiated.body.id, 'in_progress');
      return { id: initiated.body.id, twilioCall: own.platform.twilio.calls.find((c) => c.to === number)! };
    }

    /** The TwiML the fake Twilio is running on the call once it took our update. */
    const runningTwiml = (twilioCall: FakeTwilioCall, verb: string) =>
      eventually(() => twilioCall.twiml, (xml) => !!xml && parseTwiml(xml).children.some((c) => c.name === verb)).then((xml) => parseTwiml(xml as string));

    it('warm-transfers to the agent who is ready: Twilio runs the Dial TwiML, escalation.triggered reaches the tenant\'s sockets only', async () => {
      const ready = await own.api.patch('/api/v1/agents/status', { status: 'ready' }, { token: agent.token });
      expect(ready.status).toBe(200);
      const lead = await own.api.post('/api/v1/leads', { name: 'Escalated Lead', phone: fictionalNumber('646') }, { token: owner.token });
      expect(lead.status).toBe(201);
      const { id, twilioCall } = await liveCall({ lead_id: lead.body.id });
      const [watcher, foreign] = await Promise.all([open(owner.token), open(outsider.token)]);
      const heardAbroad = collectEvents(foreign, 'escalation.triggered', 2500);
      const triggered = nextEvent(watcher, 'escalation.triggered', 10_000);
      const completed = nextEvent(watcher, 'escalation.completed', 15_000);

      const res = await own.api.post(`/api/v1/calls/${id}/escalate`, { reason: 'the caller asked for a person', summary: 'Disputes an invoice' }, { token: owner.token });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({
        call_id: id, lead_id: lead.body.id, status: 'dialing', agent_id: agent.userId, selected_by: expect.stringMatching(/^(routing|least_busy)$/),
        reason: 'the caller asked for a person', summary: 'Disputes an invoice', outcome: null,
      });

      const twiml = await runningTwiml(twilioCall, 'Dial');
      expect(twiml.children.map((v) => v.name)).toEqual(['Say', 'Dial']);
      const dial = child(twiml, 'Dial')!;
      const dialUrl = dial.attributes.action;
      expect(dialUrl).toBe(`${own.platform.baseUrl}/api/v1/telephony/twilio/dial?tenant=${owner.tenantId}&call_id=${id}&escalation_id=${res.body.id}`);
      expect(child(child(dial, 'Client')!, 'Identity')?.text).toBe(`agent_${agent.userId.replace(/-/g, '_')}`);

      expect(await triggered).toEqual({
        escalation_id: res.body.id, call_id: id, lead_id: lead.body.id, agent_id: agent.userId, status: 'dialing',
        selected_by: res.body.selected_by, reason: 'the caller asked for a person', summary: 'Disputes an invoice',
      });
      expect(await heardAbroad).toEqual([]);
      expect((await own.api.get(`/api/v1/calls/${id}`, { token: owner.token })).body).toMatchObject({ status: 'in_progress', agent_id: agent.userId });

      // Twilio reports the dial to the agent over, signed, through the gateway's public webhook.
      const params = {
        AccountSid: account.accountSid, CallSid: twilioCall.sid, CallStatus: 'in-progress', DialCallStatus: 'completed', DialCallDuration: '64',
        DialCallSid: 'CA0123456789abcdef0123456789abcdef',
      };
      const forged = await postTwilioWebhook(dialUrl, params, twilioSignature('not-the-token', dialUrl, params));
      expect(forged.status).toBe(403);
      const reported = await postTwilioWebhook(dialUrl, params, twilioSignature(account.authToken, dialUrl, params));
      expect(reported.status).toBe(200);
      expect(reported.contentType).toMatch(/^text\/xml/);
      expect(parseTwiml(reported.body).children.map((v) => v.name)).toEqual(['Say', 'Hangup']);
      expect(await completed).toEqual({
        escalation_id: res.body.id, call_id: id, lead_id: lead.body.id, agent_id: agent.userId, outcome: 'connected', duration_seconds: 64,
      });
    }, 40_000);

    it('with no agent ready: the caller holds in the human queue (Enqueue TwiML), escalation.triggered without an agent', async () => {
      const away = await own.api.patch('/api/v1/agents/status', { status: 'offline' }, { token: agent.token });
      expect(away.status).toBe(200);
      const { id, twilioCall } = await liveCall();
      const watcher = await open(owner.token);
      const triggered = nextEvent(watcher, 'escalation.triggered', 10_000);

      const res = await own.api.post(`/api/v1/calls/${id}/escalate`, {}, { token: owner.token });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({
        call_id: id, status: 'queued', agent_id: null, queue_name: `parley-${owner.tenantId}`, queue_position: expect.any(Number),
        selection_reason: expect.stringMatching(/no agent is available/),
      });

      const twiml = await runningTwiml(twilioCall, 'Enqueue');
      expect(twiml.children.map((v) => v.name)).toEqual(['Say', 'Enqueue']);
      const enqueue = child(twiml, 'Enqueue')!;
      expect(enqueue.text).toBe(`parley-${owner.tenantId}`);
      const waitUrl = enqueue.attributes.waitUrl;
      expect(waitUrl).toBe(`${own.platform.baseUrl}/api/v1/telephony/twilio/wait?tenant=${owner.tenantId}&call_id=${id}&escalation_id=${res.body.id}`);
      expect(await triggered).toMatchObject({ escalation_id: res.body.id, call_id: id, agent_id: null, status: 'queued' });

      // Twilio asks what the caller hears on hold: their place in line, then music.
      const params = { AccountSid: account.accountSid, CallSid: twilioCall.sid, QueuePosition: '1', QueueTime: '5', CurrentQueueSize: '1' };
      const hold = await postTwilioWebhook(waitUrl, params, twilioSignature(account.authToken, waitUrl, params));
      expect(hold.status).toBe(200);
      const holdTwiml = parseTwiml(hold.body);
      expect(holdTwiml.children.map((v) => v.name)).toEqual(['Say', 'Play']);
      expect(child(holdTwiml, 'Say')?.text).toMatch(/number 1 in line/);

      // Escalating it again while it waits is a conflict.
      expectErrorBody(await own.api.post(`/api/v1/calls/${id}/escalate`, {}, { token: owner.token }), 409, 'CONFLICT');
    }, 30_000);

    it('refuses another tenant\'s call (404), a call not in progress (409), and a caller without calls:write (403)', async () => {
      const { id } = await liveCall();
      expectErrorBody(await own.api.post(`/api/v1/calls/${id}/escalate`, {}, { token: outsider.token }), 404, 'NOT_FOUND');
      const viewer = await addMemberWithRole(own.api, owner, 'viewer');
      expectErrorBody(await own.api.post(`/api/v1/calls/${id}/escalate`, {}, { token: viewer.token }), 403, 'FORBIDDEN');
      expectErrorBody(await own.api.post(`/api/v1/calls/${id}/escalate`, { agent_id: 'nope' }, { token: owner.token }), 422, 'VALIDATION_FAILED');

      const recorded = await own.api.post('/api/v1/calls', { direction: 'inbound', type: 'phone', phone_number: fictionalNumber('646') }, { token: owner.token });
      expect(recorded.status).toBe(201);
      const refused = await own.api.post(`/api/v1/calls/${recorded.body.id}/escalate`, {}, { token: owner.token });
      expectErrorBody(refused, 409, 'CONFLICT');
      expect((await own.api.get(`/api/v1/calls/${id}`, { token: owner.token })).body.agent_id).toBe(owner.userId);
    }, 30_000);
  });

  describe('channels and the connection test', () => {
    it('checks the saved Twilio credentials for real: ok, then a bad token reported', async () => {
      const owner = await registerTenant(own.api, 'connection-test');
      const notYet = await own.api.post('/api/v1/config/test-connection', {}, { token: owner.token });
      expect(notYet.status).toBe(200);
      expect(notYet.body.twilio).toMatchObject({ ok: false, configured: false });

      const account = await connectTwilio(own.api, owner, own.platform.twilio);
      const ok = await own.api.post('/api/v1/config/test-connection', { provider: 'twilio' }, { token: owner.token });
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({
        twilio: {
          ok: true, configured: true, account_sid: account.accountSid, account_name: expect.any(String), account_status: 'active',
          phone_number: account.phoneNumber, phone_number_found: true, error: null,
        },
      });

      const resaved = await own.api.put('/api/v1/config/telephony', {
        twilio_account_sid: account.accountSid, twilio_auth_token: '0'.repeat(32), twilio_phone_number: account.phoneNumber,
      }, { token: owner.token });
      expect(resaved.status).toBe(200);
      const bad = await own.api.post('/api/v1/config/test-connection', {}, { token: owner.token });
      expect(bad.body.twilio).toMatchObject({ ok: false, error: { code: 20003 } });
      // Voice-ai checks OpenAI: this platform has no key at all, so nothing was called.
      expect(bad.body.openai).toMatchObject({ checked: true, ok: false, configured: false, models: [] });

      const agent = await addMemberWithRole(own.api, owner, 'agent');
      expectErrorBody(await own.api.post('/api/v1/config/test-connection', {}, { token: agent.token }), 403, 'FORBIDDEN');
    }, 30_000);

    it('saves the channels and points the Twilio number at the gateway\'s webhooks', async () => {
      const owner = await registerTenant(own.api, 'channels');
      const account = await connectTwilio(own.api, owner, own.platform.twilio);
      const saved = await own.api.post('/api/v1/onboarding/channels', {
        phone_number: account.phoneNumber, chat_widget: { enabled: true, greeting: 'Hello!', color: '#00aa55' },
        whatsapp: { enabled: false }, email: { enabled: true, address: 'help@channels.test' },
      }, { token: owner.token });
      expect(saved.status).toBe(200);
      const voiceUrl = `${own.platform.baseUrl}/api/v1/telephony/twilio/voice?tenant=${owner.tenantId}`;
      expect(saved.body).toMatchObject({
        phone: { number: account.phoneNumber, twilio_webhooks_configured: true, voice_url: voiceUrl },
        chat_widget: { enabled: true, greeting: 'Hello!', color: '#00aa55' },
        email: { enabled: true, address: 'help@channels.test' },
      });
      const update = own.platform.twilio.requests.find((r) => r.method === 'POST' && r.path.startsWith(`/2010-04-01/Accounts/${account.accountSid}/IncomingPhoneNumbers/`));
      expect(update?.params).toMatchObject({ VoiceUrl: voiceUrl, VoiceMethod: 'POST', StatusCallback: `${own.platform.baseUrl}/api/v1/telephony/twilio/status?tenant=${owner.tenantId}` });
      expect((await own.api.get('/api/v1/onboarding/channels', { token: owner.token })).body).toEqual(saved.body);

      expectErrorBody(await own.api.post('/api/v1/onboarding/channels', { chat_widget: { enabled: true, color: 'red' } }, { token: owner.token }), 422, 'VALIDATION_FAILED');
      const outsider = await registerTenant(own.api, 'channels-outsider');
      expect((await own.api.get('/api/v1/onboarding/channels', { token: outsider.token })).body.phone.number).toBeNull();
    }, 30_000);
  });
});
