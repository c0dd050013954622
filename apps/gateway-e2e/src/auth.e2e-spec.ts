import { connect, JSONCodec, type NatsConnection } from 'nats';
import { eventSubject, type DomainEvent } from '@parley/contracts';
import { testInfra } from '@parley/testing';
import { expectErrorBody, registerTenant, sharedPlatform, TEST_PASSWORD, uniqueEmail } from './support/api';

const { api, iso } = sharedPlatform();

describe('auth flow through the gateway', () => {
  let nc: NatsConnection;
  beforeAll(async () => {
    nc = await connect({ servers: testInfra().NATS_URL });
  });
  afterAll(() => nc.close());

  it('registers, logs in, reads me, rotates refresh tokens and logs out', async () => {
    const email = uniqueEmail('flow');
    const reg = await api.post('/api/v1/auth/register', { email, password: TEST_PASSWORD, name: 'Flow', company_name: 'Flow Inc' });
    expect(reg.status).toBe(201);
    expect(reg.body).toMatchObject({ token_type: 'bearer', user: { email, role: 'owner' } });
    expect(reg.body.expires_in).toBeGreaterThan(0);

    const dup = await api.post('/api/v1/auth/signup', { email, password: TEST_PASSWORD, company_name: 'Again' });
    expectErrorBody(dup, 409, 'CONFLICT');

    const login = await api.post('/api/v1/auth/login', { email: email.toUpperCase(), password: TEST_PASSWORD });
    expect(login.status).toBe(200);
    const me = await api.get('/api/v1/auth/me', { token: login.body.access_token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email, tenant_id: reg.body.user.tenant_id, role: 'owner' });
    expect(me.body.permissions).toContain('roles:write');

    const valid = await api.post('/api/v1/auth/validate', { token: login.body.access_token });
    expect(valid.body).toMatchObject({ valid: true, user_id: reg.body.user.id });
    expect((await api.post('/api/v1/auth/validate', { token: 'not-a-real-token' })).body).toMatchObject({ valid: false });

    const rotated = await api.post('/api/v1/auth/refresh', { refresh_token: login.body.refresh_token });
    expect(rotated.status).toBe(200);
    expect(rotated.body.refresh_token).not.toBe(login.body.refresh_token);

    const out = await api.post('/api/v1/auth/logout', { refresh_token: rotated.body.refresh_token }, { token: rotated.body.access_token });
    expect(out.status).toBe(200);
    expectErrorBody(await api.post('/api/v1/auth/refresh', { refresh_token: rotated.body.refresh_token }), 401, 'UNAUTHORIZED');
  });

  it('detects reuse of a spent refresh token and revokes the whole family', async () => {
    const owner = await registerTenant(api, 'reuse');
    const first = owner.tokens.refresh_token;
    const second = await api.post('/api/v1/auth/refresh', { refresh_token: first });
    expect(second.status).toBe(200);
    // An attacker replays the spent token: refused, and the family dies with it.
    expectErrorBody(await api.post('/api/v1/auth/refresh', { refresh_token: first }), 401, 'UNAUTHORIZED');
    expectErrorBody(await api.post('/api/v1/auth/refresh', { refresh_token: second.body.refresh_token }), 401, 'UNAUTHORIZED');
  });

  it('rejects bad credentials the same way for unknown and known emails', async () => {
    const owner = await registerTenant(api, 'creds');
    const wrong = await api.post('/api/v1/auth/login', { email: owner.email, password: 'wrong-password' });
    const unknown = await api.post('/api/v1/auth/login', { email: uniqueEmail('ghost'), password: 'wrong-password' });
    expectErrorBody(wrong, 401, 'UNAUTHORIZED');
    expectErrorBody(unknown, 401, 'UNAUTHORIZED');
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
    expectErrorBody(await api.get('/api/v1/auth/me'), 401, 'UNAUTHORIZED');
    expectErrorBody(await api.get('/api/v1/auth/me', { token: 'garbage.token.here' }), 401, 'UNAUTHORIZED');
  });

  it('changes the password and resets it with a single-use token delivered as an event', async () => {
    const owner = await registerTenant(api, 'reset');
    const changed = await api.post('/api/v1/auth/change-password', { current_password: TEST_PASSWORD, new_password: 'second-password-1' }, { token: owner.token });
    expect(changed.status).toBe(200);
    expect((await api.post('/api/v1/auth/login', { email: owner.email, password: 'second-password-1' })).status).toBe(200);

    const events = nc.subscribe(`${iso.prefix}${eventSubject('password.reset_requested')}`);
    const tokenArrives = (async () => {
      for await (const msg of events) {
        const event = JSONCodec<DomainEvent<'password.reset_requested'>>().decode(msg.data);
        if (event.data.email === owner.email) return event.data.token;
      }
      throw new Error('subscription closed');
    })();
    const forgot = await api.post('/api/v1/auth/forgot-password', { email: owner.email });
    expect(forgot.status).toBe(200);
    const unknown = await api.post('/api/v1/auth/forgot-password', { email: uniqueEmail('nobody') });
    expect(unknown.body).toEqual(forgot.body);
    const token = await tokenArrives;
    events.unsubscribe();

    const reset = await api.post('/api/v1/auth/reset-password', { token, new_password: 'third-password-1' });
    expect(reset.status).toBe(200);
    expect((await api.post('/api/v1/auth/login', { email: owner.email, password: 'third-password-1' })).status).toBe(200);
    const again = await api.post('/api/v1/auth/reset-password', { token, new_password: 'fourth-password-1' });
    expect(again.status).toBeGreaterThanOrEqual(400);
    expect(again.status).toBeLessThan(500);
    expect((await api.post('/api/v1/auth/login', { email: owner.email, password: 'fourth-password-1' })).status).toBe(401);
  });

  it('locks an account after repeated failures', async () => {
    const owner = await registerTenant(api, 'lock');
    for (let i = 0; i < 5; i += 1) {
      expectErrorBody(await api.post('/api/v1/auth/login', { email: owner.email, password: 'nope-nope' }), 401, 'UNAUTHORIZED');
    }
    const locked = await api.post('/api/v1/auth/login', { email: owner.email, password: TEST_PASSWORD });
    expectErrorBody(locked, 401, 'UNAUTHORIZED');
    expect(locked.body.error.message).toMatch(/locked/i);
  });
});
