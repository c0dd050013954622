/**
 * The baseline for the auth/me benchmark: identity's own NATS handler (the full Nest
 * pipeline: validation, context, error mapping) called in-process behind a bare Fastify
 * route that verifies the JWT as the gateway does. No NATS hop, same database.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import Fastify from 'fastify';
import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { firstValueFrom, isObservable } from 'rxjs';
import { IdentitySubjects, type AccessTokenClaims, type RequestContext } from '@parley/contracts';
import { loadConfig, NatsConnectionHolder, PrefixedNatsServer, ServiceBus } from '@parley/platform';
import { IdentityAppModule } from '../../apps/identity/src/identity-app.module';
import { identityConfigSpec } from '../../apps/identity/src/identity.config';

async function main(): Promise<void> {
  const config = loadConfig(identityConfigSpec);
  const app = await NestFactory.create(IdentityAppModule.forRoot(config), new FastifyAdapter(), { logger: false });
  const server = new PrefixedNatsServer({ servers: config.NATS_URL, queue: 'bench-in-process' }, config.NATS_SUBJECT_PREFIX);
  app.connectMicroservice({ strategy: server });
  await app.init();
  await app.startAllMicroservices();
  const handler = server.getHandlers().get(`${config.NATS_SUBJECT_PREFIX}${IdentitySubjects.me}`);
  if (!handler) throw new Error('identity has no handler for auth.me');

  // The same route through the bus to the real identity service: isolates the NATS hop.
  const busConfig = { ...config, NATS_SUBJECT_PREFIX: process.env['BENCH_BUS_PREFIX'] ?? '', SERVICE_NAME: 'bench-bus' };
  const holder = new NatsConnectionHolder(busConfig);
  await holder.connect();
  const bus = new ServiceBus(holder, busConfig);

  // A bare echo responder: the floor of a request/reply between two processes on this host.
  holder.nc.subscribe(`${busConfig.NATS_SUBJECT_PREFIX}bench.echo`, { callback: (_error, msg) => msg.respond(msg.data) });

  const contextOf = (authorization: string | undefined): RequestContext | null => {
    try {
      const claims = jwt.verify((authorization ?? '').slice(7), config.JWT_SECRET, { issuer: 'parley', algorithms: ['HS256'] }) as AccessTokenClaims;
      return { request_id: randomUUID(), tenant_id: claims.tid, user_id: claims.sub, roles: claims.roles, perms: claims.perms };
    } catch {
      return null;
    }
  };
  const http = Fastify();
  http.get('/me', async (req, reply) => {
    const ctx = contextOf(req.headers.authorization);
    if (!ctx) return reply.status(401).send({ error: 'unauthorized' });
    const result = await handler({ ctx, data: {} }, undefined as never);
    return isObservable(result) ? firstValueFrom(result) : result;
  });
  http.get('/me-via-nats', async (req, reply) => {
    const ctx = contextOf(req.headers.authorization);
    if (!ctx) return reply.status(401).send({ error: 'unauthorized' });
    return bus.send(IdentitySubjects.me, {}, ctx);
  });
  const port = Number(process.env['BENCH_IN_PROCESS_PORT'] ?? 0);
  await http.listen({ port, host: '127.0.0.1' });
  process.stdout.write(`in-process identity listening on ${port}\n`);
  const stop = async () => {
    await http.close();
    await holder.onApplicationShutdown();
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

void main();
