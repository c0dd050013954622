import { Injectable } from '@nestjs/common';
import type OpenAI from 'openai';
import type { ConversationProvider } from '@parley/contracts';
import { ValidationException } from '@parley/platform';
import { OpenAIClients } from '../settings/openai-clients';
import type { ConversationEngine } from './conversation-engine';
import { LocalConversationEngine } from './local/local-conversation-engine';
import { OpenAIConversationEngine } from './openai/openai-conversation-engine';

/** The openai provider was asked for, but the tenant has no key and neither has the service. */
export class OpenAIProviderNotConfiguredException extends ValidationException {
  constructor() {
    const message = 'the openai provider is not configured: save an OpenAI key with PUT /config/ai (or set OPENAI_API_KEY)';
    super(message, { provider: 'openai', fields: { provider: [message] } });
  }
}

/**
 * The engine of a conversation: the local one (one instance: it keeps no state between turns)
 * or an OpenAI one on the tenant's client, reused while the tenant's client and model stay.
 */
@Injectable()
export class EngineRegistry {
  private readonly local = new LocalConversationEngine();
  private readonly openai = new WeakMap<OpenAI, Map<string, OpenAIConversationEngine>>();

  constructor(private readonly clients: OpenAIClients) {}

  async engineFor(provider: ConversationProvider, tenantId: string): Promise<ConversationEngine> {
    if (provider === 'local') return this.local;
    const target = await this.clients.clientFor(tenantId);
    if (!target) throw new OpenAIProviderNotConfiguredException();
    let engines = this.openai.get(target.client);
    if (!engines) {
      engines = new Map();
      this.openai.set(target.client, engines);
    }
    let engine = engines.get(target.chatModel);
    if (!engine) {
      engine = new OpenAIConversationEngine({ client: target.client, chatModel: target.chatModel });
      engines.set(target.chatModel, engine);
    }
    return engine;
  }

  /** The built-in engine, whatever the tenant configured (answering machines, fallbacks). */
  localEngine(): ConversationEngine {
    return this.local;
  }
}
