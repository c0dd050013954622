import type { AiSettingsView, ConversationProvider } from '@parley/contracts';
import type { AiSettingsEntity } from './ai-settings.entity';

/** The settings as a tenant sees them: whether a key is usable and its last four characters, never the key. */
export function toAiSettingsView(
  settings: AiSettingsEntity | null,
  keyHint: string | null,
  openaiConfigured: boolean,
  defaultProvider: ConversationProvider,
): AiSettingsView {
  return {
    openai_configured: openaiConfigured,
    openai_api_key_hint: keyHint,
    openai_base_url: settings?.openaiBaseUrl ?? null,
    chat_model: settings?.chatModel ?? null,
    realtime_model: settings?.realtimeModel ?? null,
    default_provider: defaultProvider,
    updated_at: settings ? settings.updatedAt.toISOString() : null,
  };
}
