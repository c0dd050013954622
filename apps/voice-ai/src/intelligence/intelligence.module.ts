import { Module } from '@nestjs/common';
import { AiAgentModule } from '../agent/ai-agent.module';
import { ToolsModule } from '../tools/tools.module';
import { AiQueryService } from './ai-query.service';
import { IntelligenceHandler } from './intelligence.handler';
import { RecommendationService } from './recommendation.service';

/** Answers from knowledge (`/ai/query`) and the next best action for a lead (`/intelligence/recommendations`). */
@Module({ imports: [AiAgentModule, ToolsModule], controllers: [IntelligenceHandler], providers: [AiQueryService, RecommendationService] })
export class IntelligenceModule {}
