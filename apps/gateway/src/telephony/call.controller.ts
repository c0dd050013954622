import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CallQueryDto, CreateCallDto, InitiateCallDto, TelephonySubjects, type RequestContext } from '@parley/contracts';
import { ServiceBus } from '@parley/platform';
import { RequirePermissions } from '../auth/auth.decorators';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { ApiPageQuery } from '../docs/page-query.docs';
import { Caller } from '../http/request-context.decorator';
import { UuidParam } from '../http/uuid-param.pipe';
import { ApiCallFilters, ApiCallLogPage } from './call-query.docs';

/** Calls: the record of every phone call and chat, outbound dialing through Twilio, hanging up. Static paths come before `:id`. */
@ApiTags('calls')
@ApiBearerAuth()
@Controller('calls')
export class CallController {
  constructor(
    private readonly bus: ServiceBus,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get()
  @RequirePermissions('calls:read')
  @ApiOperation({ summary: 'List calls, filtered, searched and paginated, newest first' })
  @ApiPageQuery()
  @ApiCallFilters()
  list(@Query() query: CallQueryDto, @Caller() ctx: RequestContext) {
    return this.bus.send(TelephonySubjects.listCalls, query, ctx);
  }

  @Get('logs')
  @RequirePermissions('calls:read')
  @ApiOperation({ summary: 'The call log: the same calls and filters, paged with `page` and `limit`' })
  @ApiCallLogPage()
  @ApiCallFilters()
  logs(@Query() query: CallQueryDto, @Caller() ctx: RequestContext) {
    const { limit, ...rest } = query;
    return this.bus.send(TelephonySubjects.listCalls, { ...rest, per_page: rest.per_page ?? limit }, ctx);
  }

  @Get('stats')
  @RequirePermissions('calls:read')
  @ApiOperation({ summary: 'Counts by status and direction, average duration, answer rate, calls today' })
  stats(@Caller() ctx: RequestContext) {
    return this.bus.send(TelephonySubjects.callStats, {}, ctx);
  }

  @Post()
  @RequirePermissions('calls:write')
  @ApiOperation({ summary: 'Record a call without dialing (a chat, or a call placed elsewhere)' })
  @ApiBody({ type: CreateCallDto })
  create(@Body() body: CreateCallDto, @Caller() ctx: RequestContext) {
    return this.bus.send(TelephonySubjects.createCall, body, ctx);
  }

  @Post('initiate')
  @RequirePermissions('calls:write')
  @ApiOperation({
    summary: 'Dial out through the tenant\'s Twilio account; a do-not-call number or a call outside the calling window is refused (422 naming the rule)',
  })
  @ApiBody({ type: InitiateCallDto })
  initiate(@Body() body: InitiateCallDto, @Caller() ctx: RequestContext) {
    return this.bus.send(TelephonySubjects.initiateCall, body, ctx, this.config.DIAL_TIMEOUT_MS);
  }

  @Get(':id')
  @RequirePermissions('calls:read')
  @ApiOperation({ summary: 'One call with its transcript and analysis' })
  get(@Param('id', UuidParam) id: string, @Caller() ctx: RequestContext) {
    return this.bus.send(TelephonySubjects.getCall, { id }, ctx);
  }

  @Post(':id/end')
  @HttpCode(200)
  @RequirePermissions('calls:write')
  @ApiOperation({ summary: 'Hang up: Twilio ends the call and its final status follows' })
  end(@Param('id', UuidParam) id: string, @Caller() ctx: RequestContext) {
    return this.bus.send(TelephonySubjects.endCall, { id }, ctx, this.config.DIAL_TIMEOUT_MS);
  }
}
