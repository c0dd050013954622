import { Global, Module } from '@nestjs/common';
import { SecretCipher, secretCipherOf } from '@parley/platform';
import { VOICE_AI_CONFIG, type VoiceAiConfig } from '../voice-ai.config';
import { AiProviderStatus } from './ai-provider-status';
import { AiSettingsHandler } from './ai-settings.handler';
import { AiSettingsService } from './ai-settings.service';
import { OpenAIClients } from './openai-clients';

/** AI provider settings and the tenant's OpenAI client; global because every conversation path (media too) needs the client. */
@Global()
@Module({
  controllers: [AiSettingsHandler],
  providers: [
    {
      provide: SecretCipher,
      inject: [VOICE_AI_CONFIG],
      useFactory: (config: VoiceAiConfig) => secretCipherOf(config.VOICE_AI_ENCRYPTION_KEY, 'voice-ai', 'VOICE_AI_ENCRYPTION_KEY'),
    },
    AiSettingsService,
    AiProviderStatus,
    OpenAIClients,
  ],
  exports: [AiSettingsService, AiProviderStatus, OpenAIClients],
})
export class AiSettingsModule {}
