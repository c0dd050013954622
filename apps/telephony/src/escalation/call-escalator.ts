import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EscalateCallRequest, EscalationDto, RequestContext } from '@parley/contracts';
import { ConflictException, NotFoundException, ServiceUnavailableException, TenantDb } from '@parley/platform';
import { CallLifecycle } from '../call/call-lifecycle';
import { CallEntity } from '../call/call.entity';
import { twilioFailure } from '../call-control/twilio-failure';
import { TelephonySettingsService } from '../settings/telephony-settings.service';
import type { TwilioAccount } from '../settings/twilio-account';
import { TELEPHONY_CONFIG, type TelephonyConfig } from '../telephony.config';
import { TwilioClientFactory } from '../twilio/twilio-client.factory';
import { CallEscalationEntity } from './call-escalation.entity';
import { alreadyEscalated, CallEscalations } from './call-escalations';
import { EscalationWebhookResponder } from './escalation-webhook.responder';
import { warmTransferTwiml } from './escalation-twiml';
import { escalationWebhookUrl } from './escalation-webhook-urls';
import { toEscalationDto } from './escalation.mapper';
import { HumanAgentSelector } from './human-agent-selector';

/** Twilio: "Call is not in-progress. Cannot redirect." */
const TWILIO_CALL_NOT_IN_PROGRESS = 21220;

const NO_AGENT_ANNOUNCEMENT = 'All of our team members are busy right now. Please hold and the next available agent will be with you shortly.';

/**
 * `POST /calls/:id/escalate`: a live phone call is handed to a human. With an agent chosen
 * (HumanAgentSelector) Twilio is told to say so and ring the agent's softphone (warm transfer);
 * with nobody free the caller holds in the tenant's human queue. The escalation is recorded
 * (escalation.triggered) before Twilio is told; if Twilio refuses, it ends `failed` at once.
 */
@Injectable()
export class CallEscalator {
  private readonly logger = new Logger(CallEscalator.name);

  constructor(
    private readonly db: TenantDb,
    private readonly settings: TelephonySettingsService,
    private readonly lifecycle: CallLifecycle,
    private readonly escalations: CallEscalations,
    private readonly selector: HumanAgentSelector,
    private readonly webhooks: EscalationWebhookResponder,
    private readonly twilio: TwilioClientFactory,
    @Inject(TELEPHONY_CONFIG) private readonly config: TelephonyConfig,
  ) {}

  async escalate(request: EscalateCallRequest, ctx: RequestContext): Promise<EscalationDto> {
    const call = await this.db.repo(ctx, CallEntity).get({ id: request.call_id });
    assertLive(call);
    const open = await this.db.repo(ctx, CallEscalationEntity).query('e')
      .andWhere('e.callId = :callId', { callId: call.id })
      .andWhere(`e.status IN ('dialing', 'queued')`)
      .getOne();
    if (open) throw alreadyEscalated(call.id, open.id);
    const account = await this.settings.requireAccount(call.tenantId);
    const selection = await this.selector.select(call, request.agent_id, ctx);

    const { escalation, twiml } = await this.db.transaction(ctx, async (uow) => {
      const locked = await this.lifecycle.lockById(uow, call.id);
      if (!locked) throw new NotFoundException('call');
      // It may have ended while the agent was chosen.
      assertLive(locked);
      const opened = await this.escalations.open(uow, locked, {
        agentId: selection.agentId,
        selectedBy: selection.selectedBy,
        routingRule: selection.routingRule,
        selectionReason: selection.reason,
        reason: request.reason ?? null,
        summary: request.summary ?? null,
        requestedBy: ctx.user_id,
      });
      const instructions = opened.agentId
        ? this.transferTwiml(account, locked, opened)
        : this.webhooks.holdTwiml(account, locked, opened, NO_AGENT_ANNOUNCEMENT);
      return { escalation: opened, twiml: instructions };
    });

    try {
      await this.twilio.forAccount(account).calls(call.providerCallId as string).update({ twiml });
    } catch (error) {
      const failure = twilioFailure(error);
      this.logger.warn({ call_id: call.id, escalation_id: escalation.id, ...failure }, 'Twilio did not take the transfer');
      await this.db.transaction(ctx, async (uow) => {
        const locked = await this.lifecycle.lockById(uow, call.id);
        const ended = locked ? await this.escalations.lockById(uow, call.id, escalation.id) : null;
        if (locked && ended) await this.escalations.complete(uow, locked, ended, 'failed', null);
      });
      if (failure.twilio_code === TWILIO_CALL_NOT_IN_PROGRESS) {
        throw new ConflictException('the call is no longer in progress on Twilio: it cannot be escalated', { call_id: call.id, ...failure });
      }
      throw new ServiceUnavailableException(`Twilio did not transfer the call: ${failure.message}`, { provider: 'twilio', call_id: call.id, ...failure });
    }
    return toEscalationDto(escalation, call.leadId);
  }

  private transferTwiml(account: TwilioAccount, call: CallEntity, escalation: CallEscalationEntity): string {
    return warmTransferTwiml({
      agentId: escalation.agentId as string,
      callId: call.id,
      escalationId: escalation.id,
      reason: escalation.reason,
      summary: escalation.summary,
      actionUrl: escalationWebhookUrl(account.publicBaseUrl, 'dial', account.tenantId, call.id, escalation.id),
      timeoutSeconds: this.config.ESCALATION_DIAL_TIMEOUT_S,
    });
  }
}

/** Only a phone call Twilio is carrying, answered and not ended, can be handed to a human. */
function assertLive(call: CallEntity): void {
  if (call.type !== 'phone' || !call.providerCallId) {
    throw new ConflictException('only a phone call placed or received through Twilio can be escalated', { call_id: call.id, type: call.type });
  }
  if (call.status !== 'in_progress') {
    throw new ConflictException(`the call is ${call.status}: only a call in progress can be escalated`, { call_id: call.id, status: call.status });
  }
}
