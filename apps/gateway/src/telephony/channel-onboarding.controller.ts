import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ChannelSettingsDto, TelephonySubjects, type RequestContext } from '@parley/contracts';
import { ServiceBus } from '@parley/platform';
import { RequirePermissions } from '../auth/auth.decorators';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { Caller } from '../http/request-context.decorator';

/** Onboarding: the channels customers reach the tenant on (phone number, chat widget, WhatsApp, email). */
@ApiTags('onboarding')
@ApiBearerAuth()
@Controller('onboarding/channels')
export class ChannelOnboardingController {
  constructor(
    private readonly bus: ServiceBus,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get()
  @RequirePermissions('config:read')
  @ApiOperation({ summary: 'The saved channel settings, and whether the phone number is wired to Parley on Twilio' })
  get(@Caller() ctx: RequestContext) {
    return this.bus.send(TelephonySubjects.getChannels, {}, ctx);
  }

  @Post()
  @HttpCode(200)
  @RequirePermissions('config:write')
  @ApiOperation({
    summary: 'Save channel settings; a phone number is pointed at Parley\'s webhooks on Twilio',
    description:
      'Each section given replaces that section. With a Twilio account saved, the number must be on it: its Voice URL and status '
      + 'callback are set to Parley\'s webhooks through the Twilio API (nothing is saved if Twilio refuses). Without one the number '
      + 'is saved and configured on a later save.',
  })
  @ApiBody({ type: ChannelSettingsDto })
  save(@Body() body: ChannelSettingsDto, @Caller() ctx: RequestContext) {
    return this.bus.send(TelephonySubjects.updateChannels, body, ctx, this.config.DIAL_TIMEOUT_MS);
  }
}
