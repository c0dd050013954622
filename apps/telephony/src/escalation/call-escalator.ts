import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EscalateCallRequest, EscalationDto, RequestContext } from '@parley/contracts';
import { ConflictException, NotFoundException, ServiceUnavailableException, TenantDb } from '@parley/platform';
import { CallLifecycle } from '../call/call-lifecycle';
import { CallEntity } from '../call/call.entity';
import { twilioFailure } from '../call-control/twilio-failure';
import { TelephonySettingsService } from '../settings/telephony-settings.service';
import type { TwilioAccount } from '../settings/twilio-account';
import { TELEPHONY_CONFIG, type TelephonyConfig } from '../telephony.config';
import type { SpokenVoice } from '../twilio/spoken-voice';
import { TwilioClientFactory } from '../twilio/twilio-client.factory';
import { CallEscalationEntity } from './call-escalation.entity';
import { alreadyEscalated, CallEscalations } from './call-escalations';
import { EscalationWebhookResponder } from './escalation-webhook.responder';
import { warmTransferTwiml } from './escalation-twiml';
import { escalationWebhookUrl } from './escalation-webhook-urls';
import { toEscalationDto } from './escalation.mapper';
import { HumanAgentSelector, type AgentSelection } from './human-agent-selector';

/** Twilio: "Call is not in-progress. Cannot redirect." */
const TWILIO_CALL_NOT_IN_PROGRESS = 21220;

const NO_AGENT_ANNOUNCEMENT = 'All of our team members are busy right now. Please hold and the next available agent will be with you shortly.';

/** An AI agent handing its caller to a person: why, what the person should know, and its own words to the caller. */
export interface AiHandOff {
  reason: string;
  summary: string | null;
  /** What the agent says before the transfer (null: the default announcement). */
  announcement: string | null;
  voice?: SpokenVoice;
}

interface Opening {
  reason: string | null;
  summary: string | null;
  requestedBy: string | null;
  announcement?: string | null;
  voice?: SpokenVoice;
}

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
    const { escalation, twiml } = await this.open(account, call, selection, {
      reason: request.reason ?? null, summary: request.summary ?? null, requestedBy: ctx.user_id,
    }, ctx, assertLive);

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

  /**
   * An AI agent hands its caller to a person while Twilio waits for TwiML (a webhook of the call):
   * the escalation opens as for `POST /calls/:id/escalate`, and its TwiML is the webhook's answer
   * rather than a REST update of the live call. Twilio asking is proof the call is up, so a call
   * still `ringing` here (an inbound call before its first status callback) can be handed over.
   */
  async handOff(account: TwilioAccount, callId: string, handOff: AiHandOff, ctx: RequestContext): Promise<string> {
    const call = await this.db.repo(ctx, CallEntity).get({ id: callId });
    assertAnswering(call);
    const selection = await this.selector.select(call, undefined, ctx);
    const { twiml } = await this.open(account, call, selection, {
      reason: handOff.reason, summary: handOff.summary, requestedBy: null, announcement: handOff.announcement, voice: handOff.voice,
    }, ctx, assertAnswering);
    return twiml;
  }

  /** Records the escalation (escalation.triggered) on the locked call; answers the TwiML that carries it out. */
  private open(
    account: TwilioAccount, call: CallEntity, selection: AgentSelection, opening: Opening, ctx: RequestContext, assertCall: (call: CallEntity) => void,
  ): Promise<{ escalation: CallEscalationEntity; twiml: string }> {
    return this.db.transaction(ctx, async (uow) => {
      const locked = await this.lifecycle.lockById(uow, call.id);
      if (!locked) throw new NotFoundException('call');
      // It may have ended while the agent was chosen.
      assertCall(locked);
      const opened = await this.escalations.open(uow, locked, {
        agentId: selection.agentId,
        selectedBy: selection.selectedBy,
        routingRule: selection.routingRule,
        selectionReason: selection.reason,
        reason: opening.reason,
        summary: opening.summary,
        requestedBy: opening.requestedBy,
      });
      const busy = opening.announcement ? `${opening.announcement} ${NO_AGENT_ANNOUNCEMENT}` : NO_AGENT_ANNOUNCEMENT;
      const twiml = opened.agentId
        ? this.transferTwiml(account, locked, opened, opening)
        : this.webhooks.holdTwiml(account, locked, opened, busy, opening.voice);
      return { escalation: opened, twiml };
    });
  }

  private transferTwiml(account: TwilioAccount, call: CallEntity, escalation: CallEscalationEntity, opening: Opening): string {
    return warmTransferTwiml({
      announcement: opening.announcement ?? undefined,
      voice: opening.voice,
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
  assertTwilioCall(call);
  if (call.status !== 'in_progress') {
    throw new ConflictException(`the call is ${call.status}: only a call in progress can be escalated`, { call_id: call.id, status: call.status });
  }
}

/** A call whose TwiML Twilio is asking for: ringing (inbound, being picked up) or in progress. */
function assertAnswering(call: CallEntity): void {
  assertTwilioCall(call);
  if (call.status !== 'in_progress' && call.status !== 'ringing') {
    throw new ConflictException(`the call is ${call.status}: it cannot be handed to a human`, { call_id: call.id, status: call.status });
  }
}

function assertTwilioCall(call: CallEntity): void {
  if (call.type !== 'phone' || !call.providerCallId) {
    throw new ConflictException('only a phone call placed or received through Twilio can be escalated', { call_id: call.id, type: call.type });
  }
}
