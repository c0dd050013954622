import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AiQueryDto, VoiceAiSubjects, type RequestContext } from '@parley/contracts';
import { ServiceBus } from '@parley/platform';
import { RequirePermissions } from '../auth/auth.decorators';
import { Caller } from '../http/request-context.decorator';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';

/** One question answered from the tenant's knowledge, and which conversation providers are usable. */
@ApiTags('ai')
@ApiBearerAuth()
@Controller('ai')
export class AiQueryController {
  constructor(
    private readonly bus: ServiceBus,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post('query')
  @HttpCode(200)
  @RequirePermissions('ai_agents:read')
  @ApiOperation({ summary: 'Answer a question from the knowledge base (in an agent\'s persona when named), with the sources used' })
  @ApiBody({ type: AiQueryDto })
  query(@Body() body: AiQueryDto, @Caller() ctx: RequestContext) {
    return this.bus.send(VoiceAiSubjects.aiQuery, body, ctx, this.config.VOICE_TURN_TIMEOUT_MS);
  }

  @Get('providers')
  @RequirePermissions('config:read')
  @ApiOperation({ summary: 'The conversation providers: local (always there) and OpenAI (configured? answering?), and the default' })
  providers(@Caller() ctx: RequestContext) {
    return this.bus.send(VoiceAiSubjects.aiProviders, {}, ctx, this.config.VOICE_TURN_TIMEOUT_MS);
  }
}
