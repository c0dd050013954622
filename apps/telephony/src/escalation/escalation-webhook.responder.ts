import { Inject, Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@parley/platform';
import type { CallEntity } from '../call/call.entity';
import type { TwilioAccount } from '../settings/twilio-account';
import { TELEPHONY_CONFIG, type TelephonyConfig } from '../telephony.config';
import type { SpokenVoice } from '../twilio/spoken-voice';
import { intParam } from '../twilio/twilio-params';
import { CallEscalations } from './call-escalations';
import type { CallEscalationEntity } from './call-escalation.entity';
import { holdInQueueTwiml, farewellTwiml, holdMusicTwiml, noFurtherTwiml } from './escalation-twiml';
import { escalationIdOfWebhookPath, escalationWebhookUrl } from './escalation-webhook-urls';
import { dialOutcome, queueOutcome } from './transfer-outcome';

/** What a caller hears when the agent dialed did not take the call. */
const AGENT_MISSED = 'Sorry, that team member could not take your call. Please hold for the next available agent.';

/**
 * Twilio's escalation webhooks, on the (locked) call inside the webhook's unit of work. Each is
 * answered in full every time: a repeated delivery finds its escalation already ended and
 * changes nothing, but Twilio still gets the same instructions.
 *  - dial: the <Dial> to the agent ended. Connected: the call closes with a goodbye. Otherwise the
 *    escalation ends (no_answer, busy, …) and the caller, still on the line, holds in the human queue.
 *  - queue: the caller left the human queue (bridged to an agent, hung up, …).
 *  - wait: what a caller on hold hears: their place in line, then hold music.
 */
@Injectable()
export class EscalationWebhookResponder {
  constructor(
    private readonly escalations: CallEscalations,
    @Inject(TELEPHONY_CONFIG) private readonly config: TelephonyConfig,
  ) {}

  async dialEnded(uow: UnitOfWork, account: TwilioAccount, call: CallEntity | null, path: string, params: Record<string, string>): Promise<string> {
    const escalation = await this.escalationOf(uow, call, path);
    if (!call || !escalation) return noFurtherTwiml();
    const result = dialOutcome(params);
    if (escalation.status === 'dialing') {
      await this.escalations.complete(uow, call, escalation, result.outcome, result.durationSeconds);
      if (result.outcome === 'connected' || result.callerGone) return result.outcome === 'connected' ? farewellTwiml() : noFurtherTwiml();
      const queued = await this.escalations.open(uow, call, {
        agentId: null, selectedBy: null, routingRule: null,
        selectionReason: `the agent dialed did not take the call (${result.outcome}): the caller waits in the human queue`,
        reason: escalation.reason, summary: escalation.summary, requestedBy: null,
      });
      return this.holdTwiml(account, call, queued, AGENT_MISSED);
    }
    // A repeated delivery: the same instructions, from what the first one did.
    if (escalation.outcome === 'connected') return farewellTwiml();
    const queued = await this.escalations.lockOpen(uow, call.id);
    return queued?.status === 'queued' ? this.holdTwiml(account, call, queued, AGENT_MISSED) : noFurtherTwiml();
  }

  async queueLeft(uow: UnitOfWork, call: CallEntity | null, path: string, params: Record<string, string>): Promise<string> {
    const escalation = await this.escalationOf(uow, call, path);
    const result = queueOutcome(params);
    if (call && escalation?.status === 'queued') await this.escalations.complete(uow, call, escalation, result.outcome, result.durationSeconds);
    // After a bridge the agent hung up first: the caller hears goodbye. Otherwise nothing is left to say.
    return result.outcome === 'connected' && !result.callerGone ? farewellTwiml() : noFurtherTwiml();
  }

  async wait(uow: UnitOfWork, call: CallEntity | null, path: string, params: Record<string, string>): Promise<string> {
    const position = intParam(params['QueuePosition']);
    const escalation = await this.escalationOf(uow, call, path);
    if (escalation && position !== null && position > 0) await this.escalations.recordQueuePosition(uow, escalation, position);
    return holdMusicTwiml(position ?? escalation?.queuePosition ?? null, this.config.HOLD_MUSIC_URL);
  }

  /** The TwiML that puts the caller on hold in the tenant's human queue for `escalation`. */
  holdTwiml(account: TwilioAccount, call: CallEntity, escalation: CallEscalationEntity, announcement: string, voice?: SpokenVoice): string {
    const url = (kind: 'queue' | 'wait') => escalationWebhookUrl(account.publicBaseUrl, kind, account.tenantId, call.id, escalation.id);
    return holdInQueueTwiml({ queueName: escalation.queueName as string, waitUrl: url('wait'), actionUrl: url('queue'), announcement, voice });
  }

  private async escalationOf(uow: UnitOfWork, call: CallEntity | null, path: string): Promise<CallEscalationEntity | null> {
    const id = escalationIdOfWebhookPath(path);
    if (!call || !id) return null;
    return this.escalations.lockById(uow, call.id, id);
  }
}
