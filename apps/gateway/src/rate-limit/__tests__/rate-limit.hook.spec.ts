import Fastify from 'fastify';
import type { GatewayConfig } from '../../gateway.config';
import { FixedWindowRateLimiter, type CounterStore } from '../fixed-window-rate-limiter';
import { registerRateLimitHook } from '../rate-limit.hook';

class MemoryCounters implements CounterStore {
  private readonly counts = new Map<string, number>();
  async increment(key: string): Promise<number> {
    const next = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, next);
    return next;
  }
}

describe('rate limit hook', () => {
  async function app(limits: Pick<GatewayConfig, 'RATE_LIMIT_USER_PER_MINUTE' | 'RATE_LIMIT_IP_PER_HOUR' | 'RATE_LIMIT_WEBHOOK_IP_PER_MINUTE'>) {
    const fastify = Fastify();
    const config = { ...limits, JWT_SECRET: 'x'.repeat(32) } as GatewayConfig;
    registerRateLimitHook(fastify, new FixedWindowRateLimiter(new MemoryCounters()), config);
    fastify.post('/api/v1/telephony/twilio/status', async () => '');
    fastify.post('/api/v1/auth/login', async () => ({ ok: true }));
    await fastify.ready();
    return fastify;
  }

  it("counts Twilio's webhooks on their own per-IP limit, not the anonymous one", async () => {
    const fastify = await app({ RATE_LIMIT_USER_PER_MINUTE: 100, RATE_LIMIT_IP_PER_HOUR: 1, RATE_LIMIT_WEBHOOK_IP_PER_MINUTE: 3 });
    const webhook = () => fastify.inject({ method: 'POST', url: '/api/v1/telephony/twilio/status?tenant=t1' });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await webhook()).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await webhook();
    expect(limited.headers['x-ratelimit-limit']).toBe('3');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // The anonymous per-IP limit is untouched by them: its one request still passes, then it binds.
    expect((await fastify.inject({ method: 'POST', url: '/api/v1/auth/login' })).statusCode).toBe(200);
    expect((await fastify.inject({ method: 'POST', url: '/api/v1/auth/login' })).statusCode).toBe(429);
    await fastify.close();
  });
});
