import { Injectable, Logger } from '@nestjs/common';
import type { DomainEvent } from '@parley/contracts';
import { OnEvent } from '@parley/platform';
import { KnowledgeHitCache } from './knowledge-hit-cache';

/**
 * A document finished ingesting: the tenant's cached knowledge hits may miss it, so they go.
 * Events come through voice-ai's durable consumer, which hands each one to a single replica: only
 * that replica's cache is dropped here; every other replica's entries age out within
 * KNOWLEDGE_CACHE_TTL_MS (as do hits of deleted documents and edited products, which emit no event).
 */
@Injectable()
export class KnowledgeDocumentReadyConsumer {
  private readonly logger = new Logger(KnowledgeDocumentReadyConsumer.name);

  constructor(private readonly cache: KnowledgeHitCache) {}

  @OnEvent('knowledge.document.ready')
  async onDocumentReady(event: DomainEvent<'knowledge.document.ready'>): Promise<void> {
    const dropped = this.cache.dropTenant(event.tenant_id);
    if (dropped > 0) this.logger.debug({ tenant_id: event.tenant_id, document_id: event.data.document_id, dropped }, 'knowledge hits dropped');
  }
}
