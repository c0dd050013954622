import { Module } from '@nestjs/common';
import { VOICE_AI_CONFIG, type VoiceAiConfig } from '../voice-ai.config';
import { ConversationToolsFactory } from './conversation-tools.factory';
import { KnowledgeDocumentReadyConsumer } from './knowledge-document-ready.consumer';
import { KnowledgeHitCache } from './knowledge-hit-cache';
import { KnowledgeSearch } from './knowledge-search';
import { LeadLookup } from './lead-lookup';

/** What conversations do in other services: knowledge, leads, compliance, telephony. */
@Module({
  providers: [
    {
      provide: KnowledgeHitCache,
      inject: [VOICE_AI_CONFIG],
      useFactory: (config: VoiceAiConfig) => new KnowledgeHitCache({ ttlMs: config.KNOWLEDGE_CACHE_TTL_MS, maxEntries: config.KNOWLEDGE_CACHE_MAX }),
    },
    KnowledgeSearch,
    KnowledgeDocumentReadyConsumer,
    ConversationToolsFactory,
    LeadLookup,
  ],
  exports: [ConversationToolsFactory, KnowledgeSearch, LeadLookup],
})
export class ToolsModule {}
