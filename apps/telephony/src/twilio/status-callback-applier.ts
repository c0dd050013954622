import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@parley/platform';
import { CallLifecycle } from '../call/call-lifecycle';
import { CallEntity } from '../call/call.entity';
import { callStatusFromTwilio } from './twilio-call-status';
import { failureReason, intParam, twilioTimestamp } from './twilio-params';

/**
 * Applies a Twilio status callback to its (locked) call. Twilio numbers a call's callbacks
 * (SequenceNumber): one numbered at or below the last applied is a repeat or arrived late, and
 * changes nothing; beyond that a call only ever moves forward (CallLifecycle).
 */
@Injectable()
export class StatusCallbackApplier {
  constructor(private readonly lifecycle: CallLifecycle) {}

  async apply(uow: UnitOfWork, call: CallEntity, params: Record<string, string>): Promise<void> {
    const sequence = intParam(params['SequenceNumber']);
    if (sequence !== null) {
      if (call.lastSequence !== null && sequence <= call.lastSequence) return;
      await uow.repo(CallEntity).update({ id: call.id }, { lastSequence: sequence });
      call.lastSequence = sequence;
    }
    const next = callStatusFromTwilio(params['CallStatus']);
    if (!next) return;
    await this.lifecycle.moveStatus(uow, call, next, {
      at: twilioTimestamp(params['Timestamp']),
      durationSeconds: intParam(params['CallDuration']),
      reason: failureReason(next, params),
    });
  }
}
