import { Controller } from '@nestjs/common';
import {
  TelephonySubjects, TestConnectionDto, type ConnectionTestResultDto, type RequestContext,
} from '@parley/contracts';
import { Ctx, Data, Handles, UnauthorizedException } from '@parley/platform';
import { TwilioConnectionCheck } from './twilio-connection-check';

/** Telephony checks Twilio; OpenAI is voice-ai's half of the answer (the gateway asks both). */
@Controller()
export class ConnectionTestHandler {
  constructor(private readonly twilio: TwilioConnectionCheck) {}

  @Handles(TelephonySubjects.testConnection, TestConnectionDto)
  async test(@Data() data: TestConnectionDto, @Ctx() ctx: RequestContext): Promise<ConnectionTestResultDto> {
    if (!ctx.tenant_id) throw new UnauthorizedException('a tenant is required for this request');
    if (data.provider === 'openai') return {};
    return { twilio: await this.twilio.check(ctx.tenant_id) };
  }
}
