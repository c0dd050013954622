import type { INestApplication } from '@nestjs/common';
import { bootService, loadConfig } from '@parley/platform';
import type { Isolation } from '@parley/testing';
import { IdentityAppModule } from '../../../identity/src/identity-app.module';
import { identityConfigSpec } from '../../../identity/src/identity.config';
import { LeadsAppModule } from '../../../leads/src/leads-app.module';
import { leadsConfigSpec } from '../../../leads/src/leads.config';
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

export async function startLeads(iso: Isolation, extra: Record<string, string> = {}): Promise<RunningService> {
  const config = loadConfig(leadsConfigSpec, iso.env('leads', extra));
  const { app } = await bootService(LeadsAppModule.forRoot(config), config);
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

export interface PlatformOptions {
  gatewayEnv?: Record<string, string>;
  leadsEnv?: Record<string, string>;
}

/**
 * identity + leads + gateway, as the e2e run's shared platform (or a spec's own). The leads
 * service can be stopped and started again on the same schema and subject prefix: a restart.
 */
export async function startPlatform(iso: Isolation, options: PlatformOptions = {}) {
  const [identity, firstLeads] = await Promise.all([startIdentity(iso), startLeads(iso, options.leadsEnv)]);
  let leads: RunningService | undefined = firstLeads;
  const gateway = await startGatewayReplica(iso, options.gatewayEnv);
  return {
    identity,
    gateway,
    baseUrl: gateway.baseUrl,
    async stopLeads() {
      await leads?.close();
      leads = undefined;
    },
    async startLeads() {
      if (leads) throw new Error('leads is already running');
      leads = await startLeads(iso, options.leadsEnv);
    },
    async close() {
      await gateway.close();
      await leads?.close();
      leads = undefined;
      await identity.close();
    },
  };
}
