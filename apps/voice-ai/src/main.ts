// First: the contracts' validation decorators read design-time types as they load.
import 'reflect-metadata';
import { bootService, loadConfig } from '@parley/platform';
import { VoiceAiAppModule } from './voice-ai-app.module';
import { voiceAiConfigSpec } from './voice-ai.config';

const config = loadConfig(voiceAiConfigSpec);
void bootService(VoiceAiAppModule.forRoot(config), config);
