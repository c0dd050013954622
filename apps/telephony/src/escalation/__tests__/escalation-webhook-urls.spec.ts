import { escalationIdOfWebhookPath, escalationWebhookUrl } from '../escalation-webhook-urls';

describe('escalation webhook URLs', () => {
  const tenant = '0b5d4a3c-2e1f-4a7b-8c9d-0e1f2a3b4c5d';
  const call = '1c6e5b4d-3f20-4b8c-9dae-1f203b4c5d6e';
  const escalation = '2d7f6c5e-4031-4c9d-aebf-20314c5d6e7f';

  it('carry the tenant, the call and the escalation, and give the escalation back', () => {
    const url = escalationWebhookUrl('https://calls.parley.test/', 'dial', tenant, call, escalation);
    expect(url).toBe(`https://calls.parley.test/api/v1/telephony/twilio/dial?tenant=${tenant}&call_id=${call}&escalation_id=${escalation}`);
    expect(escalationIdOfWebhookPath(url.slice('https://calls.parley.test'.length))).toBe(escalation);
  });

  it('ignore a missing or malformed escalation id', () => {
    expect(escalationIdOfWebhookPath('/api/v1/telephony/twilio/dial')).toBeNull();
    expect(escalationIdOfWebhookPath('/api/v1/telephony/twilio/dial?tenant=x&escalation_id=nope')).toBeNull();
  });
});
