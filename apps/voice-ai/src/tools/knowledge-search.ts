import { Logger } from '@nestjs/common';
import { KnowledgeSubjects, type RequestContext, type SearchHitDto } from '@parley/contracts';
import type { ServiceBus } from '@parley/platform';

const logger = new Logger('KnowledgeSearch');

/**
 * Knowledge hits that ground an answer, from the agent's knowledge bases (all of the tenant's
 * when it names none). [] when knowledge fails or is slower than `timeoutMs`: an answer without
 * grounding beats a caller left waiting.
 */
export async function searchKnowledgeHits(
  bus: ServiceBus,
  ctx: RequestContext,
  query: string,
  knowledgeBases: string[],
  limit: number,
  timeoutMs: number,
): Promise<SearchHitDto[]> {
  const text = query.trim().slice(0, 1000);
  if (!text) return [];
  try {
    const result = await bus.send(
      KnowledgeSubjects.search,
      { query: text, limit, ...(knowledgeBases.length > 0 ? { filters: { knowledge_base: knowledgeBases } } : {}) },
      ctx,
      timeoutMs,
    );
    return result.hits;
  } catch (error) {
    logger.warn({ err: error, tenant_id: ctx.tenant_id }, 'knowledge search failed; answering without it');
    return [];
  }
}
