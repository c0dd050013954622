import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import { startFakeTwilio, type FakeTwilio } from '../fake-twilio';
import { sdkClient, startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from './twilio-webhook-receiver';

const ACCOUNT_SID = `AC${randomBytes(16).toString('hex')}`;
const AUTH_TOKEN = randomBytes(16).toString('hex');
const OUR_NUMBER = '+14155550100';
const LEAD = '+14155550123';
const TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response><Say>Hello from Parley</Say></Response>';

/** True when the request carries the signature Twilio would compute for it with our auth token. */
function signedByTwilio(webhook: ReceivedWebhook, authToken = AUTH_TOKEN): boolean {
  const signature = String(webhook.headers['x-twilio-signature'] ?? '');
  return twilio.validateRequest(authToken, signature, webhook.url, webhook.params);
}

const statusSequence = (receiver: WebhookReceiver) =>
  receiver.received.filter((w) => w.path === '/status').map((w) => w.params.CallStatus);

async function eventually(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('fake Twilio', () => {
  let fake: FakeTwilio;
  let receiver: WebhookReceiver;
  let client: twilio.Twilio;
  const statusUrl = () => `${receiver.baseUrl}/status?tenant=t-1`;
  const voiceUrl = () => `${receiver.baseUrl}/voice?tenant=t-1`;

  beforeEach(async () => {
    fake = await startFakeTwilio();
    fake.addAccount(ACCOUNT_SID, AUTH_TOKEN, [OUR_NUMBER]);
    receiver = await startWebhookReceiver();
    receiver.answer('/voice', { body: TWIML });
    client = sdkClient(fake.apiBaseUrl, ACCOUNT_SID, AUTH_TOKEN);
  });

  afterEach(async () => {
    await fake.close();
    await receiver.close();
  });

  const dial = (extra: Record<string, unknown> = {}) =>
    client.calls.create({
      to: LEAD,
      from: OUR_NUMBER,
      url: voiceUrl(),
      statusCallback: statusUrl(),
      statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
      ...extra,
    });

  describe('an outbound call', () => {
    it('is created queued and plays initiated → ringing → answered (voice webhook) → completed, every request signed', async () => {
      const call = await dial();
      expect(call.sid).toMatch(/^CA[0-9a-f]{32}$/);
      expect(call).toMatchObject({ accountSid: ACCOUNT_SID, to: LEAD, from: OUR_NUMBER, status: 'queued', direction: 'outbound-api', apiVersion: '2010-04-01' });
      expect(call.dateCreated).toBeInstanceOf(Date);
      expect(call.uri).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/${call.sid}.json`);

      await fake.waitForCall(call.sid);

      expect(receiver.received.map((w) => `${w.path} ${w.params.CallStatus}`)).toEqual([
        '/status initiated', '/status ringing', '/status in-progress', '/voice in-progress', '/status completed',
      ]);
      for (const webhook of receiver.received) {
        expect(webhook.method).toBe('POST');
        expect(webhook.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
        expect(webhook.headers['user-agent']).toBe('TwilioProxy/1.1');
        expect(signedByTwilio(webhook)).toBe(true);
        expect(signedByTwilio(webhook, 'not-the-token')).toBe(false);
        expect(twilio.validateRequest(AUTH_TOKEN, String(webhook.headers['x-twilio-signature']), webhook.url, { ...webhook.params, CallStatus: 'completed', To: '+15550000000' })).toBe(false);
      }

      const statuses = receiver.received.filter((w) => w.path === '/status');
      expect(statuses.map((w) => w.params.SequenceNumber)).toEqual(['0', '1', '2', '3']);
      expect(statuses[0].params).toMatchObject({
        CallSid: call.sid, AccountSid: ACCOUNT_SID, From: OUR_NUMBER, To: LEAD, Direction: 'outbound-api',
        ApiVersion: '2010-04-01', CallbackSource: 'call-progress-events', Called: LEAD, Caller: OUR_NUMBER, ToCountry: 'US',
      });
      expect(statuses[0].params.Timestamp).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
      expect(statuses[0].params).not.toHaveProperty('CallDuration');
      expect(statuses[3].params).toMatchObject({ CallStatus: 'completed', CallDuration: '1', Duration: '1', SipResponseCode: '200' });
      // Twilio's own field order: status callbacks start with Called, voice webhooks are sorted by name.
      expect(Object.keys(statuses[0].params)[0]).toBe('Called');
      const voice = receiver.received.find((w) => w.path === '/voice')!;
      expect(Object.keys(voice.params)).toEqual(Object.keys(voice.params).sort());
      expect(voice.params).toMatchObject({ CallSid: call.sid, Direction: 'outbound-api', CallerZip: '', FromCity: '' });

      const record = fake.calls.find((c) => c.sid === call.sid)!;
      expect(record).toMatchObject({ status: 'completed', twiml: TWIML, durationSeconds: 1 });
      expect(record.params).toMatchObject({ To: LEAD, From: OUR_NUMBER, Url: voiceUrl(), StatusCallbackEvent: 'initiated ringing answered completed' });
      expect(record.callbacks.map((c) => [c.kind, c.status])).toEqual([['status', 200], ['status', 200], ['status', 200], ['voice', 200], ['status', 200]]);

      const fetched = await client.calls(call.sid).fetch();
      expect(fetched).toMatchObject({ status: 'completed', duration: '1' });
      expect(fetched.startTime).toBeInstanceOf(Date);
      expect(fetched.endTime!.getTime()).toBeGreaterThanOrEqual(fetched.startTime.getTime());
      expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        `POST /2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`,
        `GET /2010-04-01/Accounts/${ACCOUNT_SID}/Calls/${call.sid}.json`,
      ]);
    });

    it('sends only the "completed" event when StatusCallbackEvent is not given', async () => {
      const call = await client.calls.create({ to: LEAD, from: OUR_NUMBER, url: voiceUrl(), statusCallback: statusUrl() });
      await fake.waitForCall(call.sid);
      expect(statusSequence(receiver)).toEqual(['completed']);
      expect(receiver.received.find((w) => w.path === '/status')!.params.SequenceNumber).toBe('0');
    });

    it('sends status callbacks as signed GETs when StatusCallbackMethod is GET', async () => {
      const call = await dial({ statusCallbackMethod: 'GET', statusCallbackEvent: ['ringing', 'completed'] });
      await fake.waitForCall(call.sid);
      const gets = receiver.received.filter((w) => w.path === '/status');
      expect(gets.map((w) => w.method)).toEqual(['GET', 'GET']);
      for (const webhook of gets) {
        const query = Object.fromEntries(new URL(webhook.url).searchParams);
        expect(query).toMatchObject({ tenant: 't-1', CallSid: call.sid });
        expect(twilio.validateRequest(AUTH_TOKEN, String(webhook.headers['x-twilio-signature']), webhook.url, {})).toBe(true);
      }
    });

    it('runs inline Twiml without fetching a voice webhook', async () => {
      const call = await client.calls.create({ to: LEAD, from: OUR_NUMBER, twiml: TWIML, statusCallback: statusUrl() });
      await fake.waitForCall(call.sid);
      expect(receiver.received.map((w) => w.path)).toEqual(['/status']);
      expect(fake.calls[0].twiml).toBe(TWIML);
    });

    it.each([
      ['busy', ['initiated', 'ringing', 'busy'], '486'],
      ['no-answer', ['initiated', 'ringing', 'no-answer'], '487'],
      ['failed', ['initiated', 'failed'], '500'],
    ] as const)('follows a "%s" script: no answer, no voice webhook, a final callback with zero duration', async (outcome, sequence, sip) => {
      fake.script(LEAD, { outcome, ringMs: 10 });
      const call = await dial();
      await fake.waitForCall(call.sid);
      expect(statusSequence(receiver)).toEqual(sequence);
      expect(receiver.received.some((w) => w.path === '/voice')).toBe(false);
      expect(receiver.received.at(-1)!.params).toMatchObject({ CallDuration: '0', Duration: '0', SipResponseCode: sip });
      expect((await client.calls(call.sid).fetch()).status).toBe(outcome);
    });

    it('uses a script for one call only', async () => {
      fake.script(LEAD, { outcome: 'busy', ringMs: 5 });
      const first = await dial();
      await fake.waitForCall(first.sid);
      const second = await dial();
      await fake.waitForCall(second.sid);
      expect(fake.calls.map((c) => c.status)).toEqual(['busy', 'completed']);
    });

    it('hangs up when updated with Status=completed', async () => {
      fake.script(LEAD, { outcome: 'completed', talkMs: 60_000 });
      const call = await dial();
      await eventually(() => receiver.received.some((w) => w.path === '/voice'));
      const updated = await client.calls(call.sid).update({ status: 'completed' });
      expect(updated.status).toBe('completed');
      await fake.waitForCall(call.sid);
      expect(statusSequence(receiver)).toEqual(['initiated', 'ringing', 'in-progress', 'completed']);
      expect(fake.calls[0].updates).toEqual([{ Status: 'completed' }]);
    });

    it('cancels a ringing call with Status=canceled', async () => {
      fake.script(LEAD, { outcome: 'completed', ringMs: 60_000 });
      const call = await dial();
      await eventually(() => statusSequence(receiver).includes('ringing'));
      expect((await client.calls(call.sid).update({ status: 'canceled' })).status).toBe('canceled');
      await fake.waitForCall(call.sid);
      expect(statusSequence(receiver)).toEqual(['initiated', 'ringing', 'canceled']);
    });

    it('redirects a live call to new TwiML, and refuses to redirect an ended one', async () => {
      fake.script(LEAD, { outcome: 'completed', talkMs: 60_000 });
      const call = await dial();
      await eventually(() => receiver.received.some((w) => w.path === '/voice'));
      const hold = '<Response><Play loop="0">https://example.com/hold.mp3</Play></Response>';
      await client.calls(call.sid).update({ twiml: hold });
      expect(fake.calls[0].status).toBe('in-progress');
      await eventually(() => fake.calls[0].twiml === hold);

      receiver.answer('/bye', { body: '<Response><Say>Bye</Say><Hangup/></Response>' });
      await client.calls(call.sid).update({ url: `${receiver.baseUrl}/bye` });
      await fake.waitForCall(call.sid);
      expect(fake.calls[0].twimlHistory).toHaveLength(3);
      expect(fake.calls[0].status).toBe('completed');
      expect(signedByTwilio(receiver.received.find((w) => w.path === '/bye')!)).toBe(true);

      await expect(client.calls(call.sid).update({ twiml: hold })).rejects.toMatchObject({ status: 400, code: 21220 });
    });

    it('follows a <Redirect> in the answered TwiML', async () => {
      receiver.answer('/voice', { body: '<Response><Redirect method="POST">/next?step=2</Redirect></Response>' });
      receiver.answer('/next', { body: '<Response><Hangup/></Response>' });
      const call = await dial({ statusCallbackEvent: ['completed'] });
      await fake.waitForCall(call.sid);
      expect(receiver.received.map((w) => w.path)).toEqual(['/voice', '/next', '/status']);
      expect(receiver.received[1].url).toBe(`${receiver.baseUrl}/next?step=2`);
      expect(signedByTwilio(receiver.received[1])).toBe(true);
    });

    it('hangs up (application error) when our voice webhook fails, recording the status we answered', async () => {
      receiver.answer('/voice', { status: 500, body: 'oops', contentType: 'text/plain' });
      const call = await dial({ statusCallbackEvent: ['completed'] });
      await fake.waitForCall(call.sid);
      expect(fake.calls[0].callbacks.map((c) => [c.kind, c.status])).toEqual([['voice', 500], ['status', 200]]);
      expect(fake.calls[0].status).toBe('completed');
    });

    it('asks the voice webhook with AnsweredBy when MachineDetection is requested', async () => {
      const call = await dial({ machineDetection: 'Enable', statusCallbackEvent: ['completed'] });
      await fake.waitForCall(call.sid);
      const voice = receiver.received.find((w) => w.path === '/voice')!;
      expect(voice.params).toMatchObject({ AnsweredBy: 'human', MachineDetectionDuration: expect.stringMatching(/^\d+$/) });
      expect(signedByTwilio(voice)).toBe(true);
      expect((await client.calls(call.sid).fetch()).answeredBy).toBe('human');
    });

    it('posts the AMD result to AsyncAmdStatusCallback when AsyncAmd is on', async () => {
      fake.script(LEAD, { outcome: 'completed', answeredBy: 'machine_start' });
      const call = await dial({
        machineDetection: 'DetectMessageEnd', asyncAmd: 'true', asyncAmdStatusCallback: `${receiver.baseUrl}/amd?tenant=t-1`, statusCallbackEvent: ['completed'],
      });
      await fake.waitForCall(call.sid);
      expect(receiver.received.map((w) => w.path)).toEqual(['/voice', '/amd', '/status']);
      const [voice, amd, completed] = receiver.received;
      expect(voice.params).not.toHaveProperty('AnsweredBy');
      expect(amd.params).toEqual({ AccountSid: ACCOUNT_SID, AnsweredBy: 'machine_end_beep', CallSid: call.sid, MachineDetectionDuration: expect.any(String) });
      expect(signedByTwilio(amd)).toBe(true);
      expect(completed.params.AnsweredBy).toBe('machine_end_beep');
    });
  });

  describe('the REST API', () => {
    it('answers 401 with Twilio error 20003 on bad credentials (a RestException in the SDK)', async () => {
      const intruder = sdkClient(fake.apiBaseUrl, ACCOUNT_SID, 'wrong-token');
      const refused = await intruder.calls.create({ to: LEAD, from: OUR_NUMBER, url: voiceUrl() }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(twilio.RestException);
      expect(refused).toMatchObject({ status: 401, code: 20003, moreInfo: 'https://www.twilio.com/docs/errors/20003' });
      await expect(intruder.api.v2010.accounts(ACCOUNT_SID).fetch()).rejects.toMatchObject({ status: 401, code: 20003 });
      expect(fake.calls).toHaveLength(0);
    });

    it('serves the account to its own credentials (the test-connection check)', async () => {
      const account = await client.api.v2010.accounts(ACCOUNT_SID).fetch();
      expect(account).toMatchObject({ sid: ACCOUNT_SID, status: 'active', type: 'Full' });
      expect(account.dateCreated).toBeInstanceOf(Date);
      const numbers = await client.incomingPhoneNumbers.list({ phoneNumber: OUR_NUMBER });
      expect(numbers.map((n) => n.phoneNumber)).toEqual([OUR_NUMBER]);
      expect(numbers[0].sid).toMatch(/^PN[0-9a-f]{32}$/);
    });

    it.each([
      [{ to: LEAD, from: OUR_NUMBER }, 21205],
      [{ to: 'not a number', from: OUR_NUMBER, url: 'https://example.com/voice' }, 21211],
      [{ to: LEAD, from: '+14155559999', url: 'https://example.com/voice' }, 21210],
      [{ to: LEAD, from: OUR_NUMBER, url: 'not a url' }, 21205],
    ])('refuses a bad create with 400 and Twilio\'s code (%j → %i)', async (params, code) => {
      await expect(client.calls.create(params)).rejects.toMatchObject({ status: 400, code });
    });

    it('answers 404 (20404) for an unknown call and for unknown routes', async () => {
      await expect(client.calls(`CA${'0'.repeat(32)}`).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
      const response = await fetch(`${fake.apiBaseUrl}/2010-04-01/Nothing.json`);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ code: 20404, status: 404 });
    });

    it('lists calls newest first', async () => {
      const first = await dial();
      const second = await dial();
      const listed = await client.calls.list({ to: LEAD });
      expect(listed.map((c) => c.sid)).toEqual([second.sid, first.sid]);
    });
  });

  describe('an inbound call', () => {
    it('posts a signed voice webhook and answers the TwiML our side returned', async () => {
      const answer = new twilio.twiml.VoiceResponse();
      answer.say('Connecting you to an agent');
      answer.enqueue('humans');
      receiver.answer('/voice', { body: answer.toString() });

      const result = await fake.placeInboundCall({ accountSid: ACCOUNT_SID, from: LEAD, to: OUR_NUMBER, url: voiceUrl(), statusCallback: statusUrl() });

      expect(result).toEqual({ status: 200, body: answer.toString(), callSid: expect.stringMatching(/^CA[0-9a-f]{32}$/) });
      const [voice] = receiver.received;
      expect(voice.params).toMatchObject({ CallSid: result.callSid, AccountSid: ACCOUNT_SID, From: LEAD, To: OUR_NUMBER, CallStatus: 'ringing', Direction: 'inbound' });
      expect(signedByTwilio(voice)).toBe(true);

      await fake.waitForCall(result.callSid);
      const record = fake.calls.find((c) => c.sid === result.callSid)!;
      expect(record).toMatchObject({ direction: 'inbound', status: 'completed', twiml: answer.toString() });
      expect(statusSequence(receiver)).toEqual(['completed']);
      expect(signedByTwilio(receiver.received[1])).toBe(true);
    });

    it('ends busy when our side answers <Reject reason="busy"/>', async () => {
      receiver.answer('/voice', { body: '<Response><Reject reason="busy"/></Response>' });
      const result = await fake.placeInboundCall({ accountSid: ACCOUNT_SID, from: LEAD, to: OUR_NUMBER, url: voiceUrl() });
      await fake.waitForCall(result.callSid);
      expect(fake.calls[0]).toMatchObject({ status: 'busy', durationSeconds: 0 });
    });

    it('can be hung up through the REST API while it talks', async () => {
      const result = await fake.placeInboundCall({ accountSid: ACCOUNT_SID, from: LEAD, to: OUR_NUMBER, url: voiceUrl(), talkMs: 60_000 });
      expect(fake.calls[0].status).toBe('in-progress');
      await client.calls(result.callSid).update({ status: 'completed' });
      await fake.waitForCall(result.callSid);
      expect(fake.calls[0].status).toBe('completed');
    });
  });

  it('stops every timer on close: a long call does not keep the process alive, and its waiter is told', async () => {
    fake.script(LEAD, { outcome: 'completed', ringMs: 60_000 });
    const call = await dial();
    const waiting = fake.waitForCall(call.sid, 60_000);
    await fake.close();
    await expect(waiting).rejects.toThrow('fake Twilio closed');
    fake = await startFakeTwilio(); // afterEach closes this one
  });
});
