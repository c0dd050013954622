import { eventually, parseTwiml } from '@parley/testing';
import { expectErrorBody, registerTenant, type TestTenant } from './support/api';
import { readyFaqDocument } from './support/knowledge';
import { nextEvent } from './support/socket-client';
import { useOwnPlatform } from './support/spec-platform';
import { callAnyTime, connectTwilio, fictionalNumber, type TwilioAccount } from './support/telephony';
import { createAgent, SALES_FAQ } from './support/voice-ai';

/**
 * AI agents on the phone, end to end through a fake Twilio: an agent deployed on the tenant's
 * number answers inbound calls turn by turn through <Gather> (local provider), leaves a voicemail
 * when an answering machine picks up an outbound call, and (openai provider) speaks through a Media
 * Stream bridged to the fake's Realtime API, where the caller can interrupt it.
 */
describe('AI agents on the phone', () => {
  const own = useOwnPlatform({ openai: true, telephonyEnv: { MEDIA_STREAMS: 'true', MEDIA_SINK: 'none' } });
  const voiceWebhook = (tenantId: string) => `${own.platform.baseUrl}/api/v1/telephony/twilio/voice?tenant=${tenantId}`;

  describe('deploying', () => {
    it('refuses to deploy without a number, then deploys on the tenant\'s Twilio number and activates the agent', async () => {
      const owner = await registerTenant(own.api, 'deploy');
      const agent = await createAgent(own.api, owner);
      expectErrorBody(await own.api.post(`/api/v1/ai-agents/${agent.id}/deploy`, {}, { token: owner.token }), 422, 'VALIDATION_FAILED');

      const account = await connectTwilio(own.api, owner, own.platform.twilio);
      const deployed = await own.api.post(`/api/v1/ai-agents/${agent.id}/deploy`, {}, { token: owner.token });
      expect(deployed.status).toBe(200);
      expect(deployed.body).toMatchObject({
        success: true, phone_number: account.phoneNumber, agent: { id: agent.id, status: 'active', phone_number: account.phoneNumber },
      });
      expect(deployed.body.agent.deployed_at).toEqual(expect.any(String));
      expect((await own.api.get(`/api/v1/ai-agents/${agent.id}`, { token: owner.token })).body).toMatchObject({ status: 'active', phone_number: account.phoneNumber });
    });

    it('onboards in one request: settings, business, knowledge and agents, all validated before any is applied', async () => {
      const owner = await registerTenant(own.api, 'setup-complete');
      const accountSid = `AC${'1'.repeat(32)}`;
      const number = fictionalNumber('415');
      own.platform.twilio.addAccount(accountSid, 'f'.repeat(32), [number]);
      const done = await own.api.post('/api/v1/setup/complete', {
        business: { company_name: 'Acme Cloud', industry: 'saas' },
        knowledge: { faq_text: SALES_FAQ },
        api_config: {
          openai: { default_provider: 'local' },
          twilio: { twilio_account_sid: accountSid, twilio_auth_token: 'f'.repeat(32), twilio_phone_number: number },
        },
        agents: [{ name: 'Sam', company_name: 'Acme Cloud' }, { name: 'Alex', company_name: 'Acme Cloud', tone: 'energetic' }],
      }, { token: owner.token });
      expect(done.status).toBe(200);
      expect(done.body.success).toBe(true);
      expect(done.body.steps.map((s: { step: string; status: string }) => [s.step, s.status])).toEqual([
        ['api_config.openai', 'applied'], ['api_config.twilio', 'applied'], ['business', 'applied'], ['knowledge', 'applied'], ['agents', 'applied'],
      ]);
      expect(done.body.agents.map((a: { name: string }) => a.name)).toEqual(['Sam', 'Alex']);
      expect((await own.api.get('/api/v1/config/telephony', { token: owner.token })).body).toMatchObject({ twilio_phone_number: number });
      expect((await own.api.get('/api/v1/config/business', { token: owner.token })).body.data[0]).toMatchObject({ company_name: 'Acme Cloud' });
      expect((await own.api.get('/api/v1/ai-agents', { token: owner.token })).body.total).toBe(2);
      expect((await own.api.get('/api/v1/knowledge/documents', { token: owner.token })).body.total).toBeGreaterThanOrEqual(1);

      // The whole request is validated before anything is applied.
      const invalid = await own.api.post('/api/v1/setup/complete', { agents: [{ name: '' }], business: { company_name: 'Never Saved Ltd' } }, { token: owner.token });
      expectErrorBody(invalid, 422, 'VALIDATION_FAILED');
      expect((await own.api.get('/api/v1/config/business', { token: owner.token })).body.total).toBe(1);

      // The onboarding's last step deploys one of them on the saved number.
      const alex = done.body.agents[1];
      const deployed = await own.api.post('/api/v1/onboarding/deploy', { ai_agent_id: alex.id }, { token: owner.token });
      expect(deployed.status).toBe(200);
      expect(deployed.body).toMatchObject({ success: true, phone_number: number, agent: { id: alex.id, name: 'Alex', status: 'active' } });
    });
  });

  describe('a deployed local agent', () => {
    let owner: TestTenant;
    let account: TwilioAccount;
    let agentId: string;

    beforeAll(async () => {
      owner = await registerTenant(own.api, 'phone-local');
      await readyFaqDocument(own.api, owner, SALES_FAQ);
      account = await connectTwilio(own.api, owner, own.platform.twilio);
      await callAnyTime(own.api, owner);
      const agent = await createAgent(own.api, owner, { provider: 'local' });
      agentId = agent.id;
      const deployed = await own.api.post(`/api/v1/ai-agents/${agent.id}/deploy`, {}, { token: owner.token });
      if (deployed.status !== 200) throw new Error(`deploy: ${deployed.status} ${JSON.stringify(deployed.body)}`);
    }, 60_000);

    it('answers an inbound call and talks turn by turn until the caller says goodbye; the call keeps the transcript and the summary', async () => {
      const caller = fictionalNumber('646');
      const watcher = await own.open(owner.token);
      const added: any[] = [];
      watcher.on('interaction.added', (p) => added.push(p));

      const answer = await own.platform.twilio.placeInboundCall({
        accountSid: account.accountSid, from: caller, to: account.phoneNumber, url: voiceWebhook(owner.tenantId),
        speech: ['How much does Acme Cloud cost?', 'Can you call me back tomorrow at 3pm?', 'Thanks, goodbye!'],
      });
      expect(answer.status).toBe(200);
      const [gather] = parseTwiml(answer.body).children;
      expect(gather).toMatchObject({ name: 'Gather', attributes: { input: 'speech' } });

      const twilioCall = own.platform.twilio.calls.find((c) => c.sid === answer.callSid)!;
      await own.platform.twilio.waitForCall(twilioCall.sid, 30_000);
      expect(twilioCall.said).toEqual(['How much does Acme Cloud cost?', 'Can you call me back tomorrow at 3pm?', 'Thanks, goodbye!']);
      expect(twilioCall.heard[0]).toMatch(/Sam/);
      expect(twilioCall.heard.some((line) => line.includes('$49'))).toBe(true);
      // The last thing heard is the agent's goodbye, then <Hangup/>.
      expect(twilioCall.heard.length).toBe(4);

      const calls = await own.api.get(`/api/v1/calls?ai_agent_id=${agentId}`, { token: owner.token });
      expect(calls.body.total).toBe(1);
      const callId = calls.body.data[0].id as string;
      // Telephony keeps the transcript from voice-ai's turns (both speakers), and the summary once scored.
      const call = await eventually(
        async () => (await own.api.get(`/api/v1/calls/${callId}`, { token: owner.token })).body,
        (c) => c?.summary !== null && c?.summary !== undefined && (c?.transcript?.length ?? 0) >= 7,
        15_000,
      );
      expect(call.transcript.map((t: { speaker: string; text: string }) => [t.speaker, t.text]).filter(([s]: string[]) => s === 'caller')).toEqual([
        ['caller', 'How much does Acme Cloud cost?'], ['caller', 'Can you call me back tomorrow at 3pm?'], ['caller', 'Thanks, goodbye!'],
      ]);
      expect(call.transcript[0].text).toBe(twilioCall.heard[0]);

      const conversations = await own.api.get(`/api/v1/voice/calls?ai_agent_id=${agentId}`, { token: owner.token });
      expect(conversations.body.data[0]).toMatchObject({ call_type: 'phone', call_id: callId, status: 'ended', phone_number: caller });
      expect((await own.api.get(`/api/v1/ai-agents/${agentId}/conversations`, { token: owner.token })).body.totals).toMatchObject({ calls: 1 });
      expect(added.filter((p) => p.call_id === callId && p.speaker === 'caller').map((p) => p.text)).toEqual(twilioCall.said);
    }, 60_000);

    it('leaves a voicemail when an answering machine picks up an outbound call', async () => {
      const number = fictionalNumber('718');
      own.platform.twilio.script(number, { outcome: 'completed', answeredBy: 'machine_start', talkMs: 5000 });
      const initiated = await own.api.post('/api/v1/calls/initiate', { phone_number: number, ai_agent_id: agentId }, { token: owner.token });
      expect(initiated.status).toBe(201);
      const twilioCall = own.platform.twilio.calls.find((c) => c.to === number)!;
      await own.platform.twilio.waitForCall(twilioCall.sid, 30_000);

      expect(twilioCall.answeredBy).toBe('machine_start');
      // The live call was given the voicemail: spoken to the machine, then hung up.
      const voicemail = twilioCall.updates.find((u) => u['Twiml'])?.['Twiml'];
      expect(voicemail).toBeDefined();
      const verbs = parseTwiml(voicemail!).children.map((v) => v.name);
      expect(verbs).toEqual(['Say', 'Hangup']);
      expect(twilioCall.heard.at(-1)).toMatch(/Acme Cloud/);
    }, 45_000);
  });

  describe('a deployed openai agent over a Media Stream', () => {
    it('bridges the caller to the Realtime API, plays its answer, and stops talking when interrupted', async () => {
      const owner = await registerTenant(own.api, 'phone-realtime');
      const account = await connectTwilio(own.api, owner, own.platform.twilio);
      const agent = await createAgent(own.api, owner, { provider: 'openai' });
      expect((await own.api.post(`/api/v1/ai-agents/${agent.id}/deploy`, {}, { token: owner.token })).status).toBe(200);
      own.openai.setRealtimeTranscripts(['Hi, what does Acme Cloud do?', 'Sorry, one more question.']);
      const sessionsBefore = own.openai.realtimeSessions.length;

      const answer = await own.platform.twilio.placeInboundCall({
        accountSid: account.accountSid, from: fictionalNumber('917'), to: account.phoneNumber, url: voiceWebhook(owner.tenantId),
        talkMs: 6000,
        // The caller speaks, waits for the answer to start, then talks over it.
        media: { utterances: [{ atMs: 200, durationMs: 700 }, { atMs: 1900, durationMs: 700 }] },
      });
      expect(answer.status).toBe(200);
      expect(parseTwiml(answer.body).children[0].name).toBe('Connect');
      const twilioCall = own.platform.twilio.calls.find((c) => c.sid === answer.callSid)!;
      await own.platform.twilio.waitForCall(twilioCall.sid, 30_000);

      const [stream] = twilioCall.mediaStreams;
      expect(stream).toMatchObject({ handshakeStatus: 101, state: 'closed' });
      // The model's audio reached the caller, and the interruption cleared what was still queued.
      expect(stream.framesReceived.length).toBeGreaterThan(0);
      expect(stream.clearsReceived).toBeGreaterThanOrEqual(1);
      const session = own.openai.realtimeSessions[sessionsBefore];
      expect(session.audioBytesReceived).toBeGreaterThan(0);
      expect(session.truncates.length).toBeGreaterThanOrEqual(1);
      expect(session.truncates[0].audio_end_ms).toBeGreaterThan(0);

      // The conversation is recorded like any other: both speakers' turns, ended when the caller hung up.
      const calls = await own.api.get(`/api/v1/calls?ai_agent_id=${agent.id}`, { token: owner.token });
      const callId = calls.body.data[0].id as string;
      const conversation = await eventually(
        async () => (await own.api.get(`/api/v1/voice/calls?ai_agent_id=${agent.id}`, { token: owner.token })).body.data[0],
        (c) => c?.status === 'ended',
        15_000,
      );
      expect(conversation).toMatchObject({ call_id: callId, provider: 'openai', call_type: 'phone' });
      const detail = await own.api.get(`/api/v1/voice/calls/${conversation.id}`, { token: owner.token });
      expect(detail.body.transcript).toContainEqual(expect.objectContaining({ speaker: 'caller', text: 'Hi, what does Acme Cloud do?' }));
      expect(detail.body.transcript.some((t: { speaker: string }) => t.speaker === 'ai')).toBe(true);
    }, 60_000);

    it('hands the caller to a human when they ask for one: the model\'s tool call becomes an escalation', async () => {
      const owner = await registerTenant(own.api, 'phone-realtime-transfer');
      const account = await connectTwilio(own.api, owner, own.platform.twilio);
      const agent = await createAgent(own.api, owner, { provider: 'openai' });
      expect((await own.api.post(`/api/v1/ai-agents/${agent.id}/deploy`, {}, { token: owner.token })).status).toBe(200);
      own.openai.setRealtimeTranscripts(['I want to talk to a real person, please.']);
      const sessionsBefore = own.openai.realtimeSessions.length;
      const watcher = await own.open(owner.token);
      const escalated = nextEvent(watcher, 'escalation.triggered', 20_000);

      const answer = await own.platform.twilio.placeInboundCall({
        accountSid: account.accountSid, from: fictionalNumber('917'), to: account.phoneNumber, url: voiceWebhook(owner.tenantId),
        talkMs: 5000, media: { utterances: [{ atMs: 200, durationMs: 800 }] },
      });
      expect(answer.status).toBe(200);
      const calls = await eventually(
        async () => (await own.api.get(`/api/v1/calls?ai_agent_id=${agent.id}`, { token: owner.token })).body,
        (page) => page.total === 1,
        10_000,
      );
      const callId = calls.data[0].id as string;

      // No human is ready: the caller waits in the queue, with the agent's reason and summary for whoever picks up.
      const escalation = await escalated;
      expect(escalation).toMatchObject({ call_id: callId, status: 'queued', reason: expect.any(String) });
      const session = own.openai.realtimeSessions[sessionsBefore];
      expect(session.functionCalls.map((c) => c.name)).toContain('transfer_to_human');
      const twilioCall = own.platform.twilio.calls.find((c) => c.sid === answer.callSid)!;
      await eventually(async () => twilioCall.twimlHistory, (history) => history.some((twiml) => twiml.includes('<Enqueue')), 10_000);
    }, 60_000);
  });
});
