import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  CreateRoutingRuleDto, LeadSettingsDto, LeadsSubjects, RankedLeadsQueryDto, RouteLeadDto, ScheduleCampaignDto,
  ScoreLeadsDto, UpdateRoutingRuleDto, type RequestContext,
} from '@parley/contracts';
import { ServiceBus } from '@parley/platform';
import { RequirePermissions } from '../auth/auth.decorators';
import { Caller } from '../http/request-context.decorator';
import { UuidParam } from '../http/uuid-param.pipe';

/** Scoring in bulk, ranking, routing rules, campaign scheduling and the tenant's leads settings. */
@ApiTags('automation')
@ApiBearerAuth()
@Controller('automation')
export class AutomationController {
  constructor(private readonly bus: ServiceBus) {}

  @Post('leads/score')
  @HttpCode(200)
  @RequirePermissions('leads:write')
  @ApiOperation({ summary: 'Re-score the named leads (or every lead of the tenant); answers the breakdowns' })
  @ApiBody({ type: ScoreLeadsDto })
  scoreLeads(@Body() body: ScoreLeadsDto, @Caller() ctx: RequestContext) {
    return this.bus.send(LeadsSubjects.scoreLeads, body, ctx);
  }

  @Get('leads/ranked')
  @RequirePermissions('leads:read')
  @ApiOperation({ summary: 'Leads ranked by score, best first' })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: '1..100' })
  ranked(@Query() query: RankedLeadsQueryDto, @Caller() ctx: RequestContext) {
    return this.bus.send(LeadsSubjects.rankedLeads, query, ctx);
  }

  @Post('leads/route')
  @HttpCode(200)
  @RequirePermissions('leads:write')
  @ApiOperation({ summary: 'Route a lead: the first matching enabled rule wins, else the tenant default; answers {agent_id, routing_rule_applied}' })
  @ApiBody({ type: RouteLeadDto })
  route(@Body() body: RouteLeadDto, @Caller() ctx: RequestContext) {
    return this.bus.send(LeadsSubjects.routeLead, body, ctx);
  }

  @Get('routing-rules')
  @RequirePermissions('leads:read')
  @ApiOperation({ summary: 'Routing rules in the order they are tried' })
  listRules(@Caller() ctx: RequestContext) {
    return this.bus.send(LeadsSubjects.listRoutingRules, {}, ctx);
  }

  @Post('routing-rules')
  @RequirePermissions('leads:write')
  @ApiOperation({ summary: 'Create a routing rule: conditions over lead fields and one action' })
  @ApiBody({ type: CreateRoutingRuleDto })
  createRule(@Body() body: CreateRoutingRuleDto, @Caller() ctx: RequestContext) {
    return this.bus.send(LeadsSubjects.createRoutingRule, body, ctx);
  }

  @Put('routing-rules/:id')
  @RequirePermissions('leads:write')
  @ApiBody({ type: UpdateRoutingRuleDto })
  updateRule(@Param('id', UuidParam) id: string, @Body() body: UpdateRoutingRuleDto, @Caller() ctx: RequestContext) {
    return this.bus.send(LeadsSubjects.updateRoutingRule, { ...body, id }, ctx);
  }

  @Delete('routing-rules/:id')
  @RequirePermissions('leads:write')
  deleteRule(@Param('id', UuidParam) id: string, @Caller() ctx: RequestContext) {
    return this.bus.send(LeadsSubjects.deleteRoutingRule, { id }, ctx);
  }

  @Post('schedule-campaign')
  @HttpCode(200)
  @RequirePermissions('campaigns:write')
  @ApiOperation({ summary: 'Start a campaign at a given time; it starts even if the service restarted in between' })
  @ApiBody({ type: ScheduleCampaignDto })
  scheduleCampaign(@Body() body: ScheduleCampaignDto, @Caller() ctx: RequestContext) {
    return this.bus.send(LeadsSubjects.scheduleCampaign, body, ctx);
  }

  @Get('metrics')
  @RequirePermissions('leads:read')
  @ApiOperation({ summary: 'Scoring, routing, agent and campaign figures of the tenant' })
  metrics(@Caller() ctx: RequestContext) {
    return this.bus.send(LeadsSubjects.automationMetrics, {}, ctx);
  }

  @Get('settings')
  @RequirePermissions('leads:read')
  @ApiOperation({ summary: 'Scoring weights and the default routing strategy' })
  settings(@Caller() ctx: RequestContext) {
    return this.bus.send(LeadsSubjects.getSettings, {}, ctx);
  }

  @Put('settings')
  @RequirePermissions('config:write')
  @ApiOperation({ summary: 'Change scoring weights (leads are re-scored) or the default routing strategy' })
  @ApiBody({ type: LeadSettingsDto })
  updateSettings(@Body() body: LeadSettingsDto, @Caller() ctx: RequestContext) {
    return this.bus.send(LeadsSubjects.updateSettings, body, ctx);
  }
}
