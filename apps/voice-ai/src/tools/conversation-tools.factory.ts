import { Inject, Injectable } from '@nestjs/common';
import { ServiceBus } from '@parley/platform';
import { VOICE_AI_CONFIG, type VoiceAiConfig } from '../voice-ai.config';
import { CallConversationTools, type ConversationScope } from './conversation-tools';
import { KnowledgeSearch } from './knowledge-search';

/** Builds the tools of one conversation with the service's limits. */
@Injectable()
export class ConversationToolsFactory {
  constructor(
    private readonly bus: ServiceBus,
    private readonly knowledge: KnowledgeSearch,
    @Inject(VOICE_AI_CONFIG) private readonly config: VoiceAiConfig,
  ) {}

  forConversation(scope: ConversationScope): CallConversationTools {
    return new CallConversationTools(this.bus, this.knowledge, scope, { serviceTimeoutMs: this.config.SERVICE_TIMEOUT_MS });
  }
}
