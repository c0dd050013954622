import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateAiAgentDto, OnboardingDeployDto, OnboardingVoiceDto, SetupCompleteDto, VoiceAiSubjects, type RequestContext,
} from '@parley/contracts';
import { ServiceBus } from '@parley/platform';
import { RequirePermissions } from '../auth/auth.decorators';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { Caller } from '../http/request-context.decorator';

/** The onboarding wizard's AI steps, one by one, or the whole setup in one request. */
@ApiTags('onboarding')
@ApiBearerAuth()
@Controller()
export class VoiceAiOnboardingController {
  constructor(
    private readonly bus: ServiceBus,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post('onboarding/agent')
  @RequirePermissions('ai_agents:write')
  @ApiOperation({ summary: 'Create the first AI agent (the same as POST /ai-agents)' })
  @ApiBody({ type: CreateAiAgentDto })
  agent(@Body() body: CreateAiAgentDto, @Caller() ctx: RequestContext) {
    return this.bus.send(VoiceAiSubjects.createAgent, body, ctx);
  }

  @Post('onboarding/voice')
  @HttpCode(200)
  @RequirePermissions('ai_agents:write')
  @ApiOperation({ summary: 'Choose the voice of an agent (the newest one when none is named)' })
  @ApiBody({ type: OnboardingVoiceDto })
  voice(@Body() body: OnboardingVoiceDto, @Caller() ctx: RequestContext) {
    return this.bus.send(VoiceAiSubjects.onboardingVoice, body, ctx);
  }

  @Post('onboarding/deploy')
  @HttpCode(200)
  @RequirePermissions('ai_agents:write')
  @ApiOperation({ summary: 'Deploy an agent (the newest one when none is named) on a number, the tenant\'s Twilio number by default' })
  @ApiBody({ type: OnboardingDeployDto, required: false })
  deploy(@Body() body: OnboardingDeployDto, @Caller() ctx: RequestContext) {
    return this.bus.send(VoiceAiSubjects.onboardingDeploy, body ?? {}, ctx, this.config.DIAL_TIMEOUT_MS);
  }

  @Post('setup/complete')
  @HttpCode(200)
  @RequirePermissions('config:write')
  @ApiOperation({
    summary: 'The whole onboarding in one request: OpenAI and Twilio settings, business, knowledge, agents',
    description: 'Everything is validated first (422 names the field); then the steps are applied in order. When one fails, the ones applied '
      + 'are undone and the answer is `{success: false, steps}` with the failed step\'s error; otherwise `{success: true, steps, agents}`.',
  })
  @ApiBody({ type: SetupCompleteDto })
  complete(@Body() body: SetupCompleteDto, @Caller() ctx: RequestContext) {
    // The knowledge step imports the FAQ and starts the crawls, so it may take as long as an import.
    return this.bus.send(VoiceAiSubjects.setupComplete, body, ctx, this.config.IMPORT_TIMEOUT_MS);
  }
}
