import { requestFingerprint } from '../idempotency.interceptor';

const json = (body: unknown) => ({ method: 'POST', url: '/api/v1/leads', headers: { 'content-type': 'application/json' }, body });
const multipart = (boundary: string, length: string) => ({
  method: 'POST', url: '/api/v1/leads/import', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': length }, body: undefined,
});

describe('what counts as the same request for an Idempotency-Key', () => {
  it('a JSON request: method, path and body', () => {
    expect(requestFingerprint(json({ name: 'A' }))).toBe(requestFingerprint(json({ name: 'A' })));
    expect(requestFingerprint(json({ name: 'A' }))).not.toBe(requestFingerprint(json({ name: 'B' })));
  });

  it('an upload, still unread: its size, not the boundary a retry changes', () => {
    expect(requestFingerprint(multipart('aaa111', '5120'))).toBe(requestFingerprint(multipart('bbb222', '5120')));
    expect(requestFingerprint(multipart('aaa111', '5120'))).not.toBe(requestFingerprint(multipart('aaa111', '9000')));
  });
});
