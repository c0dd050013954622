import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TelephonySubjects, TestConnectionDto, type RequestContext } from '@parley/contracts';
import { ServiceBus } from '@parley/platform';
import { RequirePermissions } from '../auth/auth.decorators';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { Caller } from '../http/request-context.decorator';

/** "Test connection" on the settings page: the saved provider credentials, checked for real. */
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
    summary: 'Check the saved Twilio credentials and number against Twilio',
    description: 'Answers `{twilio: {ok, account_name, phone_number_found, error}}`; a failed check is a 200 with ok false and Twilio\'s error. '
      + 'OpenAI is reported as not checked until the voice-ai service runs.',
  })
  @ApiBody({ type: TestConnectionDto, required: false })
  test(@Body() body: TestConnectionDto, @Caller() ctx: RequestContext) {
    return this.bus.send(TelephonySubjects.testConnection, body ?? {}, ctx, this.config.DIAL_TIMEOUT_MS);
  }
}
