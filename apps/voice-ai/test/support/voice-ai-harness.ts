import type { RequestContext } from '@parley/contracts';
import { bootServiceHarness, type Isolation, type ServiceHarness } from '@parley/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { VoiceAiAppModule } from '../../src/voice-ai-app.module';
import { voiceAiConfigSpec, type VoiceAiConfig } from '../../src/voice-ai.config';

/** The voice-ai service booted on a fresh schema and subject prefix. */
export type VoiceAiHarness = ServiceHarness<VoiceAiConfig>;

/** A real key per run: tests exercise the configured-key path, not the development fallback. */
export const TEST_ENCRYPTION_KEY = randomBytes(32).toString('hex');

/** Boots voice-ai; pass `iso` of an earlier harness to boot a second replica on the same schema. */
export function bootVoiceAi(env: Record<string, string> = {}, iso?: Isolation): Promise<VoiceAiHarness> {
  return bootServiceHarness({
    service: 'voice-ai',
    spec: voiceAiConfigSpec,
    module: (config) => VoiceAiAppModule.forRoot(config),
    env: { VOICE_AI_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, KNOWLEDGE_TIMEOUT_MS: '1000', SERVICE_TIMEOUT_MS: '2000', ...env },
    iso,
  });
}

/** A caller in a fresh tenant with every voice-ai permission, as the gateway would derive it from a JWT. */
export function tenantCtx(extra: Partial<RequestContext> = {}): Partial<RequestContext> {
  return {
    tenant_id: randomUUID(),
    user_id: randomUUID(),
    roles: ['owner'],
    perms: ['ai_agents:read', 'ai_agents:write', 'calls:read', 'calls:write', 'leads:read', 'config:write'],
    ...extra,
  };
}
