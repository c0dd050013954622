import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import { startFakeTwilio, type FakeTwilio } from '../fake-twilio';
import { sdkClient } from './twilio-webhook-receiver';

const ACCOUNT_SID = `AC${randomBytes(16).toString('hex')}`;
const AUTH_TOKEN = randomBytes(16).toString('hex');
const OUR_NUMBER = '+14155550100';

/** The fake's IncomingPhoneNumbers, through the real SDK: what channel onboarding uses. */
describe('fake Twilio incoming phone numbers', () => {
  let fake: FakeTwilio;
  let client: twilio.Twilio;

  beforeEach(async () => {
    fake = await startFakeTwilio();
    fake.addAccount(ACCOUNT_SID, AUTH_TOKEN, [OUR_NUMBER]);
    client = sdkClient(fake.apiBaseUrl, ACCOUNT_SID, AUTH_TOKEN);
  });

  afterEach(() => fake.close());

  it('updates a number\'s Voice URL and status callback, and serves them back', async () => {
    const [number] = await client.incomingPhoneNumbers.list({ phoneNumber: OUR_NUMBER, limit: 1 });
    expect(number).toMatchObject({ phoneNumber: OUR_NUMBER, voiceUrl: '', statusCallback: '' });

    const updated = await client.incomingPhoneNumbers(number.sid).update({
      voiceUrl: 'https://calls.parley.test/voice?tenant=t', voiceMethod: 'post',
      statusCallback: 'https://calls.parley.test/status?tenant=t', statusCallbackMethod: 'POST',
    });
    expect(updated).toMatchObject({
      sid: number.sid, voiceUrl: 'https://calls.parley.test/voice?tenant=t', voiceMethod: 'POST',
      statusCallback: 'https://calls.parley.test/status?tenant=t', statusCallbackMethod: 'POST',
    });
    expect(await client.incomingPhoneNumbers(number.sid).fetch()).toMatchObject({ voiceUrl: 'https://calls.parley.test/voice?tenant=t' });
    // Adding the account again (the dev runner does) keeps what was configured.
    fake.addAccount(ACCOUNT_SID, AUTH_TOKEN, [OUR_NUMBER]);
    expect((await client.incomingPhoneNumbers(number.sid).fetch()).voiceUrl).toBe('https://calls.parley.test/voice?tenant=t');
  });

  it('refuses a Voice URL that is not a URL (21502), and an unknown number (20404)', async () => {
    const [number] = await client.incomingPhoneNumbers.list({ phoneNumber: OUR_NUMBER });
    await expect(client.incomingPhoneNumbers(number.sid).update({ voiceUrl: 'not a url' })).rejects.toMatchObject({ status: 400, code: 21502 });
    await expect(client.incomingPhoneNumbers(`PN${'0'.repeat(32)}`).update({ voiceUrl: 'https://x.test' })).rejects.toMatchObject({ status: 404, code: 20404 });
  });

  it('opens no other account\'s numbers', async () => {
    const otherSid = `AC${randomBytes(16).toString('hex')}`;
    const otherToken = randomBytes(16).toString('hex');
    fake.addAccount(otherSid, otherToken, ['+14155550199']);
    const [number] = await client.incomingPhoneNumbers.list({ phoneNumber: OUR_NUMBER });
    const other = sdkClient(fake.apiBaseUrl, otherSid, otherToken);
    await expect(other.incomingPhoneNumbers(number.sid).update({ voiceUrl: 'https://x.test' })).rejects.toMatchObject({ status: 404 });
  });
});
