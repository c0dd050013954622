import { Controller } from '@nestjs/common';
import {
  ByIdDto, CreateLeadDto, LeadOverviewQueryDto, LeadQueryDto, LeadsSubjects, PatchLeadRequest, ReplaceLeadRequest,
  type LeadDto, type LeadOverviewDto, type LeadStatsDto, type MessageDto, type Page, type RequestContext,
} from '@parley/contracts';
import { Ctx, Data, Handles } from '@parley/platform';
import { LeadAnalyticsService } from './lead-analytics.service';
import { LeadService } from './lead.service';

@Controller()
export class LeadHandler {
  constructor(
    private readonly leads: LeadService,
    private readonly analytics: LeadAnalyticsService,
  ) {}

  @Handles(LeadsSubjects.listLeads, LeadQueryDto)
  list(@Data() data: LeadQueryDto, @Ctx() ctx: RequestContext): Promise<Page<LeadDto>> {
    return this.leads.list(data, ctx);
  }

  @Handles(LeadsSubjects.createLead, CreateLeadDto)
  create(@Data() data: CreateLeadDto, @Ctx() ctx: RequestContext): Promise<LeadDto> {
    return this.leads.create(data, ctx);
  }

  @Handles(LeadsSubjects.getLead, ByIdDto)
  get(@Data() data: ByIdDto, @Ctx() ctx: RequestContext): Promise<LeadDto> {
    return this.leads.get(data.id, ctx);
  }

  @Handles(LeadsSubjects.replaceLead, ReplaceLeadRequest)
  replace(@Data() data: ReplaceLeadRequest, @Ctx() ctx: RequestContext): Promise<LeadDto> {
    return this.leads.replace(data, ctx);
  }

  @Handles(LeadsSubjects.patchLead, PatchLeadRequest)
  patch(@Data() data: PatchLeadRequest, @Ctx() ctx: RequestContext): Promise<LeadDto> {
    return this.leads.patch(data, ctx);
  }

  @Handles(LeadsSubjects.deleteLead, ByIdDto)
  delete(@Data() data: ByIdDto, @Ctx() ctx: RequestContext): Promise<MessageDto> {
    return this.leads.delete(data.id, ctx);
  }

  @Handles(LeadsSubjects.leadStats)
  stats(@Ctx() ctx: RequestContext): Promise<LeadStatsDto> {
    return this.analytics.stats(ctx);
  }

  @Handles(LeadsSubjects.leadOverview, LeadOverviewQueryDto)
  overview(@Data() data: LeadOverviewQueryDto, @Ctx() ctx: RequestContext): Promise<LeadOverviewDto> {
    return this.analytics.overview(data, ctx);
  }
}
