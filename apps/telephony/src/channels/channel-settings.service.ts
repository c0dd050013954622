import { Injectable } from '@nestjs/common';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { ChannelSettingsDto, ChannelSettingsView, RequestContext } from '@parley/contracts';
import { TenantDb } from '@parley/platform';
import { SealedTokenUnreadableError, TelephonySettingsService } from '../settings/telephony-settings.service';
import type { TwilioAccount } from '../settings/twilio-account';
import { ChannelSettingsEntity } from './channel-settings.entity';
import { toChannelSettingsView } from './channel-settings.mapper';
import { TwilioNumberWebhooks, type ConfiguredNumber } from './twilio-number-webhooks';

/**
 * `GET|POST /onboarding/channels`. A phone number is pointed at Parley's webhooks on Twilio first
 * when the tenant has a Twilio account (nothing is saved if Twilio refuses); without one it is
 * saved and configured on a later save. Each section given replaces that section; the rest stay.
 */
@Injectable()
export class ChannelSettingsService {
  constructor(
    private readonly db: TenantDb,
    private readonly telephony: TelephonySettingsService,
    private readonly numbers: TwilioNumberWebhooks,
  ) {}

  async view(ctx: RequestContext): Promise<ChannelSettingsView> {
    return toChannelSettingsView(await this.db.repo(ctx, ChannelSettingsEntity).findOne({}));
  }

  async update(dto: ChannelSettingsDto, ctx: RequestContext): Promise<ChannelSettingsView> {
    const tenantId = this.db.repo(ctx, ChannelSettingsEntity).tenantId;
    let configured: ConfiguredNumber | null = null;
    if (dto.phone_number) {
      const account = await this.twilioAccount(tenantId);
      if (account) configured = await this.numbers.pointAtParley(account, dto.phone_number);
    }
    return this.db.transaction(ctx, async (uow) => {
      // The row exists before the sections are written, so two first saves cannot collide.
      await uow.manager.query(`INSERT INTO channel_settings (tenant_id) VALUES ($1) ON CONFLICT (tenant_id) DO NOTHING`, [tenantId]);
      const repo = uow.repo(ChannelSettingsEntity);
      await repo.update({}, { ...sectionsOf(dto, configured), updatedAt: new Date() });
      return toChannelSettingsView(await repo.get({}));
    });
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

function sectionsOf(dto: ChannelSettingsDto, configured: ConfiguredNumber | null): QueryDeepPartialEntity<ChannelSettingsEntity> {
  const patch: QueryDeepPartialEntity<ChannelSettingsEntity> = {};
  if (dto.phone_number) {
    Object.assign(patch, {
      phoneNumber: dto.phone_number,
      phoneNumberSid: configured?.sid ?? null,
      voiceUrl: configured?.voiceUrl ?? null,
      statusCallbackUrl: configured?.statusCallbackUrl ?? null,
      phoneConfiguredAt: configured ? new Date() : null,
    });
  }
  if (dto.chat_widget) {
    Object.assign(patch, {
      chatWidgetEnabled: dto.chat_widget.enabled,
      chatWidgetGreeting: dto.chat_widget.greeting ?? null,
      chatWidgetColor: dto.chat_widget.color?.toLowerCase() ?? null,
    });
  }
  if (dto.whatsapp) Object.assign(patch, { whatsappEnabled: dto.whatsapp.enabled, whatsappNumber: dto.whatsapp.number ?? null });
  if (dto.email) Object.assign(patch, { emailEnabled: dto.email.enabled, emailAddress: dto.email.address?.toLowerCase() ?? null });
  return patch;
}
