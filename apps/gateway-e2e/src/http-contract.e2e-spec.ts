import { expectErrorBody, registerTenant, sharedPlatform } from './support/api';

const { api } = sharedPlatform();

describe('the HTTP contract on every error path', () => {
  it('answers 422 VALIDATION_FAILED with field details, and rejects unknown fields', async () => {
    const res = await api.post('/api/v1/auth/register', { email: 'not-an-email', password: 'short', company_name: '' });
    expectErrorBody(res, 422, 'VALIDATION_FAILED');
    expect(Object.keys(res.body.error.details.fields)).toEqual(expect.arrayContaining(['email', 'password', 'company_name']));

    const extra = await api.post('/api/v1/auth/login', { email: 'a@b.co', password: 'x', is_admin: true });
    expectErrorBody(extra, 422, 'VALIDATION_FAILED');
    expect(extra.body.error.message).toMatch(/is_admin/);
  });

  it('answers 400 BAD_REQUEST for malformed JSON', async () => {
    const res = await api.request('POST', '/api/v1/auth/login', undefined, { raw: '{"email": "a@b.co", ' });
    expectErrorBody(res, 400, 'BAD_REQUEST');
  });

  it('answers 404 NOT_FOUND for unknown routes, and 422 for a malformed id', async () => {
    expectErrorBody(await api.get('/api/v1/no-such-route'), 404, 'NOT_FOUND');
    const owner = await registerTenant(api, 'ids');
    expectErrorBody(await api.get('/api/v1/config/business/not-a-uuid', { token: owner.token }), 422, 'VALIDATION_FAILED');
  });

  it('keeps the caller\'s request id and echoes it in errors', async () => {
    const res = await api.get('/api/v1/auth/me', { headers: { 'x-request-id': 'trace-abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('trace-abc-123');
    expect(res.body.request_id).toBe('trace-abc-123');
  });

  it('replays an idempotent POST without doing it twice, and refuses the key with other parameters', async () => {
    const owner = await registerTenant(api, 'idem');
    const headers = { 'idempotency-key': `key-${owner.userId}` };
    const body = { company_name: 'Once Only Ltd', industry: 'saas' };
    const first = await api.post('/api/v1/config/business', body, { token: owner.token, headers });
    expect(first.status).toBe(201);
    const retry = await api.post('/api/v1/config/business', body, { token: owner.token, headers });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');

    const list = await api.get('/api/v1/config/business', { token: owner.token });
    expect(list.body.total).toBe(1);

    const misuse = await api.post('/api/v1/config/business', { company_name: 'Other' }, { token: owner.token, headers });
    expectErrorBody(misuse, 422, 'VALIDATION_FAILED');
  });

  it('serves OpenAPI with every route and its DTO schemas', async () => {
    const doc = await api.get('/docs-json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/roles/{id}', '/api/v1/agents/status', '/api/v1/config/business/{id}/usage']),
    );
    expect(doc.body.components.schemas.RegisterDto.properties).toHaveProperty('email');
    expect(doc.body.components.schemas.RegisterDto.required).toEqual(expect.arrayContaining(['email', 'password', 'company_name']));
    const ui = await api.get('/docs');
    expect(ui.status).toBe(200);
  });

  it('reports liveness and readiness', async () => {
    expect((await api.get('/health')).body).toEqual({ status: 'ok' });
    const ready = await api.get('/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', nats: 'up', services: { identity: 'up' } });
    expect((await api.get('/ready?scope=self')).body).toEqual({ status: 'ready', nats: 'up' });
  });
});
