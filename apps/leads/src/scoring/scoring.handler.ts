import { Controller } from '@nestjs/common';
import {
  ByIdDto, LeadsSubjects, RankedLeadsQueryDto, ScoreLeadsDto,
  type LeadDto, type RequestContext, type ScoredLeadDto, type ScoreLeadsResultDto,
} from '@parley/contracts';
import { Ctx, Data, Handles } from '@parley/platform';
import { LeadScoringService } from './lead-scoring.service';

@Controller()
export class ScoringHandler {
  constructor(private readonly scoring: LeadScoringService) {}

  @Handles(LeadsSubjects.scoreLead, ByIdDto)
  scoreLead(@Data() data: ByIdDto, @Ctx() ctx: RequestContext): Promise<ScoredLeadDto> {
    return this.scoring.scoreLead(data, ctx);
  }

  @Handles(LeadsSubjects.scoreLeads, ScoreLeadsDto)
  scoreLeads(@Data() data: ScoreLeadsDto, @Ctx() ctx: RequestContext): Promise<ScoreLeadsResultDto> {
    return this.scoring.scoreLeads(data, ctx);
  }

  @Handles(LeadsSubjects.rankedLeads, RankedLeadsQueryDto)
  ranked(@Data() data: RankedLeadsQueryDto, @Ctx() ctx: RequestContext): Promise<LeadDto[]> {
    return this.scoring.ranked(data, ctx);
  }
}
