import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ErrorCode, TWILIO_WEBHOOK_PATH } from '@parley/contracts';
import type { GatewayConfig } from '../gateway.config';
import { verifyAccessToken } from '../auth/access-token';
import { errorBody } from '../http/error-body';
import { sendError } from '../http/http-error.filter';
import type { FixedWindowRateLimiter, LimitRule } from './fixed-window-rate-limiter';

const UNLIMITED_PATHS = new Set(['/health', '/ready', '/api/v1/health', '/api/v1/ready']);

function userOf(req: FastifyRequest, secret: string): string | null {
  const header = req.headers.authorization;
  if (!header?.startsWith('Bearer ')) return null;
  return verifyAccessToken(header.slice(7), secret)?.sub ?? null;
}

/**
 * Rate limits run as the first hook, so every response (even 401 and 404) carries the
 * X-RateLimit-* headers and a flood never reaches auth or the services.
 */
export function registerRateLimitHook(fastify: FastifyInstance, limiter: FixedWindowRateLimiter, config: GatewayConfig): void {
  const userRule: LimitRule = { name: 'user', limit: config.RATE_LIMIT_USER_PER_MINUTE, windowMs: 60_000 };
  const ipRule: LimitRule = { name: 'ip', limit: config.RATE_LIMIT_IP_PER_HOUR, windowMs: 3_600_000 };
  // Twilio's webhooks come from a few addresses at call-center volume; they are signed and idempotent
  // (telephony checks both), so they get their own, higher per-IP limit instead of the anonymous one.
  const webhookIpRule: LimitRule = { name: 'webhook_ip', limit: config.RATE_LIMIT_WEBHOOK_IP_PER_MINUTE, windowMs: 60_000 };
  if (userRule.limit === 0 && ipRule.limit === 0 && webhookIpRule.limit === 0) return;

  fastify.addHook('onRequest', async (req, reply) => {
    if (UNLIMITED_PATHS.has(req.url.split('?')[0]) || req.url.startsWith('/socket.io')) return;
    const webhook = req.url.startsWith(`${TWILIO_WEBHOOK_PATH}/`);
    const user = webhook ? null : userOf(req, config.JWT_SECRET);
    const decision = await limiter.check([
      { rule: webhook ? webhookIpRule : ipRule, subject: req.ip },
      ...(user ? [{ rule: userRule, subject: user }] : []),
    ]);
    if (!decision) return;
    void reply.header('X-RateLimit-Limit', decision.limit);
    void reply.header('X-RateLimit-Remaining', decision.remaining);
    void reply.header('X-RateLimit-Reset', decision.resetAt);
    if (!decision.allowed) {
      void reply.header('Retry-After', decision.retryAfterS);
      sendError(
        reply,
        errorBody(ErrorCode.RateLimited, `rate limit exceeded (${decision.rule}); retry in ${decision.retryAfterS} s`, String(req.id), {
          limit: decision.limit,
          retry_after_s: decision.retryAfterS,
        }),
      );
      return reply;
    }
  });
}
