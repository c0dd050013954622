import { Controller } from '@nestjs/common';
import {
  AiQueryDto, RecommendationRequestDto, VoiceAiSubjects,
  type AiQueryResultDto, type RecommendationDto, type RequestContext,
} from '@parley/contracts';
import { Ctx, Data, Handles } from '@parley/platform';
import { AiQueryService } from './ai-query.service';
import { RecommendationService } from './recommendation.service';

@Controller()
export class IntelligenceHandler {
  constructor(
    private readonly queries: AiQueryService,
    private readonly recommendations: RecommendationService,
  ) {}

  @Handles(VoiceAiSubjects.aiQuery, AiQueryDto)
  query(@Data() data: AiQueryDto, @Ctx() ctx: RequestContext): Promise<AiQueryResultDto> {
    return this.queries.query(data, ctx);
  }

  @Handles(VoiceAiSubjects.recommendations, RecommendationRequestDto)
  recommend(@Data() data: RecommendationRequestDto, @Ctx() ctx: RequestContext): Promise<RecommendationDto> {
    return this.recommendations.recommend(data, ctx);
  }
}
