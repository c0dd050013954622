import { Inject, Injectable } from '@nestjs/common';
import type { BindNumberRequest, NumberBindingDto, RequestContext, UnbindNumberRequest } from '@parley/contracts';
import { TenantDb, ValidationException, type UnitOfWork } from '@parley/platform';
import { normalizePhone } from '../call/phone-number';
import { TwilioNumberWebhooks } from '../channels/twilio-number-webhooks';
import { SealedTokenUnreadableError, TelephonySettingsService } from '../settings/telephony-settings.service';
import type { TwilioAccount } from '../settings/twilio-account';
import { TELEPHONY_CONFIG, type TelephonyConfig } from '../telephony.config';
import { AiNumberBindingEntity } from './ai-number-binding.entity';
import { toNumberBindingDto } from './number-binding.mapper';

/**
 * voice-ai deploys an AI agent on one of the tenant's numbers (by default its Twilio number): the
 * number is pointed at Parley's voice webhook on Twilio, then bound, so its inbound calls are
 * answered by the agent. A number bound to another agent moves to this one; pausing or deleting
 * the agent unbinds its numbers (their calls go to the human queue again).
 */
@Injectable()
export class NumberBindingService {
  constructor(
    private readonly db: TenantDb,
    private readonly telephony: TelephonySettingsService,
    private readonly numbers: TwilioNumberWebhooks,
    @Inject(TELEPHONY_CONFIG) private readonly config: TelephonyConfig,
  ) {}

  async bind(dto: BindNumberRequest, ctx: RequestContext): Promise<NumberBindingDto> {
    const tenantId = this.db.repo(ctx, AiNumberBindingEntity).tenantId;
    const account = await this.twilioAccount(tenantId);
    const phoneNumber = this.numberToBind(dto.phone_number, account);
    if (account) await this.numbers.pointAtParley(account, phoneNumber);
    return this.db.transaction(ctx, async (uow) => {
      // Re-binding the same agent keeps when it was first bound; another agent takes the number over now.
      await uow.manager.query(
        `INSERT INTO ai_number_bindings (tenant_id, phone_number, ai_agent_id, bound_at) VALUES ($1, $2, $3, now())
         ON CONFLICT (tenant_id, phone_number) DO UPDATE SET
           ai_agent_id = EXCLUDED.ai_agent_id,
           bound_at = CASE WHEN ai_number_bindings.ai_agent_id = EXCLUDED.ai_agent_id THEN ai_number_bindings.bound_at ELSE now() END`,
        [tenantId, phoneNumber, dto.ai_agent_id],
      );
      return toNumberBindingDto(await uow.repo(AiNumberBindingEntity).get({ phoneNumber }));
    });
  }

  async unbind(dto: UnbindNumberRequest, ctx: RequestContext): Promise<{ unbound: string[] }> {
    return this.db.transaction(ctx, async (uow) => {
      const repo = uow.repo(AiNumberBindingEntity);
      const bound = await repo.find({ where: { aiAgentId: dto.ai_agent_id }, order: { phoneNumber: 'ASC' } });
      if (bound.length > 0) await repo.delete({ aiAgentId: dto.ai_agent_id });
      return { unbound: bound.map((binding) => binding.phoneNumber) };
    });
  }

  /** The AI agent answering calls to `phoneNumber` (E.164) in the unit of work's tenant; null when none is. */
  async agentFor(uow: UnitOfWork, phoneNumber: string | undefined): Promise<string | null> {
    if (!phoneNumber) return null;
    return (await uow.repo(AiNumberBindingEntity).findOne({ phoneNumber }))?.aiAgentId ?? null;
  }

  private numberToBind(requested: string | undefined, account: TwilioAccount | null): string {
    const raw = requested ?? account?.phoneNumber;
    if (!raw) {
      const message = 'no number to bind: pass phone_number, or save the tenant\'s Twilio number with PUT /config/telephony first';
      throw new ValidationException(message, { fields: { phone_number: [message] } });
    }
    const phone = normalizePhone(raw, this.config.DEFAULT_PHONE_REGION);
    if (!phone.ok) throw new ValidationException(phone.reason, { field: 'phone_number', fields: { phone_number: [phone.reason] } });
    return phone.e164;
  }

  /** The tenant's Twilio account; null without one. A token that no longer opens is a 422 saying what to do. */
  private async twilioAccount(tenantId: string): Promise<TwilioAccount | null> {
    try {
      return await this.telephony.account(tenantId);
    } catch (error) {
      if (error instanceof SealedTokenUnreadableError) return this.telephony.requireAccount(tenantId);
      throw error;
    }
  }
}
