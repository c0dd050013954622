import { Controller } from '@nestjs/common';
import { CallingWindowsDto, ComplianceSubjects, type CallingWindowsView, type RequestContext } from '@parley/contracts';
import { Ctx, Data, Handles } from '@parley/platform';
import { CallingWindowsService } from './calling-windows.service';

@Controller()
export class CallingWindowsHandler {
  constructor(private readonly windows: CallingWindowsService) {}

  @Handles(ComplianceSubjects.getCallingWindows)
  get(@Ctx() ctx: RequestContext): Promise<CallingWindowsView> {
    return this.windows.get(ctx);
  }

  @Handles(ComplianceSubjects.updateCallingWindows, CallingWindowsDto)
  update(@Data() data: CallingWindowsDto, @Ctx() ctx: RequestContext): Promise<CallingWindowsView> {
    return this.windows.update(data, ctx);
  }
}
