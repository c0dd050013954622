import { Injectable } from '@nestjs/common';
import type { CallDirection } from '@parley/contracts';
import type { UnitOfWork } from '@parley/platform';
import { aiCallOf, type AiCallStep } from '../ai-call/ai-call-step';
import { callStartedEvent } from '../call/call-event-payloads';
import { CallLifecycle } from '../call/call-lifecycle';
import { CallEntity } from '../call/call.entity';
import { MediaStreamUrls } from '../media/media-stream-urls';
import { NumberBindingService } from '../number-binding/number-binding.service';
import type { TwilioAccount } from '../settings/twilio-account';
import { callStatusFromTwilio } from './twilio-call-status';
import { twilioTimestamp } from './twilio-params';
import { humanQueueTwiml, outboundAnswerTwiml } from './voice-twiml';

/**
 * Answers Twilio's voice webhook. A call we placed was just answered: it moves on and the callee
 * is greeted. A call we have never seen is an inbound one: it is recorded (call.started), held by
 * the AI agent bound to the number called if there is one, else the caller waits in the tenant's
 * human queue. A call an AI agent holds is answered with voice-ai's first turn once this webhook's
 * changes are committed (the AiCallStep answered).
 */
@Injectable()
export class VoiceWebhookResponder {
  constructor(
    private readonly lifecycle: CallLifecycle,
    private readonly mediaStreams: MediaStreamUrls,
    private readonly bindings: NumberBindingService,
  ) {}

  async respond(uow: UnitOfWork, account: TwilioAccount, found: CallEntity | null, params: Record<string, string>): Promise<string | AiCallStep> {
    const call = found ?? (await this.recordUnknownCall(uow, account, params));
    if (!call) return humanQueueTwiml(account.tenantId);
    const status = callStatusFromTwilio(params['CallStatus']);
    if (status) await this.lifecycle.moveStatus(uow, call, status, { at: twilioTimestamp(params['Timestamp']) });
    // Our TwiML picks an inbound call up (the agent's <Gather> or <Stream>, the queue's <Say> and <Enqueue>),
    // and a number's status callback will not say so before the end: the call is in progress now (an
    // escalation needs it to be).
    if (call.direction === 'inbound') await this.lifecycle.moveStatus(uow, call, 'in_progress', { at: new Date() });
    const aiCall = aiCallOf(call);
    if (aiCall) return { kind: 'answered', call: aiCall, answeredBy: params['AnsweredBy'] || null };
    return call.direction === 'outbound' ? outboundAnswerTwiml(this.mediaStreams.streamFor(account, call.id)) : humanQueueTwiml(account.tenantId);
  }

  /** Records a call Twilio tells us about first (null without a CallSid to key it by). */
  private async recordUnknownCall(uow: UnitOfWork, account: TwilioAccount, params: Record<string, string>): Promise<CallEntity | null> {
    const callSid = params['CallSid'];
    if (!callSid) return null;
    // Calls placed on the tenant's account outside Parley arrive as outbound-api / outbound-dial.
    const direction: CallDirection = params['Direction']?.startsWith('outbound') ? 'outbound' : 'inbound';
    const reported = callStatusFromTwilio(params['CallStatus']);
    // Twilio asks for TwiML while an inbound call rings; a later status (if any) is applied as a move.
    const status = reported === 'queued' ? 'queued' : 'ringing';
    const metadata: Record<string, string> = {};
    if (params['FromCountry']) metadata['caller_country'] = params['FromCountry'];
    if (params['FromCity']) metadata['caller_city'] = params['FromCity'];
    // An AI agent deployed on the number called answers it.
    const aiAgentId = direction === 'inbound' ? await this.bindings.agentFor(uow, params['To']) : null;
    // A concurrent webhook of the same call may have recorded it: keep that one.
    const inserted = await uow.manager.createQueryBuilder().insert().into(CallEntity).values({
      tenantId: account.tenantId,
      direction,
      type: 'phone',
      status,
      aiAgentId,
      fromNumber: params['From'] || null,
      toNumber: params['To'] || null,
      providerCallId: callSid,
      startedAt: twilioTimestamp(params['Timestamp']) ?? new Date(),
      metadata,
    }).orIgnore().returning('id').execute();
    const call = await this.lifecycle.lockByProviderId(uow, callSid);
    if (call && inserted.raw.length > 0) await this.lifecycle.emit(uow, [callStartedEvent(call)]);
    return call;
  }
}
