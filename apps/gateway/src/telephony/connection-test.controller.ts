import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  TelephonySubjects, TestConnectionDto, VoiceAiSubjects, type ConnectionTestResultDto, type RequestContext,
} from '@parley/contracts';
import { ServiceBus } from '@parley/platform';
import { RequirePermissions } from '../auth/auth.decorators';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { Caller } from '../http/request-context.decorator';

/** "Test connection" on the settings page: the saved provider credentials, checked for real by the service that owns each. */
@ApiTags('telephony configuration')
@ApiBearerAuth()
@Controller('config/test-connection')
export class ConnectionTestController {
  constructor(
    private readonly bus: ServiceBus,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post()
  @HttpCode(200)
  @RequirePermissions('config:write')
  @ApiOperation({
    summary: 'Check the saved Twilio credentials (telephony) and OpenAI key (voice-ai) for real',
    description: 'Answers `{twilio: {ok, account_name, phone_number_found, error}, openai: {ok, configured, models, chat_model_found, latency_ms, error}}`, '
      + 'only the named provider when `provider` is given. A failed check is a 200 with ok false and the provider\'s error; both are asked at once.',
  })
  @ApiBody({ type: TestConnectionDto, required: false })
  async test(@Body() body: TestConnectionDto, @Caller() ctx: RequestContext): Promise<ConnectionTestResultDto> {
    const provider = body?.provider;
    const [telephony, openai] = await Promise.all([
      provider === 'openai' ? undefined : this.bus.send(TelephonySubjects.testConnection, { provider: 'twilio' }, ctx, this.config.DIAL_TIMEOUT_MS),
      provider === 'twilio' ? undefined : this.bus.send(VoiceAiSubjects.testConnection, {}, ctx, this.config.DIAL_TIMEOUT_MS),
    ]);
    return {
      ...(telephony?.twilio ? { twilio: telephony.twilio } : {}),
      ...(openai ? { openai } : {}),
    };
  }
}
