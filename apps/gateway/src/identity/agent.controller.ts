import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdentitySubjects, PageQueryDto, SetAgentStatusDto, type RequestContext } from '@parley/contracts';
import { ServiceBus } from '@parley/platform';
import { RequirePermissions } from '../auth/auth.decorators';
import { UuidParam } from '../http/uuid-param.pipe';
import { Caller } from '../http/request-context.decorator';

@ApiTags('agents')
@ApiBearerAuth()
@Controller('agents')
export class AgentController {
  constructor(private readonly bus: ServiceBus) {}

  @Get()
  @RequirePermissions('agents:read')
  list(@Query() query: PageQueryDto, @Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.listAgents, query, ctx);
  }

  @Patch('status')
  @RequirePermissions('agents:write')
  @ApiOperation({ summary: 'Set the caller\'s presence; pushes agent:status to the tenant room' })
  @ApiBody({ type: SetAgentStatusDto })
  setStatus(@Body() body: SetAgentStatusDto, @Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.setAgentStatus, body, ctx);
  }

  @Get('available')
  @RequirePermissions('agents:read')
  available(@Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.availableAgents, {}, ctx);
  }

  @Get('stats')
  @RequirePermissions('agents:read')
  stats(@Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.agentStats, {}, ctx);
  }

  @Get(':id')
  @RequirePermissions('agents:read')
  get(@Param('id', UuidParam) id: string, @Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.getAgent, { id }, ctx);
  }

  @Get(':id/usage')
  @RequirePermissions('agents:read')
  usage(@Param('id', UuidParam) id: string, @Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.agentUsage, { id }, ctx);
  }
}
