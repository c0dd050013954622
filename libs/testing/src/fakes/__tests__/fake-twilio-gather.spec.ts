import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import { SPEECH_CONFIDENCE, startFakeTwilio, type FakeTwilio } from '../fake-twilio';
import { sdkClient, startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from './twilio-webhook-receiver';

const ACCOUNT_SID = `AC${randomBytes(16).toString('hex')}`;
const AUTH_TOKEN = randomBytes(16).toString('hex');
const OUR_NUMBER = '+14155550100';
const LEAD = '+14155550123';

const signedByTwilio = (webhook: ReceivedWebhook) =>
  twilio.validateRequest(AUTH_TOKEN, String(webhook.headers['x-twilio-signature'] ?? ''), webhook.url, webhook.params);

async function eventually(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** What our side answers: a prompt inside a speech <Gather>, then a <Redirect> for silence. */
const prompt = (say: string, action: string, silence: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Response><Gather input="speech" action="${action}" method="POST" speechTimeout="auto" language="en-US">` +
  `<Say voice="Polly.Joanna" language="en-US">${say}</Say></Gather><Redirect method="POST">${silence}</Redirect></Response>`;

describe('fake Twilio: <Say> and <Gather input="speech">', () => {
  let fake: FakeTwilio;
  let receiver: WebhookReceiver;
  let client: twilio.Twilio;
  const url = (path: string) => `${receiver.baseUrl}${path}?tenant=t-1`;

  beforeEach(async () => {
    fake = await startFakeTwilio();
    fake.addAccount(ACCOUNT_SID, AUTH_TOKEN, [OUR_NUMBER]);
    receiver = await startWebhookReceiver();
    client = sdkClient(fake.apiBaseUrl, ACCOUNT_SID, AUTH_TOKEN);
  });

  afterEach(async () => {
    await fake.close();
    await receiver.close();
  });

  const dial = (extra: Record<string, unknown> = {}) =>
    client.calls.create({ to: LEAD, from: OUR_NUMBER, url: url('/voice'), statusCallback: url('/status'), ...extra });
  const posts = (path: string) => receiver.received.filter((w) => w.path === path);

  it('says each prompt to the callee and posts its scripted answers, signed, to the Gather action until the script runs out', async () => {
    receiver.answer('/voice', { body: prompt('Hi, this is Ava from Parley. Is now a good time?', url('/gather'), url('/silence')) });
    receiver.answer('/gather', { body: prompt('Great. What matters most to your team?', url('/gather'), url('/silence')) });
    fake.script(LEAD, { outcome: 'completed', ringMs: 10, speech: ['Sure, go ahead', 'Mostly the price'] });

    const call = await dial();
    await fake.waitForCall(call.sid);

    const gathers = posts('/gather');
    expect(gathers.map((w) => [w.params.SpeechResult, w.params.Confidence])).toEqual([
      ['Sure, go ahead', SPEECH_CONFIDENCE], ['Mostly the price', SPEECH_CONFIDENCE],
    ]);
    for (const webhook of gathers) {
      expect(webhook.method).toBe('POST');
      expect(webhook.url).toBe(url('/gather'));
      expect(signedByTwilio(webhook)).toBe(true);
      expect(webhook.params).toMatchObject({ AccountSid: ACCOUNT_SID, CallSid: call.sid, CallStatus: 'in-progress', From: OUR_NUMBER, To: LEAD, Direction: 'outbound-api' });
    }
    const record = fake.calls[0];
    expect(record.heard).toEqual([
      'Hi, this is Ava from Parley. Is now a good time?',
      'Great. What matters most to your team?',
      'Great. What matters most to your team?',
    ]);
    expect(record.said).toEqual(['Sure, go ahead', 'Mostly the price']);
    expect(record.callbacks.map((c) => c.kind)).toEqual(['voice', 'gather', 'gather', 'status']);
    // Out of things to say at the third prompt: the callee hung up; no silence redirect was followed.
    expect(posts('/silence')).toHaveLength(0);
    expect(record.status).toBe('completed');
  });

  it('ends the call on <Hangup/> after saying goodbye, leaving the rest of the script unsaid', async () => {
    receiver.answer('/voice', { body: prompt('Hello?', url('/gather'), url('/silence')) });
    receiver.answer('/gather', { body: '<Response><Say>Thanks for your time. Goodbye!</Say><Hangup/><Say>never heard</Say></Response>' });
    fake.script(LEAD, { outcome: 'completed', ringMs: 10, speech: ['Not interested', 'Still here'] });

    const call = await dial();
    await fake.waitForCall(call.sid);
    expect(fake.calls[0].heard).toEqual(['Hello?', 'Thanks for your time. Goodbye!']);
    expect(fake.calls[0].said).toEqual(['Not interested']);
    expect(posts('/gather')).toHaveLength(1);
  });

  it('stays silent for an empty utterance: the Gather times out, the <Redirect> after it is followed, nothing is posted to the action', async () => {
    receiver.answer('/voice', { body: prompt('Hello?', url('/gather'), url('/silence')) });
    receiver.answer('/silence', { body: prompt('Are you still there?', url('/gather'), url('/silence')) });
    receiver.answer('/gather', { body: '<Response><Say>Bye.</Say><Hangup/></Response>' });
    fake.script(LEAD, { outcome: 'completed', ringMs: 10, speech: ['', 'Yes, sorry'] });

    const call = await dial();
    await fake.waitForCall(call.sid);
    expect(receiver.received.filter((w) => w.path !== '/status').map((w) => `${w.path} ${w.params.SpeechResult ?? '-'}`)).toEqual([
      '/voice -', '/silence -', '/gather Yes, sorry',
    ]);
    expect(fake.calls[0].heard).toEqual(['Hello?', 'Are you still there?', 'Bye.']);
    expect(fake.calls[0].said).toEqual(['', 'Yes, sorry']);
  });

  it('posts an empty result to the action when actionOnEmptyResult is set, and uses the document\'s URL without an action', async () => {
    receiver.answer('/voice', { body: '<Response><Gather input="speech" actionOnEmptyResult="true"><Say>One</Say></Gather></Response>' });
    fake.script(LEAD, { outcome: 'completed', ringMs: 10, speech: [''] });
    const call = await dial();
    await fake.waitForCall(call.sid);
    // The action defaults to the document's own URL; the silent caller posts no SpeechResult.
    expect(posts('/voice').map((w) => w.params.SpeechResult ?? null)).toEqual([null, null]);
    expect(fake.calls[0].callbacks.filter((c) => c.kind === 'gather')).toHaveLength(1);
  });

  it('lets the far end say nothing when nothing is scripted: the call lasts its talk time', async () => {
    receiver.answer('/voice', { body: prompt('Hello?', url('/gather'), url('/silence')) });
    fake.script(LEAD, { outcome: 'completed', ringMs: 10, talkMs: 150 });
    const call = await dial();
    await fake.waitForCall(call.sid);
    expect(fake.calls[0]).toMatchObject({ heard: ['Hello?'], said: [], status: 'completed' });
    expect(posts('/gather')).toHaveLength(0);
    expect(posts('/silence')).toHaveLength(0);
  });

  it('interrupts a listening Gather when the call is updated with new TwiML (a voicemail after async AMD)', async () => {
    receiver.answer('/voice', { body: prompt('Hi there, is this Dana?', url('/gather'), url('/silence')) });
    fake.script(LEAD, { outcome: 'completed', ringMs: 10, talkMs: 10_000, answeredBy: 'machine_start' });
    const call = await dial({ machineDetection: 'Enable', asyncAmd: 'true', asyncAmdStatusCallback: url('/amd') });
    await eventually(() => posts('/amd').length === 1);
    expect(posts('/amd')[0].params.AnsweredBy).toBe('machine_start');

    await client.calls(call.sid).update({ twiml: '<Response><Say>Sorry we missed you, we will call back.</Say><Hangup/></Response>' });
    await fake.waitForCall(call.sid);
    expect(fake.calls[0].heard).toEqual(['Hi there, is this Dana?', 'Sorry we missed you, we will call back.']);
    expect(posts('/gather')).toHaveLength(0);
    expect(fake.calls[0].durationSeconds).toBeLessThan(5);
  });

  it('delivers an async AMD result before the callee answers a Gather it reached', async () => {
    receiver.answer('/voice', { body: prompt('Hello?', url('/gather'), url('/silence')) });
    receiver.answer('/gather', { body: '<Response><Hangup/></Response>' });
    fake.script(LEAD, { outcome: 'completed', ringMs: 10, speech: ['Hi'] });
    const call = await dial({ machineDetection: 'Enable', asyncAmd: 'true', asyncAmdStatusCallback: url('/amd') });
    await fake.waitForCall(call.sid);
    expect(fake.calls[0].callbacks.map((c) => c.kind)).toEqual(['voice', 'amd', 'gather', 'status']);
  });

  it('plays an inbound caller\'s speech too, and reads SSML inside <Say> as what is heard', async () => {
    receiver.answer('/voice', {
      body: '<Response><Say>Welcome.</Say><Gather input="dtmf speech" action="/gather?tenant=t-1"><Say voice="Polly.Joanna"><prosody rate="110%">How can I help?</prosody></Say></Gather></Response>',
    });
    receiver.answer('/gather', { body: '<Response><Say>Connecting you now.</Say><Enqueue>support</Enqueue><Hangup/></Response>' });
    const inbound = await fake.placeInboundCall({ accountSid: ACCOUNT_SID, from: LEAD, to: OUR_NUMBER, url: url('/voice'), speech: ['I need help with my bill'] });
    await fake.waitForCall(inbound.callSid);
    const record = fake.calls[0];
    expect(record).toMatchObject({ direction: 'inbound', heard: ['Welcome.', 'How can I help?', 'Connecting you now.'], said: ['I need help with my bill'] });
    // A relative action resolves against the document's URL.
    expect(posts('/gather')[0]).toMatchObject({ url: url('/gather'), params: { SpeechResult: 'I need help with my bill', Direction: 'inbound', CallStatus: 'in-progress' } });
  });

  it('scripts speech through the control route', async () => {
    const res = await fetch(`${fake.apiBaseUrl}/_fake/scripts`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: LEAD, outcome: 'completed', ring_ms: 10, speech: ['Tell me more'] }),
    });
    expect(res.status).toBe(201);
    const bad = await fetch(`${fake.apiBaseUrl}/_fake/scripts`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: LEAD, outcome: 'completed', speech: 'hi' }),
    });
    expect(bad.status).toBe(400);

    receiver.answer('/voice', { body: prompt('Hello?', url('/gather'), url('/silence')) });
    receiver.answer('/gather', { body: '<Response><Hangup/></Response>' });
    const call = await dial();
    await fake.waitForCall(call.sid);
    expect(posts('/gather').map((w) => w.params.SpeechResult)).toEqual(['Tell me more']);
  });
});
