import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import type { PlatformConfig } from '../config/service-config';
import { PrefixedNatsServer } from '../nats/prefixed-nats.server';

export interface BootedService {
  app: INestApplication;
  /** The port its /health and /ready answer on. */
  healthPort: number;
}

/**
 * Boots a service: a NATS server in the service's queue group (N replicas share the load)
 * and a small HTTP server for the orchestrator's probes. `main.ts` is one call to this.
 */
export async function bootService(module: Type | DynamicModule, config: PlatformConfig): Promise<BootedService> {
  const app = await NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter(), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.connectMicroservice(
    {
      strategy: new PrefixedNatsServer(
        { servers: config.NATS_URL, queue: config.SERVICE_NAME, name: `${config.SERVICE_NAME}-server` },
        config.NATS_SUBJECT_PREFIX,
      ),
    },
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
  await app.listen(config.HEALTH_PORT, '0.0.0.0');
  const address = app.getHttpServer().address();
  const healthPort = typeof address === 'object' && address ? address.port : config.HEALTH_PORT;
  return { app, healthPort };
}
