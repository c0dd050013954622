import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EscalateCallDto, TelephonySubjects, type RequestContext } from '@parley/contracts';
import { ServiceBus } from '@parley/platform';
import { RequirePermissions } from '../auth/auth.decorators';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { Caller } from '../http/request-context.decorator';
import { UuidParam } from '../http/uuid-param.pipe';

/** Handing a live call to a human: a warm transfer to an available agent, or the human queue. */
@ApiTags('calls')
@ApiBearerAuth()
@Controller('calls')
export class CallEscalationController {
  constructor(
    private readonly bus: ServiceBus,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post(':id/escalate')
  @HttpCode(202)
  @RequirePermissions('calls:write')
  @ApiOperation({
    summary: 'Transfer a call in progress to a human agent',
    description:
      'The agent is the one named (when available), else the one leads\' routing rules pick for the call\'s lead, else the least busy '
      + 'available agent. The caller hears that a person is coming and the agent\'s softphone rings (status `dialing`); with nobody '
      + 'available the caller holds in the human queue (status `queued`, with a position). escalation.triggered is pushed at once, '
      + 'escalation.completed when the transfer is over.',
  })
  @ApiBody({ type: EscalateCallDto })
  @ApiAcceptedResponse({ description: 'The escalation: dialing an agent, or queued' })
  @ApiConflictResponse({ description: 'The call is not in progress, not a Twilio phone call, or already being transferred' })
  escalate(@Param('id', UuidParam) id: string, @Body() body: EscalateCallDto, @Caller() ctx: RequestContext) {
    return this.bus.send(TelephonySubjects.escalateCall, { ...body, call_id: id }, ctx, this.config.DIAL_TIMEOUT_MS);
  }
}
