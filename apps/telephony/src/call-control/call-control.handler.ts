import { Controller } from '@nestjs/common';
import { ByIdDto, InitiateCallDto, TelephonySubjects, type CallDto, type RequestContext } from '@parley/contracts';
import { Ctx, Data, Handles } from '@parley/platform';
import { CallHangup } from './call-hangup';
import { OutboundDialer } from './outbound-dialer';

@Controller()
export class CallControlHandler {
  constructor(
    private readonly dialer: OutboundDialer,
    private readonly hangup: CallHangup,
  ) {}

  @Handles(TelephonySubjects.initiateCall, InitiateCallDto)
  initiate(@Data() data: InitiateCallDto, @Ctx() ctx: RequestContext): Promise<CallDto> {
    return this.dialer.initiate(data, ctx);
  }

  @Handles(TelephonySubjects.endCall, ByIdDto)
  end(@Data() data: ByIdDto, @Ctx() ctx: RequestContext): Promise<CallDto> {
    return this.hangup.end(data.id, ctx);
  }
}
