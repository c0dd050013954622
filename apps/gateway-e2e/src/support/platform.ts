import type { INestApplication } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { bootService, loadConfig } from '@parley/platform';
import { startFakeTwilio, type FakeOpenAI, type FakeTwilio, type Isolation } from '@parley/testing';
import { IdentityAppModule } from '../../../identity/src/identity-app.module';
import { identityConfigSpec } from '../../../identity/src/identity.config';
import { LeadsAppModule } from '../../../leads/src/leads-app.module';
import { leadsConfigSpec } from '../../../leads/src/leads.config';
import { KnowledgeAppModule } from '../../../knowledge/src/knowledge-app.module';
import { knowledgeConfigSpec } from '../../../knowledge/src/knowledge.config';
import { ComplianceAppModule } from '../../../compliance/src/compliance-app.module';
import { complianceConfigSpec } from '../../../compliance/src/compliance.config';
import { TelephonyAppModule } from '../../../telephony/src/telephony-app.module';
import { telephonyConfigSpec } from '../../../telephony/src/telephony.config';
import { VoiceAiAppModule } from '../../../voice-ai/src/voice-ai-app.module';
import { voiceAiConfigSpec } from '../../../voice-ai/src/voice-ai.config';
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

/** Knowledge crawls the specs' sites on loopback and picks new uploads up quickly. */
export async function startKnowledge(iso: Isolation, extra: Record<string, string> = {}): Promise<RunningService> {
  const config = loadConfig(knowledgeConfigSpec, iso.env('knowledge', { CRAWL_ALLOW_PRIVATE_HOSTS: 'true', INGEST_POLL_MS: '200', ...extra }));
  const { app } = await bootService(KnowledgeAppModule.forRoot(config), config);
  return { app, close: () => app.close() };
}

export async function startCompliance(iso: Isolation, extra: Record<string, string> = {}): Promise<RunningService> {
  const config = loadConfig(complianceConfigSpec, iso.env('compliance', extra));
  const { app } = await bootService(ComplianceAppModule.forRoot(config), config);
  return { app, close: () => app.close() };
}

/**
 * Telephony with its Twilio SDK pointed at a fake Twilio, and webhook URLs built from the gateway's
 * own address so the fake's signed callbacks reach it and verify. The key that encrypts the
 * tenants' auth tokens is fixed per isolation, so a restart on the same schema still reads them.
 */
export async function startTelephony(
  iso: Isolation, twilio: Pick<FakeTwilio, 'apiBaseUrl'>, publicBaseUrl: string, extra: Record<string, string> = {},
): Promise<RunningService> {
  const config = loadConfig(telephonyConfigSpec, iso.env('telephony', {
    TWILIO_API_BASE_URL: twilio.apiBaseUrl,
    PUBLIC_BASE_URL: publicBaseUrl,
    TELEPHONY_ENCRYPTION_KEY: createHash('sha256').update(`e2e telephony key ${iso.id}`).digest('hex'),
    ...extra,
  }));
  const { app } = await bootService(TelephonyAppModule.forRoot(config), config);
  return { app, close: () => app.close() };
}

/** The platform-wide OpenAI key voice-ai presents to a fake OpenAI. */
export const E2E_OPENAI_KEY = 'sk-e2e-platform-key';

/**
 * Voice-ai on the local engine unless a fake OpenAI is given: then the platform's own key and base URL
 * point at it, so agents on the openai provider (and phone calls bridged to the Realtime API) talk to the fake.
 */
export async function startVoiceAi(
  iso: Isolation, openai?: Pick<FakeOpenAI, 'baseURL'>, extra: Record<string, string> = {},
): Promise<RunningService> {
  const config = loadConfig(voiceAiConfigSpec, iso.env('voice-ai', {
    VOICE_AI_ENCRYPTION_KEY: createHash('sha256').update(`e2e voice-ai key ${iso.id}`).digest('hex'),
    // Never the real API from a test: without a fake, the openai provider is simply unconfigured.
    OPENAI_API_KEY: openai ? E2E_OPENAI_KEY : '',
    OPENAI_BASE_URL: openai?.baseURL ?? 'http://127.0.0.1:9/v1',
    OPENAI_MAX_RETRIES: '0',
    ...extra,
  }));
  const { app } = await bootService(VoiceAiAppModule.forRoot(config), config);
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
  knowledgeEnv?: Record<string, string>;
  complianceEnv?: Record<string, string>;
  telephonyEnv?: Record<string, string>;
  voiceAiEnv?: Record<string, string>;
  /** The fake Twilio telephony dials through; the platform starts (and closes) its own when none is given. */
  twilio?: FakeTwilio;
  /** A fake OpenAI voice-ai uses as the platform's OpenAI; none: voice-ai has no OpenAI key (local provider only). */
  openai?: Pick<FakeOpenAI, 'baseURL'>;
}

/**
 * identity + leads + knowledge + compliance + voice-ai + gateway + telephony (dialing a fake Twilio), as the e2e run's
 * shared platform (or a spec's own). The leads
 * service can be stopped and started again on the same schema and subject prefix: a restart.
 */
export async function startPlatform(iso: Isolation, options: PlatformOptions = {}) {
  const [identity, firstLeads, knowledge, compliance, voiceAi] = await Promise.all([
    startIdentity(iso), startLeads(iso, options.leadsEnv), startKnowledge(iso, options.knowledgeEnv),
    startCompliance(iso, options.complianceEnv), startVoiceAi(iso, options.openai, options.voiceAiEnv),
  ]);
  let leads: RunningService | undefined = firstLeads;
  // Twilio's Media Streams reach telephony through the gateway, which pipes them to this port.
  const mediaPort = await freePort();
  const gateway = await startGatewayReplica(iso, { TELEPHONY_MEDIA_URL: `http://127.0.0.1:${mediaPort}`, ...options.gatewayEnv });
  // After the gateway: telephony's public base URL is the gateway's address, known once it listens.
  const twilio = options.twilio ?? (await startFakeTwilio());
  const telephony = await startTelephony(iso, twilio, gateway.baseUrl, { MEDIA_PORT: String(mediaPort), ...options.telephonyEnv });
  return {
    identity,
    knowledge,
    compliance,
    telephony,
    voiceAi,
    twilio,
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
      await telephony.close();
      await voiceAi.close();
      if (!options.twilio) await twilio.close();
      await leads?.close();
      leads = undefined;
      await compliance.close();
      await knowledge.close();
      await identity.close();
    },
  };
}

/** A port free right now (the gateway must know telephony's media port before telephony starts). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
