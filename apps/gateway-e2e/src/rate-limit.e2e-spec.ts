import { Api, expectErrorBody, registerTenant, sharedPlatform } from './support/api';
import { startGatewayReplica, type RunningGateway } from './support/platform';

const shared = sharedPlatform();

describe('rate limits across gateway replicas', () => {
  let replicas: RunningGateway[] = [];
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.close()));
  });

  it('counts per user across two replicas and answers 429 with Retry-After', async () => {
    // Two more replicas of the shared platform, with a per-user limit of 6 a minute.
    replicas = await Promise.all([
      startGatewayReplica(shared.iso, { RATE_LIMIT_USER_PER_MINUTE: '6', RATE_LIMIT_IP_PER_HOUR: '0' }),
      startGatewayReplica(shared.iso, { RATE_LIMIT_USER_PER_MINUTE: '6', RATE_LIMIT_IP_PER_HOUR: '0' }),
    ]);
    const [one, two] = replicas.map((r) => new Api(r.baseUrl));
    const owner = await registerTenant(shared.api, 'limited');

    const seen: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const res = await (i % 2 === 0 ? one : two).get('/api/v1/auth/me', { token: owner.token });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-limit')).toBe('6');
      expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
      seen.push(Number(res.headers.get('x-ratelimit-remaining')));
    }
    expect(seen).toEqual([5, 4, 3, 2, 1, 0]);

    const limited = await two.get('/api/v1/auth/me', { token: owner.token });
    expectErrorBody(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');

    // Another user is not affected.
    const other = await registerTenant(shared.api, 'unlimited');
    expect((await one.get('/api/v1/auth/me', { token: other.token })).status).toBe(200);
  });

  it('limits per IP for anonymous callers', async () => {
    const replica = await startGatewayReplica(shared.iso, { RATE_LIMIT_USER_PER_MINUTE: '0', RATE_LIMIT_IP_PER_HOUR: '3' });
    replicas.push(replica);
    const api = new Api(replica.baseUrl);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await api.post('/api/v1/auth/login', { email: 'ip@limit.test', password: 'x' })).status);
    // The IP counter is shared by every replica on this prefix: at most three pass.
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(3);
  });
});
