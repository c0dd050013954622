import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CAMPAIGN_STATUSES, CampaignQueryDto, CreateCampaignDto, LeadsSubjects, UpdateCampaignDto, type RequestContext } from '@parley/contracts';
import { ServiceBus } from '@parley/platform';
import { RequirePermissions } from '../auth/auth.decorators';
import { Caller } from '../http/request-context.decorator';
import { UuidParam } from '../http/uuid-param.pipe';
import { ApiPageQuery } from '../docs/page-query.docs';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class CampaignController {
  constructor(private readonly bus: ServiceBus) {}

  @Get()
  @RequirePermissions('campaigns:read')
  @ApiPageQuery()
  @ApiQuery({ name: 'status', required: false, enum: CAMPAIGN_STATUSES })
  @ApiQuery({ name: 'search', required: false, type: String })
  list(@Query() query: CampaignQueryDto, @Caller() ctx: RequestContext) {
    return this.bus.send(LeadsSubjects.listCampaigns, query, ctx);
  }

  @Post()
  @RequirePermissions('campaigns:write')
  @ApiOperation({ summary: 'Create a campaign (draft), optionally with its leads' })
  @ApiBody({ type: CreateCampaignDto })
  create(@Body() body: CreateCampaignDto, @Caller() ctx: RequestContext) {
    return this.bus.send(LeadsSubjects.createCampaign, body, ctx);
  }

  @Get('stats')
  @RequirePermissions('campaigns:read')
  @ApiOperation({ summary: 'Campaigns by status, with each campaign\'s lead funnel and conversion rate' })
  stats(@Caller() ctx: RequestContext) {
    return this.bus.send(LeadsSubjects.campaignStats, {}, ctx);
  }

  @Get(':id')
  @RequirePermissions('campaigns:read')
  get(@Param('id', UuidParam) id: string, @Caller() ctx: RequestContext) {
    return this.bus.send(LeadsSubjects.getCampaign, { id }, ctx);
  }

  @Put(':id')
  @RequirePermissions('campaigns:write')
  @ApiBody({ type: UpdateCampaignDto })
  update(@Param('id', UuidParam) id: string, @Body() body: UpdateCampaignDto, @Caller() ctx: RequestContext) {
    return this.bus.send(LeadsSubjects.updateCampaign, { ...body, id }, ctx);
  }

  @Delete(':id')
  @RequirePermissions('campaigns:write')
  remove(@Param('id', UuidParam) id: string, @Caller() ctx: RequestContext) {
    return this.bus.send(LeadsSubjects.deleteCampaign, { id }, ctx);
  }

  @Post(':id/start')
  @HttpCode(200)
  @RequirePermissions('campaigns:write')
  @ApiOperation({ summary: 'Start (or resume) the campaign: its leads become dialable' })
  start(@Param('id', UuidParam) id: string, @Caller() ctx: RequestContext) {
    return this.bus.send(LeadsSubjects.startCampaign, { id }, ctx);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @RequirePermissions('campaigns:write')
  @ApiOperation({ summary: 'Pause the campaign: its leads leave the queue until it is started again' })
  pause(@Param('id', UuidParam) id: string, @Caller() ctx: RequestContext) {
    return this.bus.send(LeadsSubjects.pauseCampaign, { id }, ctx);
  }
}
