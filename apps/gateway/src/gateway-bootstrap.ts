import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { randomUUID } from 'node:crypto';
import { Logger } from 'nestjs-pino';
import { NatsConnectionHolder } from '@parley/platform';
import type { GatewayConfig } from './gateway.config';
import { bucketPrefix, GatewayModule } from './gateway.module';
import { setupOpenApi } from './docs/openapi';
import { FixedWindowRateLimiter } from './rate-limit/fixed-window-rate-limiter';
import { NatsKvCounterStore } from './rate-limit/nats-kv-counter.store';
import { registerRateLimitHook } from './rate-limit/rate-limit.hook';

const REQUEST_ID_HEADER = 'x-request-id';

/** Builds and starts the gateway; main.ts and the end-to-end tests both use it. */
export async function startGateway(config: GatewayConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    trustProxy: config.TRUST_PROXY,
    bodyLimit: config.BODY_LIMIT_BYTES,
    // The caller's request id is kept (it follows the request over NATS), else we make one.
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers[REQUEST_ID_HEADER];
      return typeof given === 'string' && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.forRoot(config), adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.enableCors({
    origin: config.CORS_ORIGINS === '*' ? true : config.CORS_ORIGINS.split(',').map((o) => o.trim()),
    exposedHeaders: ['X-Request-Id', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Retry-After', 'Idempotent-Replayed'],
  });
  app.setGlobalPrefix('api/v1', { exclude: ['health', 'ready', 'api/v1/health', 'api/v1/ready', 'api/v1/ws/stats'] });
  app.useWebSocketAdapter(new IoAdapter(app));

  // Uploads are streamed by their route (MultipartUploadReader), never buffered; one file per request
  // unless the route's form allows more.
  await app.register(multipart, {
    limits: { fileSize: config.UPLOAD_MAX_BYTES, files: 1, fields: 20, fieldSize: 64 * 1024 },
  });

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (req, reply) => {
    void reply.header('X-Request-Id', req.id);
  });
  const nats = app.get(NatsConnectionHolder);
  const counters = await NatsKvCounterStore.open(nats.nc, `${bucketPrefix(config.NATS_SUBJECT_PREFIX)}gateway_ratelimit`, 2 * 3_600_000);
  registerRateLimitHook(fastify, new FixedWindowRateLimiter(counters), config);
  setupOpenApi(app);
  await app.listen(config.PORT, config.HOST);
  return app;
}
