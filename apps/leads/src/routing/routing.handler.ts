import { Controller } from '@nestjs/common';
import {
  ByIdDto, CreateRoutingRuleDto, LeadsSubjects, RouteLeadDto, UpdateRoutingRuleRequest,
  type AutomationMetricsDto, type MessageDto, type RequestContext, type RoutingDecisionDto, type RoutingRuleDto,
} from '@parley/contracts';
import { Ctx, Data, Handles } from '@parley/platform';
import { RoutingService } from './routing.service';

@Controller()
export class RoutingHandler {
  constructor(private readonly routing: RoutingService) {}

  @Handles(LeadsSubjects.listRoutingRules)
  list(@Ctx() ctx: RequestContext): Promise<RoutingRuleDto[]> {
    return this.routing.listRules(ctx);
  }

  @Handles(LeadsSubjects.createRoutingRule, CreateRoutingRuleDto)
  create(@Data() data: CreateRoutingRuleDto, @Ctx() ctx: RequestContext): Promise<RoutingRuleDto> {
    return this.routing.createRule(data, ctx);
  }

  @Handles(LeadsSubjects.updateRoutingRule, UpdateRoutingRuleRequest)
  update(@Data() data: UpdateRoutingRuleRequest, @Ctx() ctx: RequestContext): Promise<RoutingRuleDto> {
    return this.routing.updateRule(data, ctx);
  }

  @Handles(LeadsSubjects.deleteRoutingRule, ByIdDto)
  remove(@Data() data: ByIdDto, @Ctx() ctx: RequestContext): Promise<MessageDto> {
    return this.routing.deleteRule(data.id, ctx);
  }

  @Handles(LeadsSubjects.routeLead, RouteLeadDto)
  route(@Data() data: RouteLeadDto, @Ctx() ctx: RequestContext): Promise<RoutingDecisionDto> {
    return this.routing.routeLead(data, ctx);
  }

  @Handles(LeadsSubjects.automationMetrics)
  metrics(@Ctx() ctx: RequestContext): Promise<AutomationMetricsDto> {
    return this.routing.metrics(ctx);
  }
}
