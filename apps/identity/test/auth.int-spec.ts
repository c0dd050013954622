import jwt from 'jsonwebtoken';
import { BUILT_IN_ROLE_PERMISSIONS, ErrorCode, IdentitySubjects as S } from '@parley/contracts';
import { bootIdentity, ctxOf, registerUser, uniqueEmail, type IdentityHarness } from './support/identity-harness';

describe('identity auth (NATS, Postgres)', () => {
  let h: IdentityHarness;

  beforeAll(async () => {
    h = await bootIdentity();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('registers a user as owner of a new tenant, then logs in and answers me', async () => {
    const email = uniqueEmail('Owner');
    const { pair } = await registerUser(h.bus, { email, company: 'Blue Sky Calls', name: 'Olive Owner' });
    expect(pair).toMatchObject({ token_type: 'bearer', expires_in: 900 });
    expect(pair.user).toMatchObject({ email: email.toLowerCase(), name: 'Olive Owner', role: 'owner' });
    expect(pair.user.permissions).toEqual([...BUILT_IN_ROLE_PERMISSIONS.owner]);
    expect(pair.refresh_token).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);

    const claims = jwt.verify(pair.access_token, h.config.JWT_SECRET, { algorithms: ['HS256'], issuer: 'parley' }) as jwt.JwtPayload;
    expect(claims).toMatchObject({ sub: pair.user.id, tid: pair.user.tenant_id, roles: ['owner'], email: email.toLowerCase() });
    expect(claims.exp! - claims.iat!).toBe(900);

    const tenants = await h.sql<{ name: string }>('SELECT name FROM tenants WHERE id = $1', [pair.user.tenant_id]);
    expect(tenants).toEqual([{ name: 'Blue Sky Calls' }]);
    const roles = await h.sql<{ name: string }>('SELECT name FROM roles WHERE tenant_id = $1 AND built_in ORDER BY name', [pair.user.tenant_id]);
    expect(roles.map((r) => r.name)).toEqual(['admin', 'agent', 'manager', 'owner', 'viewer']);
    // Ids come from the built-in gen_random_uuid(): TypeORM must not have installed uuid-ossp.
    const extensions = await h.sql('SELECT extname FROM pg_extension WHERE extnamespace = $1::regnamespace', [h.schema]);
    expect(extensions).toEqual([]);
    const [user] = await h.sql<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [pair.user.id]);
    expect(user.password_hash).toMatch(/^\$argon2id\$/);

    const events = (await h.outbox()).filter((e) => e.tenant_id === pair.user.tenant_id);
    expect(events.map((e) => e.type)).toEqual(['user.registered', 'tenant.created']);
    expect(events[0]).toMatchObject({ actor_id: pair.user.id, data: { user_id: pair.user.id, email: email.toLowerCase() } });
    expect(events[1].data).toEqual({ tenant_id: pair.user.tenant_id, name: 'Blue Sky Calls', owner_id: pair.user.id });

    const login = await h.bus.send(S.login, { email: email.toUpperCase(), password: 'correct horse battery' });
    expect(login.user).toMatchObject({ id: pair.user.id, tenant_id: pair.user.tenant_id, role: 'owner' });

    const me = await h.bus.send(S.me, {}, ctxOf(login));
    expect(me).toEqual(pair.user);
  });

  it('refuses a second account with the same email, whatever its case', async () => {
    const { email } = await registerUser(h.bus);
    await expect(registerUser(h.bus, { email: email.toUpperCase() })).rejects.toMatchObject({ code: ErrorCode.Conflict });
  });

  it('validates the payload: a short password is a 422 naming the field', async () => {
    await expect(
      h.bus.send(S.register, { email: uniqueEmail(), password: 'short', company_name: 'X' }),
    ).rejects.toMatchObject({ code: ErrorCode.ValidationFailed, details: { fields: { password: expect.any(Array) } } });
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const { email } = await registerUser(h.bus);
    const wrong = await h.bus.send(S.login, { email, password: 'not the password' }).catch((e: unknown) => e);
    const unknown = await h.bus.send(S.login, { email: uniqueEmail('nobody'), password: 'not the password' }).catch((e: unknown) => e);
    expect(wrong).toMatchObject({ code: ErrorCode.Unauthorized, message: 'invalid email or password' });
    expect(unknown).toMatchObject({ code: ErrorCode.Unauthorized, message: 'invalid email or password' });
  });

  it('rotates refresh tokens, and a reused one revokes the whole family', async () => {
    const { pair } = await registerUser(h.bus);
    const second = await h.bus.send(S.refresh, { refresh_token: pair.refresh_token });
    expect(second.refresh_token).not.toBe(pair.refresh_token);
    expect(second.user.id).toBe(pair.user.id);
    const third = await h.bus.send(S.refresh, { refresh_token: second.refresh_token });

    // The first token was already rotated: presenting it again is theft, the session ends.
    await expect(h.bus.send(S.refresh, { refresh_token: pair.refresh_token })).rejects.toMatchObject({
      code: ErrorCode.Unauthorized, details: { reason: 'reuse_detected' },
    });
    await expect(h.bus.send(S.refresh, { refresh_token: third.refresh_token })).rejects.toMatchObject({
      code: ErrorCode.Unauthorized, details: { reason: 'revoked' },
    });

    const rows = await h.sql<{ used: boolean; revoked: boolean }>(
      `SELECT used_at IS NOT NULL AS used, revoked_at IS NOT NULL AS revoked FROM refresh_tokens
       WHERE user_id = $1 ORDER BY created_at, id`,
      [pair.user.id],
    );
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.revoked)).toBe(true);
    const [reuse] = await h.outbox('security.refresh_token_reused').then((es) => es.filter((e) => e.data.user_id === pair.user.id));
    expect(reuse).toMatchObject({ tenant_id: pair.user.tenant_id });
  });

  it('refuses a forged or expired refresh token without touching the family', async () => {
    const { pair } = await registerUser(h.bus);
    const [id] = pair.refresh_token.split('.');
    const forged = `${id}.${'A'.repeat(43)}`;
    await expect(h.bus.send(S.refresh, { refresh_token: forged })).rejects.toMatchObject({
      code: ErrorCode.Unauthorized, details: { reason: 'invalid' },
    });
    await h.sql(`UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [id]);
    await expect(h.bus.send(S.refresh, { refresh_token: pair.refresh_token })).rejects.toMatchObject({
      code: ErrorCode.Unauthorized, details: { reason: 'expired' },
    });
    const [row] = await h.sql<{ revoked_at: Date | null }>('SELECT revoked_at FROM refresh_tokens WHERE id = $1', [id]);
    expect(row.revoked_at).toBeNull();
  });

  it('logs out one session by its refresh token, or every session in the tenant', async () => {
    const { email, password, pair } = await registerUser(h.bus);
    const other = await h.bus.send(S.login, { email, password });
    await expect(h.bus.send(S.logout, { refresh_token: pair.refresh_token }, ctxOf(pair))).resolves.toEqual({ message: 'logged out' });
    await expect(h.bus.send(S.refresh, { refresh_token: pair.refresh_token })).rejects.toMatchObject({ code: ErrorCode.Unauthorized });
    const next = await h.bus.send(S.refresh, { refresh_token: other.refresh_token });

    await h.bus.send(S.logout, {}, ctxOf(next));
    await expect(h.bus.send(S.refresh, { refresh_token: next.refresh_token })).rejects.toMatchObject({ code: ErrorCode.Unauthorized });
  });

  it('validates access tokens: valid for a member, invalid when tampered with', async () => {
    const { pair } = await registerUser(h.bus);
    const valid = await h.bus.send(S.validate, { token: pair.access_token });
    expect(valid).toMatchObject({ valid: true, user_id: pair.user.id, tenant_id: pair.user.tenant_id });
    expect(new Date(valid.expires_at!).getTime()).toBeGreaterThan(Date.now());

    const [header, payload, signature] = pair.access_token.split('.');
    const tampered = Buffer.from(payload, 'base64url').toString().replace('"owner"', '"admin"');
    const forged = `${header}.${Buffer.from(tampered).toString('base64url')}.${signature}`;
    await expect(h.bus.send(S.validate, { token: forged })).resolves.toEqual({ valid: false });
    const expired = jwt.sign({ ...jwt.decode(pair.access_token) as object, exp: Math.floor(Date.now() / 1000) - 10 }, h.config.JWT_SECRET);
    await expect(h.bus.send(S.validate, { token: expired })).resolves.toEqual({ valid: false });
  });

  it('answers me with 401 when the request carries no user', async () => {
    await expect(h.bus.send(S.me, {})).rejects.toMatchObject({ code: ErrorCode.Unauthorized });
  });

  it('changes the password with the current one, revoking refresh tokens', async () => {
    const { email, password, pair } = await registerUser(h.bus);
    await expect(
      h.bus.send(S.changePassword, { current_password: 'wrong password', new_password: 'a brand new secret' }, ctxOf(pair)),
    ).rejects.toMatchObject({ code: ErrorCode.ValidationFailed, details: { fields: { current_password: expect.any(Array) } } });

    await expect(
      h.bus.send(S.changePassword, { current_password: password, new_password: 'a brand new secret' }, ctxOf(pair)),
    ).resolves.toEqual({ message: 'password changed' });
    await expect(h.bus.send(S.refresh, { refresh_token: pair.refresh_token })).rejects.toMatchObject({ code: ErrorCode.Unauthorized });
    await expect(h.bus.send(S.login, { email, password })).rejects.toMatchObject({ code: ErrorCode.Unauthorized });
    await expect(h.bus.send(S.login, { email, password: 'a brand new secret' })).resolves.toMatchObject({ user: { id: pair.user.id } });
    const changed = (await h.outbox('password.changed')).filter((e) => e.data.user_id === pair.user.id);
    expect(changed).toHaveLength(1);
    expect(changed[0].data).toEqual({ user_id: pair.user.id, via: 'change' });
  });

  it('publishes outbox events to JetStream', async () => {
    const { pair } = await registerUser(h.bus);
    const deadline = Date.now() + 3000;
    let rows = await h.outbox();
    while (rows.some((r) => r.tenant_id === pair.user.tenant_id && !r.published_at) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      rows = await h.outbox();
    }
    expect(rows.filter((r) => r.tenant_id === pair.user.tenant_id).every((r) => r.published_at)).toBe(true);
  });
});
