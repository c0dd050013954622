import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateVoiceCallDto, EndVoiceCallDto, RespondVoiceCallDto, VoiceAiSubjects, VoiceCallQueryDto, type RequestContext,
} from '@parley/contracts';
import { ServiceBus } from '@parley/platform';
import { RequirePermissions } from '../auth/auth.decorators';
import { ApiPageQuery } from '../docs/page-query.docs';
import { Caller } from '../http/request-context.decorator';
import { UuidParam } from '../http/uuid-param.pipe';
import { ApiVoiceCallFilters } from './voice-ai-query.docs';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';

/**
 * Conversations with an AI agent held over REST (the realtime socket and phone calls hold the same
 * conversations): create, start (the opening line), respond turn by turn, end (summary and QA score).
 */
@ApiTags('voice calls')
@ApiBearerAuth()
@Controller('voice/calls')
export class VoiceCallController {
  constructor(
    private readonly bus: ServiceBus,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get()
  @RequirePermissions('calls:read')
  @ApiOperation({ summary: 'List AI conversations, newest first' })
  @ApiPageQuery()
  @ApiVoiceCallFilters()
  list(@Query() query: VoiceCallQueryDto, @Caller() ctx: RequestContext) {
    return this.bus.send(VoiceAiSubjects.listVoiceCalls, query, ctx);
  }

  @Post()
  @RequirePermissions('calls:write')
  @ApiOperation({ summary: 'Create a conversation with an AI agent (409 when the agent is paused)' })
  @ApiBody({ type: CreateVoiceCallDto })
  create(@Body() body: CreateVoiceCallDto, @Caller() ctx: RequestContext) {
    return this.bus.send(VoiceAiSubjects.createVoiceCall, body, ctx);
  }

  @Get(':id')
  @RequirePermissions('calls:read')
  @ApiOperation({ summary: 'One conversation with its transcript, and its summary, analytics and QA score once ended' })
  get(@Param('id', UuidParam) id: string, @Caller() ctx: RequestContext) {
    return this.bus.send(VoiceAiSubjects.getVoiceCall, { id }, ctx);
  }

  @Post(':id/start')
  @HttpCode(200)
  @RequirePermissions('calls:write')
  @ApiOperation({ summary: 'Start the conversation: the agent\'s opening message and the session info' })
  start(@Param('id', UuidParam) id: string, @Caller() ctx: RequestContext) {
    return this.bus.send(VoiceAiSubjects.startVoiceCall, { id }, ctx, this.config.VOICE_TURN_TIMEOUT_MS);
  }

  @Post(':id/respond')
  @HttpCode(200)
  @RequirePermissions('calls:write')
  @ApiOperation({
    summary: 'One caller turn (text, or base64 audio when a speech provider is configured) and the agent\'s answer',
    description: 'Answers `{ai_response, audio_data?, analysis: {sentiment, intent, objections, interest_signals}, conversation_state, should_continue, actions, latency}`. '
      + 'A conversation the agent closed (should_continue false) is ended with its summary; responding to an ended one is a 409.',
  })
  @ApiBody({ type: RespondVoiceCallDto })
  respond(@Param('id', UuidParam) id: string, @Body() body: RespondVoiceCallDto, @Caller() ctx: RequestContext) {
    return this.bus.send(VoiceAiSubjects.respondVoiceCall, { ...body, id }, ctx, this.config.VOICE_TURN_TIMEOUT_MS);
  }

  @Post(':id/end')
  @HttpCode(200)
  @RequirePermissions('calls:write')
  @ApiOperation({ summary: 'End the conversation: summary, analytics, extracted fields and QA score (ending again answers the same)' })
  @ApiBody({ type: EndVoiceCallDto, required: false })
  end(@Param('id', UuidParam) id: string, @Body() body: EndVoiceCallDto, @Caller() ctx: RequestContext) {
    return this.bus.send(VoiceAiSubjects.endVoiceCall, { ...(body ?? {}), id }, ctx, this.config.VOICE_TURN_TIMEOUT_MS);
  }
}
