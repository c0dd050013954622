import { Controller } from '@nestjs/common';
import {
  ByIdDto, CallQueryDto, CreateCallDto, TelephonySubjects,
  type CallDetailDto, type CallDto, type CallStatsDto, type Page, type RequestContext,
} from '@parley/contracts';
import { Ctx, Data, Handles } from '@parley/platform';
import { CallService } from './call.service';

@Controller()
export class CallHandler {
  constructor(private readonly calls: CallService) {}

  @Handles(TelephonySubjects.listCalls, CallQueryDto)
  list(@Data() data: CallQueryDto, @Ctx() ctx: RequestContext): Promise<Page<CallDto>> {
    return this.calls.list(data, ctx);
  }

  @Handles(TelephonySubjects.getCall, ByIdDto)
  get(@Data() data: ByIdDto, @Ctx() ctx: RequestContext): Promise<CallDetailDto> {
    return this.calls.get(data.id, ctx);
  }

  @Handles(TelephonySubjects.callStats)
  stats(@Ctx() ctx: RequestContext): Promise<CallStatsDto> {
    return this.calls.stats(ctx);
  }

  @Handles(TelephonySubjects.createCall, CreateCallDto)
  create(@Data() data: CreateCallDto, @Ctx() ctx: RequestContext): Promise<CallDto> {
    return this.calls.create(data, ctx);
  }
}
