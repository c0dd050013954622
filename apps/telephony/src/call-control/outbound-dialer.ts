import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CallDto, InitiateCallDto, RequestContext } from '@parley/contracts';
import { ServiceUnavailableException, TenantDb, UnauthorizedException, ValidationException } from '@parley/platform';
import { callStartedEvent } from '../call/call-event-payloads';
import { CallLifecycle } from '../call/call-lifecycle';
import { isEndStatus } from '../call/call-status-progression';
import { CallEntity } from '../call/call.entity';
import { toCallDto } from '../call/call.mapper';
import { normalizePhone } from '../call/phone-number';
import { TelephonySettingsService } from '../settings/telephony-settings.service';
import type { TwilioAccount } from '../settings/twilio-account';
import { TELEPHONY_CONFIG, type TelephonyConfig } from '../telephony.config';
import { TwilioClientFactory } from '../twilio/twilio-client.factory';
import { twilioWebhookUrl } from '../twilio/twilio-webhook-urls';
import { CallingPermission } from './calling-permission';
import { DialRateLimit } from './dial-rate-limit';
import { failureReasonOf, twilioFailure } from './twilio-failure';

/** Twilio's status callback events we ask for: every stage of the call. */
const STATUS_EVENTS = ['initiated', 'ringing', 'answered', 'completed'];

/**
 * Places outbound calls through Twilio: the tenant's account and number, compliance's yes first,
 * then the call recorded (queued, call.started) and created through the SDK with our webhook URLs.
 * Twilio's callbacks move it on from there (TwilioWebhookService).
 */
@Injectable()
export class OutboundDialer {
  private readonly logger = new Logger(OutboundDialer.name);

  constructor(
    private readonly db: TenantDb,
    private readonly settings: TelephonySettingsService,
    private readonly permission: CallingPermission,
    private readonly lifecycle: CallLifecycle,
    private readonly twilio: TwilioClientFactory,
    private readonly dialRate: DialRateLimit,
    @Inject(TELEPHONY_CONFIG) private readonly config: TelephonyConfig,
  ) {}

  async initiate(dto: InitiateCallDto, ctx: RequestContext): Promise<CallDto> {
    if (!ctx.tenant_id) throw new UnauthorizedException('a tenant is required for this request');
    const account = await this.settings.requireAccount(ctx.tenant_id);
    const phone = normalizePhone(dto.phone_number, this.config.DEFAULT_PHONE_REGION);
    if (!phone.ok) throw new ValidationException(phone.reason, { field: 'phone_number', fields: { phone_number: [phone.reason] } });
    await this.permission.assertAllowed(phone.e164, ctx);

    const call = await this.db.transaction(ctx, async (uow) => {
      await this.dialRate.admit(uow, account.tenantId);
      const inserted = await uow.repo(CallEntity).insert({
        direction: 'outbound',
        type: 'phone',
        status: 'queued',
        leadId: dto.lead_id ?? null,
        aiAgentId: dto.ai_agent_id ?? null,
        businessId: dto.business_id ?? null,
        // The person who placed it is the human on the call, unless an AI agent makes it.
        agentId: dto.ai_agent_id ? null : ctx.user_id,
        fromNumber: account.phoneNumber,
        toNumber: phone.e164,
        startedAt: new Date(),
        metadata: dto.metadata ?? {},
      });
      await this.lifecycle.emit(uow, [callStartedEvent(inserted)]);
      return inserted;
    });

    let callSid: string;
    try {
      callSid = (await this.twilio.forAccount(account).calls.create(this.createParams(account, call.id, phone.e164))).sid;
    } catch (error) {
      const failure = twilioFailure(error);
      this.logger.warn({ call_id: call.id, ...failure }, 'Twilio did not place the call');
      await this.db.transaction(ctx, async (uow) => {
        const locked = await this.lifecycle.lockById(uow, call.id);
        if (locked) await this.lifecycle.moveStatus(uow, locked, 'failed', { reason: failureReasonOf(failure) });
      });
      throw new ServiceUnavailableException(`Twilio did not place the call: ${failure.message}`, { provider: 'twilio', call_id: call.id, ...failure });
    }

    const placed = await this.db.transaction(ctx, async (uow) => {
      const locked = await this.lifecycle.lockById(uow, call.id);
      if (!locked) throw new Error(`call ${call.id} vanished while Twilio placed it`);
      if (!locked.providerCallId) {
        await uow.repo(CallEntity).update({ id: locked.id }, { providerCallId: callSid });
        locked.providerCallId = callSid;
      }
      return locked;
    });
    // Ended (canceled) while Twilio was placing it: Twilio must not go on ringing the callee.
    if (isEndStatus(placed.status)) await this.hangUpQuietly(account, callSid, placed.id);
    return toCallDto(placed);
  }

  private createParams(account: TwilioAccount, callId: string, to: string) {
    const url = (kind: 'voice' | 'status' | 'amd' | 'recording') => twilioWebhookUrl(account.publicBaseUrl, kind, account.tenantId, callId);
    return {
      to,
      from: account.phoneNumber,
      url: url('voice'),
      method: 'POST',
      statusCallback: url('status'),
      statusCallbackMethod: 'POST',
      statusCallbackEvent: STATUS_EVENTS,
      ...(this.config.TWILIO_MACHINE_DETECTION
        ? { machineDetection: 'Enable', asyncAmd: 'true', asyncAmdStatusCallback: url('amd'), asyncAmdStatusCallbackMethod: 'POST' }
        : {}),
      ...(this.config.TWILIO_RECORD_CALLS
        ? { record: true, recordingStatusCallback: url('recording'), recordingStatusCallbackMethod: 'POST' }
        : {}),
    };
  }

  private async hangUpQuietly(account: TwilioAccount, callSid: string, callId: string): Promise<void> {
    try {
      await this.twilio.forAccount(account).calls(callSid).update({ status: 'completed' });
    } catch (error) {
      this.logger.warn({ call_id: callId, ...twilioFailure(error) }, 'could not cancel a call ended while Twilio placed it');
    }
  }
}
