import { Controller } from '@nestjs/common';
import {
  ByIdDto, CampaignQueryDto, CreateCampaignDto, LeadsSubjects, ScheduleCampaignDto, UpdateCampaignRequest,
  type CampaignDto, type CampaignStatsDto, type MessageDto, type Page, type RequestContext,
} from '@parley/contracts';
import { Ctx, Data, Handles } from '@parley/platform';
import { CampaignService } from './campaign.service';

@Controller()
export class CampaignHandler {
  constructor(private readonly campaigns: CampaignService) {}

  @Handles(LeadsSubjects.listCampaigns, CampaignQueryDto)
  list(@Data() data: CampaignQueryDto, @Ctx() ctx: RequestContext): Promise<Page<CampaignDto>> {
    return this.campaigns.list(data, ctx);
  }

  @Handles(LeadsSubjects.createCampaign, CreateCampaignDto)
  create(@Data() data: CreateCampaignDto, @Ctx() ctx: RequestContext): Promise<CampaignDto> {
    return this.campaigns.create(data, ctx);
  }

  @Handles(LeadsSubjects.getCampaign, ByIdDto)
  get(@Data() data: ByIdDto, @Ctx() ctx: RequestContext): Promise<CampaignDto> {
    return this.campaigns.get(data.id, ctx);
  }

  @Handles(LeadsSubjects.updateCampaign, UpdateCampaignRequest)
  update(@Data() data: UpdateCampaignRequest, @Ctx() ctx: RequestContext): Promise<CampaignDto> {
    return this.campaigns.update(data, ctx);
  }

  @Handles(LeadsSubjects.deleteCampaign, ByIdDto)
  remove(@Data() data: ByIdDto, @Ctx() ctx: RequestContext): Promise<MessageDto> {
    return this.campaigns.remove(data.id, ctx);
  }

  @Handles(LeadsSubjects.campaignStats)
  stats(@Ctx() ctx: RequestContext): Promise<CampaignStatsDto> {
    return this.campaigns.stats(ctx);
  }

  @Handles(LeadsSubjects.startCampaign, ByIdDto)
  start(@Data() data: ByIdDto, @Ctx() ctx: RequestContext): Promise<CampaignDto> {
    return this.campaigns.start(data.id, ctx);
  }

  @Handles(LeadsSubjects.pauseCampaign, ByIdDto)
  pause(@Data() data: ByIdDto, @Ctx() ctx: RequestContext): Promise<CampaignDto> {
    return this.campaigns.pause(data.id, ctx);
  }

  @Handles(LeadsSubjects.scheduleCampaign, ScheduleCampaignDto)
  schedule(@Data() data: ScheduleCampaignDto, @Ctx() ctx: RequestContext): Promise<CampaignDto> {
    return this.campaigns.schedule(data, ctx);
  }
}
