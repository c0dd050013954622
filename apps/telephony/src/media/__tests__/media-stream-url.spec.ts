import { mediaStreamTargetOf, mediaStreamUrl } from '../media-stream-url';

const TENANT = '0b6f4c1e-3c1a-4d4b-9b9a-0e1f2a3b4c5d';
const CALL = '5a1e2d3c-4b5a-4697-8877-665544332211';

describe('Media Streams URLs', () => {
  it('turns the public base URL into a ws(s) URL with the tenant and call in the path (Twilio drops query strings)', () => {
    expect(mediaStreamUrl('https://calls.example.com/', { tenantId: TENANT, callId: CALL }))
      .toBe(`wss://calls.example.com/api/v1/telephony/twilio/media/${TENANT}/${CALL}`);
    expect(mediaStreamUrl('http://127.0.0.1:8000', { tenantId: TENANT, callId: CALL }))
      .toBe(`ws://127.0.0.1:8000/api/v1/telephony/twilio/media/${TENANT}/${CALL}`);
    expect(mediaStreamUrl('HTTPS://Proxy.example.com/base', { tenantId: TENANT, callId: CALL }))
      .toBe(`wss://Proxy.example.com/base/api/v1/telephony/twilio/media/${TENANT}/${CALL}`);
  });

  it('reads the target back from an upgrade request path, and nothing else', () => {
    expect(mediaStreamTargetOf(`/api/v1/telephony/twilio/media/${TENANT}/${CALL}`)).toEqual({ tenantId: TENANT, callId: CALL });
    expect(mediaStreamTargetOf(`/api/v1/telephony/twilio/media/${TENANT}/${CALL}?ignored=1`)).toEqual({ tenantId: TENANT, callId: CALL });
    for (const path of [
      undefined, '/', `/api/v1/telephony/twilio/media/${TENANT}`, `/api/v1/telephony/twilio/media/${TENANT}/${CALL}/x`,
      `/api/v1/telephony/twilio/media/${TENANT}/not-a-uuid`, `/api/v1/telephony/twilio/voice/${TENANT}/${CALL}`,
    ]) {
      expect(mediaStreamTargetOf(path)).toBeNull();
    }
  });
});
