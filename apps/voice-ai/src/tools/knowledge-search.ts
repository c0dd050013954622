import { Inject, Injectable, Logger } from '@nestjs/common';
import { KnowledgeSubjects, type RequestContext, type SearchHitDto } from '@parley/contracts';
import { ServiceBus } from '@parley/platform';
import { VOICE_AI_CONFIG, type VoiceAiConfig } from '../voice-ai.config';
import { KnowledgeHitCache } from './knowledge-hit-cache';

const logger = new Logger('KnowledgeSearch');

/**
 * Knowledge hits that ground an answer, from the agent's knowledge bases (all of the tenant's
 * when it names none). [] when knowledge fails or is slower than `timeoutMs`: an answer without
 * grounding beats a caller left waiting.
 */
async function searchKnowledgeHits(
  bus: ServiceBus,
  ctx: RequestContext,
  query: string,
  knowledgeBases: readonly string[],
  limit: number,
  timeoutMs: number,
): Promise<SearchHitDto[]> {
  const text = query.trim().slice(0, 1000);
  if (!text) return [];
  try {
    const result = await bus.send(
      KnowledgeSubjects.search,
      { query: text, limit, ...(knowledgeBases.length > 0 ? { filters: { knowledge_base: [...knowledgeBases] } } : {}) },
      ctx,
      timeoutMs,
    );
    return result.hits;
  } catch (error) {
    logger.warn({ err: error, tenant_id: ctx.tenant_id }, 'knowledge search failed; answering without it');
    return [];
  }
}

/** Knowledge lookups of conversations and /ai/query with the service's limits, through this replica's hit cache. */
@Injectable()
export class KnowledgeSearch {
  constructor(
    private readonly bus: ServiceBus,
    private readonly cache: KnowledgeHitCache,
    @Inject(VOICE_AI_CONFIG) private readonly config: VoiceAiConfig,
  ) {}

  hits(ctx: RequestContext, query: string, knowledgeBases: readonly string[]): Promise<SearchHitDto[]> {
    const limit = this.config.KNOWLEDGE_HITS;
    const load = () => searchKnowledgeHits(this.bus, ctx, query, knowledgeBases, limit, this.config.KNOWLEDGE_TIMEOUT_MS);
    if (!ctx.tenant_id || !query.trim()) return load();
    return this.cache.hits({ tenantId: ctx.tenant_id, knowledgeBases, query, limit }, load);
  }
}
