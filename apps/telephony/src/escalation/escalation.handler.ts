import { Controller } from '@nestjs/common';
import { EscalateCallRequest, TelephonySubjects, type EscalationDto, type RequestContext } from '@parley/contracts';
import { Ctx, Data, Handles } from '@parley/platform';
import { CallEscalator } from './call-escalator';

@Controller()
export class EscalationHandler {
  constructor(private readonly escalator: CallEscalator) {}

  @Handles(TelephonySubjects.escalateCall, EscalateCallRequest)
  escalate(@Data() data: EscalateCallRequest, @Ctx() ctx: RequestContext): Promise<EscalationDto> {
    return this.escalator.escalate(data, ctx);
  }
}
