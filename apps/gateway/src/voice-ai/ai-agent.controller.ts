import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AiAgentQueryDto, CreateAiAgentDto, DeployAiAgentDto, UpdateAiAgentDto, VoiceAiSubjects, type RequestContext,
} from '@parley/contracts';
import { ServiceBus } from '@parley/platform';
import { RequirePermissions } from '../auth/auth.decorators';
import { ApiPageQuery } from '../docs/page-query.docs';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { Caller } from '../http/request-context.decorator';
import { UuidParam } from '../http/uuid-param.pipe';
import { AgentConversationsQuery } from './agent-conversations.query';
import { ApiAiAgentFilters, ApiConversationsLimit } from './voice-ai-query.docs';

/** AI agents: who they are, how they speak, what they know, and the number they answer. */
@ApiTags('ai agents')
@ApiBearerAuth()
@Controller('ai-agents')
export class AiAgentController {
  constructor(
    private readonly bus: ServiceBus,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get()
  @RequirePermissions('ai_agents:read')
  @ApiOperation({ summary: 'List the AI agents, newest first' })
  @ApiPageQuery()
  @ApiAiAgentFilters()
  list(@Query() query: AiAgentQueryDto, @Caller() ctx: RequestContext) {
    return this.bus.send(VoiceAiSubjects.listAgents, query, ctx);
  }

  @Post()
  @RequirePermissions('ai_agents:write')
  @ApiOperation({ summary: 'Create an AI agent (a draft until activated or deployed)' })
  @ApiBody({ type: CreateAiAgentDto })
  create(@Body() body: CreateAiAgentDto, @Caller() ctx: RequestContext) {
    return this.bus.send(VoiceAiSubjects.createAgent, body, ctx);
  }

  @Get(':id')
  @RequirePermissions('ai_agents:read')
  @ApiOperation({ summary: 'One AI agent' })
  get(@Param('id', UuidParam) id: string, @Caller() ctx: RequestContext) {
    return this.bus.send(VoiceAiSubjects.getAgent, { id }, ctx);
  }

  @Put(':id')
  @RequirePermissions('ai_agents:write')
  @ApiOperation({ summary: 'Change an AI agent: only the fields sent change' })
  @ApiBody({ type: UpdateAiAgentDto })
  update(@Param('id', UuidParam) id: string, @Body() body: UpdateAiAgentDto, @Caller() ctx: RequestContext) {
    return this.bus.send(VoiceAiSubjects.updateAgent, { ...body, id }, ctx);
  }

  @Delete(':id')
  @RequirePermissions('ai_agents:write')
  @ApiOperation({ summary: 'Delete an AI agent; its number stops being answered by it' })
  remove(@Param('id', UuidParam) id: string, @Caller() ctx: RequestContext) {
    return this.bus.send(VoiceAiSubjects.deleteAgent, { id }, ctx, this.config.DIAL_TIMEOUT_MS);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @RequirePermissions('ai_agents:write')
  @ApiOperation({ summary: 'Pause an active agent: it takes no new conversations and its number is released (409 unless active)' })
  pause(@Param('id', UuidParam) id: string, @Caller() ctx: RequestContext) {
    return this.bus.send(VoiceAiSubjects.pauseAgent, { id }, ctx, this.config.DIAL_TIMEOUT_MS);
  }

  @Post(':id/activate')
  @HttpCode(200)
  @RequirePermissions('ai_agents:write')
  @ApiOperation({ summary: 'Activate a draft or paused agent (409 when it is already active)' })
  activate(@Param('id', UuidParam) id: string, @Caller() ctx: RequestContext) {
    return this.bus.send(VoiceAiSubjects.activateAgent, { id }, ctx);
  }

  @Post(':id/deploy')
  @HttpCode(200)
  @RequirePermissions('ai_agents:write')
  @ApiOperation({
    summary: 'Put the agent on a phone number (the tenant\'s Twilio number when none is given) and activate it',
    description: 'Answers `{success, phone_number, agent}`; calls to the number are answered by the agent from then on. 422 when the tenant has no number.',
  })
  @ApiBody({ type: DeployAiAgentDto, required: false })
  deploy(@Param('id', UuidParam) id: string, @Body() body: DeployAiAgentDto, @Caller() ctx: RequestContext) {
    return this.bus.send(VoiceAiSubjects.deployAgent, { ...(body ?? {}), id }, ctx, this.config.DIAL_TIMEOUT_MS);
  }

  @Get(':id/conversations')
  @RequirePermissions('ai_agents:read')
  @ApiOperation({ summary: 'The agent\'s newest conversations with totals: calls, chats, success rate, average response time' })
  @ApiConversationsLimit()
  conversations(@Param('id', UuidParam) id: string, @Query() query: AgentConversationsQuery, @Caller() ctx: RequestContext) {
    return this.bus.send(VoiceAiSubjects.agentConversations, { ...query, id }, ctx);
  }
}
