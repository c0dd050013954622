import { redirectTwilioUri } from '../redirecting-request-client';
import { callIdOfWebhookPath, twilioWebhookUrl, webhookPathMatches } from '../twilio-webhook-urls';

const tenant = '6f1c2a4e-0b7d-4c8e-9a51-3d2f7e8b9c10';
const call = '0b5d4a3c-2e1f-4a7b-8c9d-0e1f2a3b4c5d';

describe('twilioWebhookUrl', () => {
  it('puts the tenant, and the call when there is one, in the query', () => {
    expect(twilioWebhookUrl('https://calls.example.com/', 'status', tenant, call))
      .toBe(`https://calls.example.com/api/v1/telephony/twilio/status?tenant=${tenant}&call_id=${call}`);
    expect(twilioWebhookUrl('http://localhost:8000', 'voice', tenant))
      .toBe(`http://localhost:8000/api/v1/telephony/twilio/voice?tenant=${tenant}`);
  });

  it('reads the call id back from the requested path, ignoring malformed ones', () => {
    expect(callIdOfWebhookPath(`/api/v1/telephony/twilio/status?tenant=${tenant}&call_id=${call}`)).toBe(call);
    expect(callIdOfWebhookPath(`/api/v1/telephony/twilio/status?tenant=${tenant}&call_id=nope`)).toBeNull();
    expect(callIdOfWebhookPath('/api/v1/telephony/twilio/voice')).toBeNull();
  });
});

describe('webhookPathMatches', () => {
  const path = `/api/v1/telephony/twilio/status?tenant=${tenant}&call_id=${call}`;

  it('accepts the path of the same kind and tenant', () => {
    expect(webhookPathMatches(path, 'status', tenant)).toBe(true);
    expect(webhookPathMatches(`/api/v1/telephony/twilio/voice?call_id=${call}&tenant=${tenant}`, 'voice', tenant)).toBe(true);
  });

  it('refuses another kind, another tenant, or another route', () => {
    expect(webhookPathMatches(path, 'amd', tenant)).toBe(false);
    expect(webhookPathMatches(path, 'status', call)).toBe(false);
    expect(webhookPathMatches('/api/v1/telephony/twilio/status', 'status', tenant)).toBe(false);
    expect(webhookPathMatches(`/api/v1/telephony/twilio/statusx?tenant=${tenant}`, 'status', tenant)).toBe(false);
    expect(webhookPathMatches(`/other/status?tenant=${tenant}`, 'status', tenant)).toBe(false);
  });
});

describe('redirectTwilioUri', () => {
  it("sends Twilio's API hosts to the configured base URL, path and query kept", () => {
    expect(redirectTwilioUri('https://api.twilio.com/2010-04-01/Accounts/AC1/Calls.json?PageSize=1', 'http://127.0.0.1:4010/'))
      .toBe('http://127.0.0.1:4010/2010-04-01/Accounts/AC1/Calls.json?PageSize=1');
    expect(redirectTwilioUri('https://api.sydney.au1.twilio.com/2010-04-01/Accounts.json', 'http://127.0.0.1:4010'))
      .toBe('http://127.0.0.1:4010/2010-04-01/Accounts.json');
  });

  it('leaves URLs alone without a base URL, or for other hosts', () => {
    expect(redirectTwilioUri('https://api.twilio.com/2010-04-01/Accounts.json', '')).toBe('https://api.twilio.com/2010-04-01/Accounts.json');
    expect(redirectTwilioUri('https://nottwilio.com/x', 'http://127.0.0.1:4010')).toBe('https://nottwilio.com/x');
  });
});
