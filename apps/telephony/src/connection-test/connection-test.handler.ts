import { Controller } from '@nestjs/common';
import {
  TelephonySubjects, TestConnectionDto, type ConnectionTestResultDto, type RequestContext,
} from '@parley/contracts';
import { Ctx, Data, Handles, UnauthorizedException } from '@parley/platform';
import { TwilioConnectionCheck } from './twilio-connection-check';

/** OpenAI belongs to voice-ai (a later issue): until it runs, the answer says so instead of guessing. */
const OPENAI_NOT_CHECKED = { checked: false, reason: 'OpenAI is checked by the voice-ai service, which is not deployed yet' } as const;

@Controller()
export class ConnectionTestHandler {
  constructor(private readonly twilio: TwilioConnectionCheck) {}

  @Handles(TelephonySubjects.testConnection, TestConnectionDto)
  async test(@Data() data: TestConnectionDto, @Ctx() ctx: RequestContext): Promise<ConnectionTestResultDto> {
    if (!ctx.tenant_id) throw new UnauthorizedException('a tenant is required for this request');
    const twilio = await this.twilio.check(ctx.tenant_id);
    return data.provider === 'twilio' ? { twilio } : { twilio, openai: OPENAI_NOT_CHECKED };
  }
}
