import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@parley/platform';
import { AiAgentModule } from './agent/ai-agent.module';
import { ConversationModule } from './conversation/conversation.module';
import { voiceAiDatabase } from './database/voice-ai.database';
import { IntelligenceModule } from './intelligence/intelligence.module';
import { RealtimeMediaModule } from './media/realtime-media.module';
import { PhoneConversationModule } from './phone/phone-conversation.module';
import { AiSettingsModule } from './settings/ai-settings.module';
import { SetupModule } from './setup/setup.module';
import { ToolsModule } from './tools/tools.module';
import { VOICE_AI_CONFIG, type VoiceAiConfig } from './voice-ai.config';

/** The voice-ai service: AI agents and the conversations they hold; a dynamic module so tests boot it with their own config. */
@Module({})
export class VoiceAiAppModule {
  static forRoot(config: VoiceAiConfig): DynamicModule {
    return {
      module: VoiceAiAppModule,
      global: true,
      imports: [
        PlatformModule.forService({ service: 'voice-ai', config, database: voiceAiDatabase }),
        AiSettingsModule,
        ToolsModule,
        AiAgentModule,
        ConversationModule,
        PhoneConversationModule,
        IntelligenceModule,
        SetupModule,
        RealtimeMediaModule,
      ],
      providers: [{ provide: VOICE_AI_CONFIG, useValue: config }],
      exports: [VOICE_AI_CONFIG],
    };
  }
}
