import { Controller } from '@nestjs/common';
import {
  ByIdDto, IdentitySubjects, PageQueryDto, SetAgentStatusDto,
  type AgentDto, type AgentStatsDto, type AgentUsageDto, type Page, type RequestContext,
} from '@parley/contracts';
import { Ctx, Data, Handles } from '@parley/platform';
import { AgentService } from './agent.service';

@Controller()
export class AgentHandler {
  constructor(private readonly agents: AgentService) {}

  @Handles(IdentitySubjects.listAgents, PageQueryDto)
  list(@Data() data: PageQueryDto, @Ctx() ctx: RequestContext): Promise<Page<AgentDto>> {
    return this.agents.list(data, ctx);
  }

  @Handles(IdentitySubjects.getAgent, ByIdDto)
  get(@Data() data: ByIdDto, @Ctx() ctx: RequestContext): Promise<AgentDto> {
    return this.agents.get(data.id, ctx);
  }

  @Handles(IdentitySubjects.setAgentStatus, SetAgentStatusDto)
  setStatus(@Data() data: SetAgentStatusDto, @Ctx() ctx: RequestContext): Promise<AgentDto> {
    return this.agents.setMyStatus(data, ctx);
  }

  @Handles(IdentitySubjects.availableAgents)
  available(@Ctx() ctx: RequestContext): Promise<AgentDto[]> {
    return this.agents.available(ctx);
  }

  @Handles(IdentitySubjects.agentStats)
  stats(@Ctx() ctx: RequestContext): Promise<AgentStatsDto> {
    return this.agents.stats(ctx);
  }

  @Handles(IdentitySubjects.agentUsage, ByIdDto)
  usage(@Data() data: ByIdDto, @Ctx() ctx: RequestContext): Promise<AgentUsageDto> {
    return this.agents.usage(data.id, ctx);
  }
}
