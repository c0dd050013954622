import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CallingWindowsDto, ComplianceSubjects, type RequestContext } from '@parley/contracts';
import { ServiceBus } from '@parley/platform';
import { RequirePermissions } from '../auth/auth.decorators';
import { Caller } from '../http/request-context.decorator';

/** Hours, per day of week in the callee's local time, when telephony may dial the tenant's outbound calls. */
@ApiTags('compliance')
@ApiBearerAuth()
@Controller('compliance/calling-windows')
export class CallingWindowsController {
  constructor(private readonly bus: ServiceBus) {}

  @Get()
  @RequirePermissions('compliance:read')
  @ApiOperation({ summary: 'The calling windows (default 08:00–21:00 every day, enforced), fallback zone and whether they are enforced' })
  get(@Caller() ctx: RequestContext) {
    return this.bus.send(ComplianceSubjects.getCallingWindows, {}, ctx);
  }

  @Put()
  @RequirePermissions('compliance:write')
  @ApiOperation({
    summary: 'Change the calling windows',
    description:
      'Days and fields left out keep their value; a day set to null has no calls; each window is HH:MM (24 h), start included, ' +
      'end excluded and later than start. fallback_timezone (an IANA zone; null: the service default) is used for numbers ' +
      'whose zone cannot be told (several zones, or none). enforced: false turns the windows off (do-not-call still applies).',
  })
  @ApiBody({ type: CallingWindowsDto })
  update(@Body() body: CallingWindowsDto, @Caller() ctx: RequestContext) {
    return this.bus.send(ComplianceSubjects.updateCallingWindows, body, ctx);
  }
}
