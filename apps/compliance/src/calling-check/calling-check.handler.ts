import { Controller } from '@nestjs/common';
import { CallingCheckDto, ComplianceSubjects, type CallingCheckResultDto, type RequestContext } from '@parley/contracts';
import { Ctx, Data, Handles } from '@parley/platform';
import { CallingCheckService } from './calling-check.service';

/** Asked over NATS only (telephony, before dialing); the gateway has no route for it. */
@Controller()
export class CallingCheckHandler {
  constructor(private readonly checks: CallingCheckService) {}

  @Handles(ComplianceSubjects.checkCalling, CallingCheckDto)
  check(@Data() data: CallingCheckDto, @Ctx() ctx: RequestContext): Promise<CallingCheckResultDto> {
    return this.checks.check(data, ctx);
  }
}
