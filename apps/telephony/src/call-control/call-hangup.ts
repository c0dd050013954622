import { Injectable, Logger } from '@nestjs/common';
import type { CallDto, CallStatus, RequestContext } from '@parley/contracts';
import { NotFoundException, ServiceUnavailableException, TenantDb } from '@parley/platform';
import { CallLifecycle } from '../call/call-lifecycle';
import type { StatusFacts } from '../call/call-status-change';
import { isEndStatus } from '../call/call-status-progression';
import { CallEntity } from '../call/call.entity';
import { toCallDto } from '../call/call.mapper';
import { TelephonySettingsService } from '../settings/telephony-settings.service';
import { callStatusFromTwilio } from '../twilio/twilio-call-status';
import { TwilioClientFactory } from '../twilio/twilio-client.factory';
import { intParam } from '../twilio/twilio-params';
import { twilioFailure } from './twilio-failure';

/** Twilio's "resource not found": it has no such call on this account. */
const TWILIO_NOT_FOUND = 20404;

/**
 * `POST /calls/:id/end`. A call Twilio is placing or carrying is hung up through Twilio
 * (Status=completed) and takes the end status Twilio answers with; a call Twilio never had is
 * canceled here. Ending an ended call changes nothing.
 */
@Injectable()
export class CallHangup {
  private readonly logger = new Logger(CallHangup.name);

  constructor(
    private readonly db: TenantDb,
    private readonly settings: TelephonySettingsService,
    private readonly lifecycle: CallLifecycle,
    private readonly twilio: TwilioClientFactory,
  ) {}

  async end(id: string, ctx: RequestContext): Promise<CallDto> {
    const call = await this.db.repo(ctx, CallEntity).get({ id });
    if (isEndStatus(call.status)) return toCallDto(call);
    if (!call.providerCallId) return this.endHere(id, ctx, 'canceled', { reason: 'ended before Twilio placed it' });

    const account = await this.settings.requireAccount(call.tenantId);
    try {
      const updated = await this.twilio.forAccount(account).calls(call.providerCallId).update({ status: 'completed' });
      const status = callStatusFromTwilio(updated.status);
      // Not ended yet by Twilio's answer: its completed callback ends the call.
      if (!status || !isEndStatus(status)) return toCallDto(await this.db.repo(ctx, CallEntity).get({ id }));
      return this.endHere(id, ctx, status, { at: updated.endTime ?? undefined, durationSeconds: intParam(updated.duration ?? undefined) });
    } catch (error) {
      const failure = twilioFailure(error);
      if (failure.twilio_code === TWILIO_NOT_FOUND) {
        this.logger.warn({ call_id: id }, 'Twilio has no such call: ending it here');
        return this.endHere(id, ctx, 'canceled', { reason: 'Twilio has no record of this call' });
      }
      throw new ServiceUnavailableException(`Twilio did not end the call: ${failure.message}`, { provider: 'twilio', call_id: id, ...failure });
    }
  }

  private endHere(id: string, ctx: RequestContext, status: CallStatus, facts: StatusFacts): Promise<CallDto> {
    return this.db.transaction(ctx, async (uow) => {
      const locked = await this.lifecycle.lockById(uow, id);
      if (!locked) throw new NotFoundException('call');
      await this.lifecycle.moveStatus(uow, locked, status, facts);
      return toCallDto(locked);
    });
  }
}
