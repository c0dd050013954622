import { Inject, Injectable, Logger } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { LRUCache } from 'lru-cache';
import { createHash } from 'node:crypto';
import OpenAI from 'openai';
import { SecretCipher, TenantDb } from '@parley/platform';
import { VOICE_AI_CONFIG, type VoiceAiConfig } from '../voice-ai.config';
import { AiSettingsEntity } from './ai-settings.entity';

/** An SDK client for one tenant, and where its key, base URL and models come from. */
export interface OpenAIClientInfo {
  client: OpenAI;
  chatModel: string;
  realtimeModel: string;
  baseURL: string;
  apiKey: string;
  source: 'tenant' | 'environment';
}

/**
 * The OpenAI (or compatible) client of a tenant: its own sealed key and base URL from its AI
 * settings, else the service's OPENAI_API_KEY / OPENAI_BASE_URL; null when neither has a key.
 * Clients are reused per key and base URL (the SDK keeps connections alive).
 */
@Injectable()
export class OpenAIClients {
  private readonly logger = new Logger(OpenAIClients.name);
  private readonly clients = new LRUCache<string, OpenAI>({ max: 500 });

  constructor(
    private readonly db: TenantDb,
    private readonly cipher: SecretCipher,
    @Inject(VOICE_AI_CONFIG) private readonly config: VoiceAiConfig,
  ) {}

  async clientFor(tenantId: string): Promise<OpenAIClientInfo | null> {
    const settings = isUUID(tenantId)
      ? await this.db.globalManager().findOne(AiSettingsEntity, { where: { tenantId } })
      : null;
    const tenantKey = settings?.openaiApiKeyEncrypted ? this.openKey(settings) : null;
    const apiKey = tenantKey ?? (this.config.OPENAI_API_KEY || null);
    if (!apiKey) return null;
    const baseURL = ((tenantKey ? settings?.openaiBaseUrl : null) ?? this.config.OPENAI_BASE_URL).replace(/\/+$/, '');
    return {
      client: this.client(apiKey, baseURL),
      chatModel: settings?.chatModel ?? this.config.OPENAI_CHAT_MODEL,
      realtimeModel: settings?.realtimeModel ?? this.config.OPENAI_REALTIME_MODEL,
      baseURL,
      apiKey,
      source: tenantKey ? 'tenant' : 'environment',
    };
  }

  /** Whether the openai provider can be used by the tenant (a key of its own or the service's). */
  async configured(tenantId: string): Promise<boolean> {
    return (await this.clientFor(tenantId)) !== null;
  }

  private client(apiKey: string, baseURL: string): OpenAI {
    const fingerprint = createHash('sha256').update(`${apiKey}\n${baseURL}`).digest('hex');
    let client = this.clients.get(fingerprint);
    if (!client) {
      client = new OpenAI({ apiKey, baseURL, timeout: this.config.OPENAI_TIMEOUT_MS, maxRetries: this.config.OPENAI_MAX_RETRIES });
      this.clients.set(fingerprint, client);
    }
    return client;
  }

  /** A key that no longer opens (VOICE_AI_ENCRYPTION_KEY changed) counts as no key: the environment's applies. */
  private openKey(settings: AiSettingsEntity): string | null {
    try {
      return this.cipher.open(settings.openaiApiKeyEncrypted as Buffer, settings.tenantId);
    } catch {
      this.logger.error({ tenant_id: settings.tenantId }, 'stored OpenAI key cannot be opened with VOICE_AI_ENCRYPTION_KEY');
      return null;
    }
  }
}
