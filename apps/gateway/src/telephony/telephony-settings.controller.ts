import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TelephonySettingsDto, TelephonySubjects, type RequestContext } from '@parley/contracts';
import { ServiceBus } from '@parley/platform';
import { RequirePermissions } from '../auth/auth.decorators';
import { Caller } from '../http/request-context.decorator';

/** The tenant's Twilio account. The auth token is write-only: every answer shows it masked. */
@ApiTags('telephony configuration')
@ApiBearerAuth()
@Controller('config/telephony')
export class TelephonySettingsController {
  constructor(private readonly bus: ServiceBus) {}

  @Get()
  @RequirePermissions('config:read')
  @ApiOperation({ summary: 'The Twilio account, number and public base URL; the token masked' })
  get(@Caller() ctx: RequestContext) {
    return this.bus.send(TelephonySubjects.getSettings, {}, ctx);
  }

  @Put()
  @RequirePermissions('config:write')
  @ApiOperation({ summary: 'Save the Twilio account (the token is encrypted at rest; omit it to keep the stored one)' })
  @ApiBody({ type: TelephonySettingsDto })
  update(@Body() body: TelephonySettingsDto, @Caller() ctx: RequestContext) {
    return this.bus.send(TelephonySubjects.updateSettings, body, ctx);
  }
}
