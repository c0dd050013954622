import type { ServiceDatabase } from '@parley/platform';
import { AiAgentEntity } from '../agent/ai-agent.entity';
import { ConversationTurnEntity } from '../conversation/conversation-turn.entity';
import { VoiceCallEntity } from '../conversation/voice-call.entity';
import { AiSettingsEntity } from '../settings/ai-settings.entity';
import { CreateVoiceAiTables1769000000000 } from './migrations/1769000000000-create-voice-ai-tables';

export const voiceAiDatabase: ServiceDatabase = {
  entities: [AiAgentEntity, VoiceCallEntity, ConversationTurnEntity, AiSettingsEntity],
  migrations: [CreateVoiceAiTables1769000000000],
};
