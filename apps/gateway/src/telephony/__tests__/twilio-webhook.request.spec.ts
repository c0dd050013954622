import { DomainException } from '@parley/platform';
import { twilioWebhookRequest, type ReceivedWebhook } from '../twilio-webhook.request';

const TENANT = '3f8a1f5e-2b7c-4d7e-9a51-0c2d6b1e4f90';

function received(overrides: Partial<ReceivedWebhook> = {}): ReceivedWebhook {
  return {
    url: `/api/v1/telephony/twilio/status?tenant=${TENANT}`,
    query: { tenant: TENANT },
    headers: { 'x-twilio-signature': 'c2lnbmF0dXJl=' },
    body: { CallSid: 'CA0123', CallStatus: 'ringing' },
    ...overrides,
  };
}

describe('a Twilio webhook as forwarded to telephony', () => {
  it('carries the kind, tenant, URL as requested, form fields and signature', () => {
    expect(twilioWebhookRequest('status', received())).toEqual({
      kind: 'status',
      tenant_id: TENANT,
      path: `/api/v1/telephony/twilio/status?tenant=${TENANT}`,
      params: { CallSid: 'CA0123', CallStatus: 'ringing' },
      signature: 'c2lnbmF0dXJl=',
    });
  });

  it('keeps values untrimmed and a repeated field as its list of values, as Twilio signed them', () => {
    const request = twilioWebhookRequest('gather', received({ body: { SpeechResult: '  yes please ', Digits: ['1', '2'] } }));
    expect(request.params).toEqual({ SpeechResult: '  yes please ', Digits: ['1', '2'] });
  });

  it('keeps the query exactly as requested, extra parameters and encoding included', () => {
    const url = `/api/v1/telephony/twilio/voice?tenant=${TENANT}&agent=a%20b`;
    expect(twilioWebhookRequest('voice', received({ url, query: { tenant: TENANT, agent: 'a b' } })).path).toBe(url);
  });

  it('forwards a request without a signature (telephony refuses it) and a non-form body with no fields', () => {
    const request = twilioWebhookRequest('voice', received({ headers: {}, body: undefined }));
    expect(request).not.toHaveProperty('signature');
    expect(request.params).toEqual({});
    expect(twilioWebhookRequest('voice', received({ body: { nested: { a: 1 }, count: 3 } })).params).toEqual({});
  });

  it.each([
    ['no tenant', {}],
    ['a tenant that is not an id', { tenant: 'acme' }],
    ['two tenants', { tenant: [TENANT, TENANT] }],
  ])('is forbidden with %s in the URL', (_, query) => {
    let thrown: unknown;
    try {
      twilioWebhookRequest('status', received({ query }));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainException);
    expect(thrown).toMatchObject({ code: 'FORBIDDEN' });
  });
});
