import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { createHash } from 'node:crypto';
import type { AiProvidersDto, AiProviderStatusDto, OpenAIConnectionResult, RequestContext } from '@parley/contracts';
import { VOICE_AI_CONFIG, type VoiceAiConfig } from '../voice-ai.config';
import { AiSettingsService } from './ai-settings.service';
import { checkOpenAIConnection } from './openai-connection-check';
import { OpenAIClients } from './openai-clients';

/** How long a provider's health answer is reused: `GET /ai/providers` must not cost a request each time. */
const HEALTH_TTL_MS = 30_000;

/** Which providers a tenant can use, and whether they answer: local always, openai by listing models. */
@Injectable()
export class AiProviderStatus {
  private readonly health = new LRUCache<string, OpenAIConnectionResult>({ max: 1000, ttl: HEALTH_TTL_MS });

  constructor(
    private readonly clients: OpenAIClients,
    private readonly settings: AiSettingsService,
    @Inject(VOICE_AI_CONFIG) private readonly config: VoiceAiConfig,
  ) {}

  async providers(ctx: RequestContext): Promise<AiProvidersDto> {
    const tenantId = ctx.tenant_id as string;
    const local: AiProviderStatusDto = {
      name: 'local', configured: true, healthy: true, source: 'built_in', base_url: null, chat_model: null, realtime_model: null,
      latency_ms: 0, error: null,
    };
    const target = await this.clients.clientFor(tenantId);
    let openai: AiProviderStatusDto;
    if (!target) {
      openai = {
        name: 'openai', configured: false, healthy: false, source: null, base_url: null, chat_model: null, realtime_model: null,
        latency_ms: null, error: null,
      };
    } else {
      const key = createHash('sha256').update(`${target.apiKey}\n${target.baseURL}\n${target.chatModel}`).digest('hex');
      let check = this.health.get(key);
      if (!check) {
        check = await checkOpenAIConnection(target, this.config.OPENAI_TIMEOUT_MS);
        this.health.set(key, check);
      }
      openai = {
        name: 'openai',
        configured: true,
        healthy: check.ok,
        source: target.source,
        base_url: target.baseURL,
        chat_model: target.chatModel,
        realtime_model: target.realtimeModel,
        latency_ms: check.latency_ms,
        error: check.error ? check.error.message : null,
      };
    }
    return { default_provider: await this.settings.defaultProvider(ctx), providers: [local, openai] };
  }

  /** `POST /config/test-connection`'s OpenAI half: always a fresh check. */
  async testConnection(ctx: RequestContext): Promise<OpenAIConnectionResult> {
    return checkOpenAIConnection(await this.clients.clientFor(ctx.tenant_id as string), this.config.OPENAI_TIMEOUT_MS);
  }
}
