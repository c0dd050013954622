import { Controller } from '@nestjs/common';
import { KnowledgeSubjects, SearchKnowledgeDto, type RequestContext, type SearchResultDto } from '@parley/contracts';
import { Ctx, Data, Handles, UnauthorizedException } from '@parley/platform';
import { KnowledgeSearch } from './knowledge-search';

@Controller()
export class KnowledgeSearchHandler {
  constructor(private readonly knowledge: KnowledgeSearch) {}

  /** POST /knowledge/search, and voice-ai grounding its answers (filters.knowledge_base). */
  @Handles(KnowledgeSubjects.search, SearchKnowledgeDto)
  async search(@Data() data: SearchKnowledgeDto, @Ctx() ctx: RequestContext): Promise<SearchResultDto> {
    if (!ctx.tenant_id) throw new UnauthorizedException('a tenant is required for this request');
    return this.knowledge.search(ctx.tenant_id, data);
  }
}
