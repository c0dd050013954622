import type { INestApplication } from '@nestjs/common';
import { bootService, loadConfig } from '@parley/platform';
import type { Isolation } from '@parley/testing';
import { IdentityAppModule } from '../../../identity/src/identity-app.module';
import { identityConfigSpec } from '../../../identity/src/identity.config';
import { loadGatewayConfig } from '../../../gateway/src/gateway.config';
import { startGateway } from '../../../gateway/src/gateway-bootstrap';

export interface RunningService {
  app: INestApplication;
  close(): Promise<void>;
}

export async function startIdentity(iso: Isolation, extra: Record<string, string> = {}): Promise<RunningService> {
  const config = loadConfig(identityConfigSpec, iso.env('identity', extra));
  const { app } = await bootService(IdentityAppModule.forRoot(config), config);
  return { app, close: () => app.close() };
}

export interface RunningGateway extends RunningService {
  baseUrl: string;
}

/** A gateway replica on a free port under the isolation's subject prefix. */
export async function startGatewayReplica(iso: Isolation, extra: Record<string, string> = {}): Promise<RunningGateway> {
  const config = loadGatewayConfig({
    ...iso.env('gateway'),
    PORT: '0',
    HOST: '127.0.0.1',
    RATE_LIMIT_USER_PER_MINUTE: '0',
    RATE_LIMIT_IP_PER_HOUR: '0',
    ...extra,
  });
  const app = await startGateway(config);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { app, baseUrl: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/** identity + gateway, as the e2e run's shared platform. */
export async function startPlatform(iso: Isolation, gatewayEnv: Record<string, string> = {}) {
  const identity = await startIdentity(iso);
  const gateway = await startGatewayReplica(iso, gatewayEnv);
  return {
    identity,
    gateway,
    baseUrl: gateway.baseUrl,
    async close() {
      await gateway.close();
      await identity.close();
    },
  };
}
