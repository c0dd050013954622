import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdentitySubjects, LeadsSubjects, SetAgentStatusDto, type RequestContext } from '@parley/contracts';
import { ServiceBus } from '@parley/platform';
import { RequirePermissions } from '../auth/auth.decorators';
import { Caller } from '../http/request-context.decorator';

/** The human agents' call queue. */
@ApiTags('queue')
@ApiBearerAuth()
@Controller('queue')
export class QueueController {
  constructor(private readonly bus: ServiceBus) {}

  @Get('status')
  @RequirePermissions('leads:read')
  @ApiOperation({ summary: 'Waiting leads, hot leads, active agents and claims' })
  status(@Caller() ctx: RequestContext) {
    return this.bus.send(LeadsSubjects.queueStatus, {}, ctx);
  }

  /** Presence is identity's; the queue learns it from the agent.status_changed event it emits. */
  @Post('agent/status')
  @HttpCode(200)
  @RequirePermissions('agents:write')
  @ApiOperation({ summary: 'Set the caller\'s presence (ready, busy, break, offline); the queue picks it up' })
  @ApiBody({ type: SetAgentStatusDto })
  setAgentStatus(@Body() body: SetAgentStatusDto, @Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.setAgentStatus, body, ctx);
  }

  @Get('next')
  @RequirePermissions('leads:write')
  @ApiOperation({ summary: 'Claim the best waiting lead for the caller; two agents never get the same lead' })
  next(@Caller() ctx: RequestContext) {
    return this.bus.send(LeadsSubjects.queueNext, {}, ctx);
  }
}
