import { ErrorCode, IdentitySubjects as S } from '@parley/contracts';
import { bootIdentity, registerUser, uniqueEmail, type IdentityHarness } from './support/identity-harness';

const MAX_FAILURES = 3;

describe('identity login lockout and password reset (NATS, Postgres)', () => {
  let h: IdentityHarness;

  beforeAll(async () => {
    h = await bootIdentity({ LOGIN_MAX_FAILURES: String(MAX_FAILURES), LOGIN_LOCK_MINUTES: '15', RESET_TOKEN_TTL_MINUTES: '30' });
  });

  afterAll(async () => {
    await h?.close();
  });

  const fail = (email: string, ip = '203.0.113.7') =>
    h.bus.send(S.login, { email, password: 'definitely wrong' }, { ip }).catch((e: unknown) => e);

  it(`locks the account after ${MAX_FAILURES} failures and records the security events`, async () => {
    const { email, password, pair } = await registerUser(h.bus);
    const before = Date.now();
    for (let i = 1; i < MAX_FAILURES; i += 1) {
      await expect(fail(email)).resolves.toMatchObject({ code: ErrorCode.Unauthorized, message: 'invalid email or password' });
    }
    const locking = (await fail(email)) as { code: ErrorCode; message: string; details: { locked_until: string } };
    expect(locking).toMatchObject({ code: ErrorCode.Unauthorized, message: expect.stringContaining('locked') });
    const lockedUntil = new Date(locking.details.locked_until).getTime();
    expect(lockedUntil).toBeGreaterThanOrEqual(before + 15 * 60_000 - 1000);
    expect(lockedUntil).toBeLessThanOrEqual(Date.now() + 15 * 60_000 + 1000);

    // Even the right password is refused while locked; the attempt is recorded, not counted.
    await expect(h.bus.send(S.login, { email, password }, { ip: '203.0.113.8' })).rejects.toMatchObject({
      code: ErrorCode.Unauthorized, message: expect.stringContaining('locked'), details: { locked_until: locking.details.locked_until },
    });

    const [row] = await h.sql<{ failed_login_count: number; locked_until: Date }>(
      'SELECT failed_login_count, locked_until FROM users WHERE id = $1', [pair.user.id],
    );
    expect(row.failed_login_count).toBe(MAX_FAILURES);
    expect(row.locked_until.toISOString()).toBe(locking.details.locked_until);

    const failed = (await h.outbox('security.login_failed')).filter((e) => e.data.user_id === pair.user.id);
    expect(failed.map((e) => [e.data.failed_attempts, e.data.ip])).toEqual([
      [1, '203.0.113.7'], [2, '203.0.113.7'], [3, '203.0.113.7'], [3, '203.0.113.8'],
    ]);
    expect(failed.every((e) => e.tenant_id === pair.user.tenant_id)).toBe(true);
    expect(failed[0].data).toEqual({ email, user_id: pair.user.id, ip: '203.0.113.7', failed_attempts: 1 });
    const locked = (await h.outbox('security.account_locked')).filter((e) => e.data.user_id === pair.user.id);
    expect(locked).toHaveLength(1);
    expect(locked[0]).toMatchObject({
      tenant_id: pair.user.tenant_id,
      data: { user_id: pair.user.id, email, locked_until: locking.details.locked_until, ip: '203.0.113.7' },
    });
  });

  it('lets the user in again once the lock has run out, and a success resets the counter', async () => {
    const { email, password, pair } = await registerUser(h.bus);
    for (let i = 0; i < MAX_FAILURES; i += 1) await fail(email);
    await h.sql(`UPDATE users SET locked_until = now() - interval '1 second' WHERE id = $1`, [pair.user.id]);
    await expect(h.bus.send(S.login, { email, password })).resolves.toMatchObject({ user: { id: pair.user.id } });
    const [row] = await h.sql<{ failed_login_count: number; locked_until: Date | null }>(
      'SELECT failed_login_count, locked_until FROM users WHERE id = $1', [pair.user.id],
    );
    expect(row).toEqual({ failed_login_count: 0, locked_until: null });
  });

  it('records nothing for an unknown email (there is no tenant to record it in)', async () => {
    const email = uniqueEmail('ghost');
    const before = (await h.outbox('security.login_failed')).length;
    for (let i = 0; i < MAX_FAILURES + 1; i += 1) {
      await expect(fail(email)).resolves.toMatchObject({ code: ErrorCode.Unauthorized, message: 'invalid email or password' });
    }
    expect((await h.outbox('security.login_failed')).length).toBe(before);
  });

  it('answers forgot-password the same for known and unknown emails, emitting a token only for the known one', async () => {
    const { email, pair } = await registerUser(h.bus);
    const known = await h.bus.send(S.forgotPassword, { email });
    const unknown = await h.bus.send(S.forgotPassword, { email: uniqueEmail('ghost') });
    expect(unknown).toEqual(known);

    const requested = (await h.outbox('password.reset_requested')).filter((e) => e.data.user_id === pair.user.id);
    expect(requested).toHaveLength(1);
    expect(requested[0]).toMatchObject({ tenant_id: pair.user.tenant_id, data: { email, token: expect.any(String) } });
    const [stored] = await h.sql<{ token_hash: string }>('SELECT token_hash FROM password_reset_tokens WHERE user_id = $1', [pair.user.id]);
    expect(stored.token_hash).not.toContain(String(requested[0].data.token).split('.')[1]);
    const expiresAt = new Date(String(requested[0].data.expires_at)).getTime();
    expect(Math.abs(expiresAt - (Date.now() + 30 * 60_000))).toBeLessThan(10_000);
  });

  it('resets the password once with the token, lifting a lockout and ending sessions', async () => {
    const { email, password, pair } = await registerUser(h.bus);
    for (let i = 0; i < MAX_FAILURES; i += 1) await fail(email);
    await h.bus.send(S.forgotPassword, { email });
    const [event] = (await h.outbox('password.reset_requested')).filter((e) => e.data.user_id === pair.user.id);
    const token = String(event.data.token);

    await expect(h.bus.send(S.resetPassword, { token, new_password: 'my new long password' })).resolves.toMatchObject({
      message: expect.stringContaining('reset'),
    });
    await expect(h.bus.send(S.resetPassword, { token, new_password: 'another new password' })).rejects.toMatchObject({
      code: ErrorCode.Unauthorized, message: expect.stringContaining('already been used'),
    });
    await expect(h.bus.send(S.refresh, { refresh_token: pair.refresh_token })).rejects.toMatchObject({ code: ErrorCode.Unauthorized });
    await expect(h.bus.send(S.login, { email, password })).rejects.toMatchObject({ code: ErrorCode.Unauthorized });
    await expect(h.bus.send(S.login, { email, password: 'my new long password' })).resolves.toMatchObject({ user: { id: pair.user.id } });
    const changed = (await h.outbox('password.changed')).filter((e) => e.data.user_id === pair.user.id);
    expect(changed.map((e) => e.data)).toEqual([{ user_id: pair.user.id, via: 'reset' }]);
  });

  it('refuses an expired or forged reset token with a clear message', async () => {
    const { email, password, pair } = await registerUser(h.bus);
    await h.bus.send(S.forgotPassword, { email });
    const [event] = (await h.outbox('password.reset_requested')).filter((e) => e.data.user_id === pair.user.id);
    const token = String(event.data.token);
    await expect(h.bus.send(S.resetPassword, { token: `${token.split('.')[0]}.${'x'.repeat(43)}`, new_password: 'whatever password' }))
      .rejects.toMatchObject({ code: ErrorCode.Unauthorized, message: 'reset token is invalid' });

    await h.sql(`UPDATE password_reset_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [pair.user.id]);
    await expect(h.bus.send(S.resetPassword, { token, new_password: 'whatever password' })).rejects.toMatchObject({
      code: ErrorCode.Unauthorized, message: expect.stringContaining('expired'),
    });
    await expect(h.bus.send(S.login, { email, password })).resolves.toMatchObject({ user: { id: pair.user.id } });
  });
});
