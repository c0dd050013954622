import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AiSettingsDto, AiSettingsView, ConversationProvider, RequestContext } from '@parley/contracts';
import { SecretCipher, TenantDb, ValidationException } from '@parley/platform';
import { VOICE_AI_CONFIG, type VoiceAiConfig } from '../voice-ai.config';
import { AiSettingsEntity } from './ai-settings.entity';
import { toAiSettingsView } from './ai-settings.mapper';

/** The stored row as it was, to put back when a setup that changed it is undone. */
export interface AiSettingsSnapshot {
  row: AiSettingsEntity | null;
}

/**
 * A tenant's AI provider settings. The key is write-only: sealed before it reaches the database,
 * shown as its last four characters, opened only to call the provider (OpenAIClients).
 */
@Injectable()
export class AiSettingsService {
  private readonly logger = new Logger(AiSettingsService.name);

  constructor(
    private readonly db: TenantDb,
    private readonly cipher: SecretCipher,
    @Inject(VOICE_AI_CONFIG) private readonly config: VoiceAiConfig,
  ) {}

  async view(ctx: RequestContext): Promise<AiSettingsView> {
    return this.toView(await this.db.repo(ctx, AiSettingsEntity).findOne({}));
  }

  /** The provider of agents that name none: the tenant's choice, else the service's default. */
  async defaultProvider(ctx: RequestContext): Promise<ConversationProvider> {
    const settings = await this.db.repo(ctx, AiSettingsEntity).findOne({});
    return settings?.defaultProvider ?? (this.config.DEFAULT_CONVERSATION_PROVIDER as ConversationProvider);
  }

  /** PATCH semantics: each field given replaces the stored one, omitted ones stay. */
  async update(dto: AiSettingsDto, ctx: RequestContext): Promise<AiSettingsView> {
    const saved = await this.db.transaction(ctx, async (uow) => {
      const repo = uow.repo(AiSettingsEntity);
      const tenantId = repo.tenantId;
      const sealedKey = dto.openai_api_key ? this.cipher.seal(dto.openai_api_key.trim(), tenantId) : null;
      const baseUrl = dto.openai_base_url ? dto.openai_base_url.trim().replace(/\/+$/, '') : null;
      // One statement, so two first saves cannot race into a duplicate key.
      await uow.manager.query(
        `INSERT INTO ai_settings (tenant_id, openai_api_key_encrypted, openai_base_url, chat_model, realtime_model, default_provider, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, now())
         ON CONFLICT (tenant_id) DO UPDATE SET
           openai_api_key_encrypted = COALESCE(EXCLUDED.openai_api_key_encrypted, ai_settings.openai_api_key_encrypted),
           openai_base_url = COALESCE(EXCLUDED.openai_base_url, ai_settings.openai_base_url),
           chat_model = COALESCE(EXCLUDED.chat_model, ai_settings.chat_model),
           realtime_model = COALESCE(EXCLUDED.realtime_model, ai_settings.realtime_model),
           default_provider = COALESCE(EXCLUDED.default_provider, ai_settings.default_provider),
           updated_at = now()`,
        [tenantId, sealedKey, baseUrl, dto.chat_model?.trim() || null, dto.realtime_model?.trim() || null, dto.default_provider ?? null],
      );
      const row = await repo.get({});
      if (row.defaultProvider === 'openai' && !row.openaiApiKeyEncrypted && !this.config.OPENAI_API_KEY) {
        const message = 'default_provider openai needs an OpenAI key: send openai_api_key too';
        throw new ValidationException(message, { fields: { default_provider: [message] } });
      }
      return row;
    });
    return this.toView(saved);
  }

  async snapshot(ctx: RequestContext): Promise<AiSettingsSnapshot> {
    return { row: await this.db.repo(ctx, AiSettingsEntity).findOne({}) };
  }

  /** Puts the settings back exactly as a snapshot had them (sealed key included), or removes them. */
  async restore(snapshot: AiSettingsSnapshot, ctx: RequestContext): Promise<void> {
    await this.db.transaction(ctx, async (uow) => {
      const repo = uow.repo(AiSettingsEntity);
      await repo.delete({});
      const row = snapshot.row;
      if (!row) return;
      await uow.manager.query(
        `INSERT INTO ai_settings (tenant_id, openai_api_key_encrypted, openai_base_url, chat_model, realtime_model, default_provider, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [repo.tenantId, row.openaiApiKeyEncrypted, row.openaiBaseUrl, row.chatModel, row.realtimeModel, row.defaultProvider, row.updatedAt],
      );
    });
  }

  private toView(settings: AiSettingsEntity | null): AiSettingsView {
    const key = settings?.openaiApiKeyEncrypted ? this.openKey(settings) : null;
    const configured = key !== null || this.config.OPENAI_API_KEY !== '';
    const defaultProvider = settings?.defaultProvider ?? (this.config.DEFAULT_CONVERSATION_PROVIDER as ConversationProvider);
    return toAiSettingsView(settings, key ? key.slice(-4) : null, configured, defaultProvider);
  }

  private openKey(settings: AiSettingsEntity): string | null {
    try {
      return this.cipher.open(settings.openaiApiKeyEncrypted as Buffer, settings.tenantId);
    } catch {
      this.logger.error({ tenant_id: settings.tenantId }, 'stored OpenAI key cannot be opened with VOICE_AI_ENCRYPTION_KEY');
      return null;
    }
  }
}
