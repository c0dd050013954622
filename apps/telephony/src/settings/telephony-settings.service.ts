import { Inject, Injectable, Logger } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { MessageDto, RequestContext, TelephonySettingsDto, TelephonySettingsView } from '@parley/contracts';
import { maskSecret, NotFoundException, SecretCipher, TenantDb, ValidationException } from '@parley/platform';
import { TELEPHONY_CONFIG, type TelephonyConfig } from '../telephony.config';
import { TelephonySettingsEntity } from './telephony-settings.entity';
import { toTelephonySettingsView } from './telephony-settings.mapper';
import type { TwilioAccount } from './twilio-account';

/** The stored token does not open: the key changed, or the row was altered. */
export class SealedTokenUnreadableError extends Error {}

/**
 * A tenant's Twilio account. The auth token is write-only: sealed before it reaches the database,
 * shown masked, opened only to call Twilio or check a webhook signature, and never logged.
 */
@Injectable()
export class TelephonySettingsService {
  private readonly logger = new Logger(TelephonySettingsService.name);

  constructor(
    private readonly db: TenantDb,
    private readonly cipher: SecretCipher,
    @Inject(TELEPHONY_CONFIG) private readonly config: TelephonyConfig,
  ) {}

  async view(ctx: RequestContext): Promise<TelephonySettingsView> {
    const settings = await this.db.repo(ctx, TelephonySettingsEntity).findOne({});
    return toTelephonySettingsView(settings, settings ? this.maskedToken(settings) : null);
  }

  /**
   * PUT semantics: the account, number and public URL are replaced (an omitted public URL falls
   * back to the service's); an omitted token keeps the stored one, but the first save needs one.
   */
  async update(dto: TelephonySettingsDto, ctx: RequestContext): Promise<TelephonySettingsView> {
    return this.db.transaction(ctx, async (uow) => {
      const repo = uow.repo(TelephonySettingsEntity);
      const tenantId = repo.tenantId;
      const publicBaseUrl = dto.public_base_url ? dto.public_base_url.trim().replace(/\/+$/, '') : null;
      const fields = [tenantId, dto.twilio_account_sid, dto.twilio_phone_number, publicBaseUrl];
      if (dto.twilio_auth_token) {
        // One statement so two first-time saves cannot race into a duplicate key.
        await uow.manager.query(
          `INSERT INTO telephony_settings (tenant_id, account_sid, phone_number, public_base_url, auth_token_encrypted, updated_at)
           VALUES ($1, $2, $3, $4, $5, now())
           ON CONFLICT (tenant_id) DO UPDATE SET
             account_sid = EXCLUDED.account_sid, phone_number = EXCLUDED.phone_number,
             public_base_url = EXCLUDED.public_base_url, auth_token_encrypted = EXCLUDED.auth_token_encrypted, updated_at = now()`,
          [...fields, this.cipher.seal(dto.twilio_auth_token, tenantId)],
        );
      } else {
        const [, updated] = (await uow.manager.query(
          `UPDATE telephony_settings SET account_sid = $2, phone_number = $3, public_base_url = $4, updated_at = now() WHERE tenant_id = $1`,
          fields,
        )) as [unknown, number];
        if (updated === 0) {
          const message = 'twilio_auth_token is required the first time telephony is configured';
          throw new ValidationException(message, { fields: { twilio_auth_token: [message] } });
        }
      }
      const settings = await repo.get({});
      return toTelephonySettingsView(settings, this.maskedToken(settings));
    });
  }

  /** Forgets the tenant's account, token included: telephony is "not configured" again. */
  async delete(ctx: RequestContext): Promise<MessageDto> {
    const deleted = await this.db.repo(ctx, TelephonySettingsEntity).delete({});
    if (deleted === 0) throw new NotFoundException('Twilio settings');
    return { message: 'telephony settings deleted' };
  }

  /** The tenant's account with its token opened; null when the tenant never configured one. */
  async account(tenantId: string): Promise<TwilioAccount | null> {
    // Webhook URLs carry the tenant as text anyone can write: not a uuid, not a tenant.
    if (!isUUID(tenantId)) return null;
    const settings = await this.db.globalManager().findOne(TelephonySettingsEntity, { where: { tenantId } });
    if (!settings) return null;
    let authToken: string;
    try {
      authToken = this.cipher.open(settings.authTokenEncrypted, tenantId);
    } catch {
      throw new SealedTokenUnreadableError(`the stored Twilio auth token of tenant ${tenantId} cannot be opened with TELEPHONY_ENCRYPTION_KEY`);
    }
    return {
      tenantId,
      accountSid: settings.accountSid,
      authToken,
      phoneNumber: settings.phoneNumber,
      publicBaseUrl: (settings.publicBaseUrl ?? this.config.PUBLIC_BASE_URL).replace(/\/+$/, ''),
    };
  }

  /** The account to call Twilio with; a tenant without a usable one gets a 422 saying what to do. */
  async requireAccount(tenantId: string): Promise<TwilioAccount> {
    let account: TwilioAccount | null;
    try {
      account = await this.account(tenantId);
    } catch (error) {
      if (!(error instanceof SealedTokenUnreadableError)) throw error;
      this.logger.error({ tenant_id: tenantId }, error.message);
      const message = 'the stored Twilio auth token cannot be read (the encryption key changed): save it again with PUT /config/telephony';
      throw new ValidationException(message, { fields: { twilio_auth_token: [message] } });
    }
    if (!account) {
      const message = 'telephony is not configured: save a Twilio account with PUT /config/telephony first';
      throw new ValidationException(message, { fields: { twilio_account_sid: [message] } });
    }
    return account;
  }

  private maskedToken(settings: TelephonySettingsEntity): string {
    try {
      return maskSecret(this.cipher.open(settings.authTokenEncrypted, settings.tenantId));
    } catch {
      this.logger.error({ tenant_id: settings.tenantId }, 'stored Twilio auth token cannot be opened with TELEPHONY_ENCRYPTION_KEY');
      return maskSecret('');
    }
  }
}
