import { Controller } from '@nestjs/common';
import {
  BindNumberRequest, TelephonySubjects, UnbindNumberRequest, type NumberBindingDto, type RequestContext,
} from '@parley/contracts';
import { Ctx, Data, Handles } from '@parley/platform';
import { NumberBindingService } from './number-binding.service';

@Controller()
export class NumberBindingHandler {
  constructor(private readonly bindings: NumberBindingService) {}

  @Handles(TelephonySubjects.bindNumber, BindNumberRequest)
  bind(@Data() data: BindNumberRequest, @Ctx() ctx: RequestContext): Promise<NumberBindingDto> {
    return this.bindings.bind(data, ctx);
  }

  @Handles(TelephonySubjects.unbindNumber, UnbindNumberRequest)
  unbind(@Data() data: UnbindNumberRequest, @Ctx() ctx: RequestContext): Promise<{ unbound: string[] }> {
    return this.bindings.unbind(data, ctx);
  }
}
