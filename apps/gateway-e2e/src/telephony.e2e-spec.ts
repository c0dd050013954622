import { eventually, parseTwiml } from '@parley/testing';
import { addMemberWithRole, expectErrorBody, registerTenant, type TestTenant } from './support/api';
import { useOwnPlatform } from './support/spec-platform';
import { collectEvents, nextEvent } from './support/socket-client';
import {
  callAnyTime, callReaching, connectTwilio, everyDay, fictionalNumber, postTwilioWebhook, twilioSignature,
} from './support/telephony';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A platform of its own, so this spec holds its fake Twilio: it scripts calls, reads what Twilio
 * was asked, and plays inbound calls. Twilio's webhooks reach the real gateway on loopback.
 */
describe('telephony through the gateway and a fake Twilio', () => {
  const own = useOwnPlatform();
  const open = (token: string) => own.open(token);
  const callsRequested = (to: string) =>
    own.platform.twilio.requests.filter((r) => r.method === 'POST' && /\/Calls\.json$/.test(r.path) && r.params['To'] === to);
  const webhookUrl = (kind: string, tenantId: string) => `${own.platform.baseUrl}/api/v1/telephony/twilio/${kind}?tenant=${tenantId}`;

  it('saves the Twilio account with the token write-only, for owners only', async () => {
    const owner = await registerTenant(own.api, 'twilio-settings');
    const before = await own.api.get('/api/v1/config/telephony', { token: owner.token });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ configured: false, twilio_account_sid: null, twilio_auth_token: null });

    const account = await connectTwilio(own.api, owner, own.platform.twilio);
    expect(account.saved.body).toMatchObject({
      configured: true, twilio_account_sid: account.accountSid, twilio_phone_number: account.phoneNumber,
    });
    expect(account.saved.body.twilio_auth_token).toMatch(new RegExp(`${account.authToken.slice(-4)}$`));
    expect(JSON.stringify(account.saved.body)).not.toContain(account.authToken);
    const read = await own.api.get('/api/v1/config/telephony', { token: owner.token });
    expect(read.body).toEqual(account.saved.body);
    expect(JSON.stringify(read.body)).not.toContain(account.authToken);

    // Saved again without a token: the stored one is kept.
    const kept = await own.api.put('/api/v1/config/telephony', {
      twilio_account_sid: account.accountSid, twilio_phone_number: account.phoneNumber, public_base_url: own.platform.baseUrl,
    }, { token: owner.token });
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({ twilio_auth_token: account.saved.body.twilio_auth_token, public_base_url: own.platform.baseUrl });

    expectErrorBody(await own.api.put('/api/v1/config/telephony', { twilio_account_sid: 'nope', twilio_phone_number: '555' }, { token: owner.token }), 422, 'VALIDATION_FAILED');
    const agent = await addMemberWithRole(own.api, owner, 'agent');
    expectErrorBody(await own.api.get('/api/v1/config/telephony', { token: agent.token }), 403, 'FORBIDDEN');
    expectErrorBody(await own.api.get('/api/v1/config/telephony'), 401, 'UNAUTHORIZED');
  });

  describe('an outbound call', () => {
    let owner: TestTenant;
    let outsider: TestTenant;
    let account: Awaited<ReturnType<typeof connectTwilio>>;
    beforeAll(async () => {
      [owner, outsider] = await Promise.all([registerTenant(own.api, 'dialer'), registerTenant(own.api, 'dial-outsider')]);
      account = await connectTwilio(own.api, owner, own.platform.twilio);
      await callAnyTime(own.api, owner);
    });

    it('goes from queued to completed through Twilio, every status pushed to its tenant only', async () => {
      const number = fictionalNumber();
      const lead = await own.api.post('/api/v1/leads', { name: 'Dialed Lead', phone: number }, { token: owner.token });
      expect(lead.status).toBe(201);
      own.platform.twilio.script(number, { outcome: 'completed', ringMs: 100, talkMs: 1500 });
      const [watcher, foreign] = await Promise.all([open(owner.token), open(outsider.token)]);
      const heardAbroad: unknown[] = [];
      foreign.onAny((event: string, payload: unknown) => heardAbroad.push({ event, payload }));
      const started: any[] = [];
      const updated: any[] = [];
      watcher.on('call.started', (p) => started.push(p));
      watcher.on('call.updated', (p) => updated.push(p));
      const ended = nextEvent(watcher, 'call.ended', 15_000);

      const initiated = await own.api.post('/api/v1/calls/initiate', { phone_number: number, lead_id: lead.body.id }, { token: owner.token });
      expect(initiated.status).toBe(201);
      expect(initiated.body).toMatchObject({
        direction: 'outbound', type: 'phone', status: 'queued', lead_id: lead.body.id, to_number: number, from_number: account.phoneNumber,
      });
      const id = initiated.body.id as string;

      // Twilio was asked to dial from the tenant's number, reporting status to the gateway's webhook.
      const [request] = callsRequested(number);
      expect(request.path).toBe(`/2010-04-01/Accounts/${account.accountSid}/Calls.json`);
      expect(request.params).toMatchObject({ From: account.phoneNumber });
      expect(request.params['StatusCallback']).toMatch(new RegExp(`^${escapeRegExp(webhookUrl('status', owner.tenantId))}(&|$)`));
      const twilioCall = own.platform.twilio.calls.find((c) => c.to === number)!;
      await own.platform.twilio.waitForCall(twilioCall.sid);

      const call = await callReaching(own.api, owner, id, 'completed');
      expect(call).toMatchObject({ provider_call_id: twilioCall.sid, lead_id: lead.body.id });
      expect(call.duration_seconds).toBeGreaterThanOrEqual(1);
      expect(Date.parse(call.answered_at)).not.toBeNaN();
      expect(Date.parse(call.ended_at)).toBeGreaterThanOrEqual(Date.parse(call.answered_at));
      expect(Array.isArray(call.transcript)).toBe(true);

      const end = await ended;
      expect(end).toMatchObject({ call_id: id, status: 'completed', direction: 'outbound', lead_id: lead.body.id });
      expect(end.duration_seconds).toBe(call.duration_seconds);
      expect(started).toEqual([expect.objectContaining({ call_id: id, status: 'queued', to_number: number })]);
      const statuses = updated.filter((u) => u.call_id === id).map((u) => u.status);
      expect(statuses).toEqual(expect.arrayContaining(['ringing', 'in_progress']));
      expect(statuses.indexOf('ringing')).toBeLessThan(statuses.indexOf('in_progress'));
      // Pushes of one call go out in order through the same relay: by now any leak would have arrived.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(heardAbroad).toEqual([]);

      // The call is listed, found by its filters, and counted.
      const listed = await own.api.get(`/api/v1/calls?direction=outbound&status=completed&lead_id=${lead.body.id}`, { token: owner.token });
      expect(listed.body).toMatchObject({ total: 1, page: 1 });
      expect(listed.body.data[0].id).toBe(id);
      const logs = await own.api.get('/api/v1/calls/logs?page=1&limit=1', { token: owner.token });
      expect(logs.status).toBe(200);
      expect(logs.body).toMatchObject({ page: 1, per_page: 1 });
      expect(logs.body.data).toHaveLength(1);
      const stats = await own.api.get('/api/v1/calls/stats', { token: owner.token });
      expect(stats.status).toBe(200);
      expect(stats.body.by_status.completed).toBeGreaterThanOrEqual(1);
    }, 30_000);

    it('refuses a number on the do-not-call list before Twilio is asked', async () => {
      const number = fictionalNumber();
      const listed = await own.api.post('/api/v1/compliance/dnc', { phone_number: number, reason: 'asked not to be called' }, { token: owner.token });
      expect(listed.status).toBe(201);

      const refused = await own.api.post('/api/v1/calls/initiate', { phone_number: number }, { token: owner.token });
      expectErrorBody(refused, 422, 'VALIDATION_FAILED');
      expect(JSON.stringify(refused.body.error)).toContain('do_not_call');
      expect(callsRequested(number)).toEqual([]);
      expect((await own.api.get('/api/v1/calls?status=queued', { token: owner.token })).body.data.filter((c: any) => c.to_number === number)).toEqual([]);
    });

    it('refuses a call outside the calling window before Twilio is asked', async () => {
      const closed = await registerTenant(own.api, 'closed-hours');
      await connectTwilio(own.api, closed, own.platform.twilio);
      // No day has a window: whatever the hour where the callee is, it is outside.
      const windows = await own.api.put('/api/v1/compliance/calling-windows', { windows: everyDay(null), enforced: true }, { token: closed.token });
      expect(windows.status).toBe(200);
      const number = fictionalNumber();

      const refused = await own.api.post('/api/v1/calls/initiate', { phone_number: number }, { token: closed.token });
      expectErrorBody(refused, 422, 'VALIDATION_FAILED');
      expect(JSON.stringify(refused.body.error)).toContain('calling_window');
      expect(callsRequested(number)).toEqual([]);
    });

    it('rejects forged webhooks and changes nothing; a replayed callback changes nothing either', async () => {
      const number = fictionalNumber();
      own.platform.twilio.script(number, { outcome: 'completed', ringMs: 50, talkMs: 200 });
      const initiated = await own.api.post('/api/v1/calls/initiate', { phone_number: number }, { token: owner.token });
      expect(initiated.status).toBe(201);
      const twilioCall = own.platform.twilio.calls.find((c) => c.to === number)!;
      await own.platform.twilio.waitForCall(twilioCall.sid);
      const done = await callReaching(own.api, owner, initiated.body.id, 'completed');

      const statusUrl = webhookUrl('status', owner.tenantId);
      const forged = {
        CallSid: twilioCall.sid, AccountSid: account.accountSid, From: account.phoneNumber, To: number,
        CallStatus: 'failed', Direction: 'outbound-api', SequenceNumber: '99', ApiVersion: '2010-04-01',
      };
      const wrong = await postTwilioWebhook(statusUrl, forged, twilioSignature('not-the-auth-token', statusUrl, forged));
      expect(wrong.status).toBe(403);
      expect(JSON.parse(wrong.body)).toMatchObject({ error: { code: 'FORBIDDEN' }, status_code: 403 });
      expect((await postTwilioWebhook(statusUrl, forged)).status).toBe(403);
      // Signed for another URL (another tenant's, say) does not pass for this one.
      const elsewhere = twilioSignature(account.authToken, webhookUrl('status', outsider.tenantId), forged);
      expect((await postTwilioWebhook(statusUrl, forged, elsewhere)).status).toBe(403);
      // No tenant in the URL: nobody could check the signature.
      const anonymous = await postTwilioWebhook(`${own.platform.baseUrl}/api/v1/telephony/twilio/status`, forged, twilioSignature(account.authToken, statusUrl, forged));
      expect(anonymous.status).toBe(403);
      expect((await own.api.get(`/api/v1/calls/${done.id}`, { token: owner.token })).body).toEqual(done);

      // Twilio's own callbacks, delivered again (a retry, or an attacker replaying them).
      const callbacks = own.platform.twilio.calls.find((c) => c.sid === twilioCall.sid)!.callbacks.filter((c) => c.kind === 'status');
      expect(callbacks.length).toBeGreaterThanOrEqual(2);
      const watcher = await open(owner.token);
      const pushes = Promise.all(['call.started', 'call.updated', 'call.ended'].map((e) => collectEvents(watcher, e, 1500)));
      for (const callback of callbacks) {
        const replayed = await postTwilioWebhook(callback.url, callback.params, callback.signature);
        expect(replayed.status).toBe(200);
      }
      expect((await pushes).flat().filter((p: any) => p.call_id === done.id)).toEqual([]);
      expect((await own.api.get(`/api/v1/calls/${done.id}`, { token: owner.token })).body).toEqual(done);
    }, 20_000);

    it('hangs up a call in progress through Twilio', async () => {
      const number = fictionalNumber();
      own.platform.twilio.script(number, { outcome: 'completed', ringMs: 50, talkMs: 20_000 });
      const initiated = await own.api.post('/api/v1/calls/initiate', { phone_number: number }, { token: owner.token });
      expect(initiated.status).toBe(201);
      await callReaching(own.api, owner, initiated.body.id, 'in_progress');
      const twilioCall = own.platform.twilio.calls.find((c) => c.to === number)!;

      const ending = await own.api.post(`/api/v1/calls/${initiated.body.id}/end`, {}, { token: owner.token });
      expect(ending.status).toBe(200);
      expect(ending.body.id).toBe(initiated.body.id);
      expect(own.platform.twilio.requests).toContainEqual(expect.objectContaining({
        method: 'POST', path: `/2010-04-01/Accounts/${account.accountSid}/Calls/${twilioCall.sid}.json`, params: expect.objectContaining({ Status: 'completed' }),
      }));
      await own.platform.twilio.waitForCall(twilioCall.sid, 5000);
      const ended = await callReaching(own.api, owner, initiated.body.id, 'completed');
      expect(Date.parse(ended.ended_at)).not.toBeNaN();
    }, 20_000);
  });

  it('answers an inbound call with TwiML and records it', async () => {
    const owner = await registerTenant(own.api, 'inbound');
    const account = await connectTwilio(own.api, owner, own.platform.twilio);
    const caller = fictionalNumber('646');
    const watcher = await open(owner.token);
    const started = nextEvent(watcher, 'call.started', 10_000);

    const answer = await own.platform.twilio.placeInboundCall({
      accountSid: account.accountSid, from: caller, to: account.phoneNumber, url: webhookUrl('voice', owner.tenantId),
    });
    expect(answer.status).toBe(200);
    // Well-formed and rooted at <Response> (parseTwiml throws otherwise). The tenant has no AI agent
    // deployed, so the caller is greeted and waits in the human queue.
    const twiml = parseTwiml(answer.body);
    expect(twiml.children.map((verb) => verb.name)).toEqual(['Say', 'Enqueue']);
    expect(twiml.children[1].text.trim()).not.toBe('');

    const calls = await eventually(
      async () => (await own.api.get('/api/v1/calls?direction=inbound', { token: owner.token })).body,
      (page) => page.total === 1,
    );
    expect(calls.data[0]).toMatchObject({
      direction: 'inbound', type: 'phone', from_number: caller, to_number: account.phoneNumber, provider_call_id: answer.callSid,
    });
    expect(await started).toMatchObject({ call_id: calls.data[0].id, direction: 'inbound', from_number: caller });

    // The same voice webhook unsigned: refused, and no second call.
    const params = { CallSid: answer.callSid, AccountSid: account.accountSid, From: caller, To: account.phoneNumber, CallStatus: 'ringing', Direction: 'inbound' };
    expect((await postTwilioWebhook(webhookUrl('voice', owner.tenantId), params)).status).toBe(403);
    expect((await own.api.get('/api/v1/calls?direction=inbound', { token: owner.token })).body.total).toBe(1);
  }, 20_000);

  it('keeps notes on a call: add, list, change, delete', async () => {
    const owner = await registerTenant(own.api, 'notes');
    const call = await own.api.post('/api/v1/calls', { direction: 'inbound', type: 'chat' }, { token: owner.token });
    expect(call.status).toBe(201);
    const notes = `/api/v1/calls/${call.body.id}/notes`;

    const added = await own.api.post(notes, { content: 'Wants a callback on Friday', category: 'follow_up', tags: ['callback'] }, { token: owner.token });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ call_id: call.body.id, content: 'Wants a callback on Friday', category: 'follow_up', tags: ['callback'], author_id: owner.userId });
    const plain = await own.api.post(notes, { content: 'Second thought' }, { token: owner.token });
    expect(plain.body.category).toBe('general');

    const changed = await own.api.put(`${notes}/${added.body.id}`, { category: 'objection', tags: [] }, { token: owner.token });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ content: 'Wants a callback on Friday', category: 'objection', tags: [] });
    expect((await own.api.get(notes, { token: owner.token })).body.map((n: any) => n.id)).toEqual([added.body.id, plain.body.id]);
    expect((await own.api.get(`/api/v1/calls/${call.body.id}`, { token: owner.token })).body.notes_count).toBe(2);

    expectErrorBody(await own.api.post(notes, { content: '' }, { token: owner.token }), 422, 'VALIDATION_FAILED');
    expectErrorBody(await own.api.post(notes, { content: 'x', category: 'gossip' }, { token: owner.token }), 422, 'VALIDATION_FAILED');
    expectErrorBody(await own.api.put(`${notes}/not-a-uuid`, { content: 'x' }, { token: owner.token }), 422, 'VALIDATION_FAILED');

    const removed = await own.api.delete(`${notes}/${added.body.id}`, { token: owner.token });
    expect(removed.status).toBe(200);
    expectErrorBody(await own.api.delete(`${notes}/${added.body.id}`, { token: owner.token }), 404, 'NOT_FOUND');
    expect((await own.api.get(notes, { token: owner.token })).body.map((n: any) => n.id)).toEqual([plain.body.id]);
  });
});
