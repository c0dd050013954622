import { Injectable, Logger } from '@nestjs/common';
import twilio from 'twilio';
import type { TwilioWebhookRequest } from '@parley/contracts';
import { ForbiddenException } from '@parley/platform';
import { SealedTokenUnreadableError, TelephonySettingsService } from '../settings/telephony-settings.service';
import type { TwilioAccount } from '../settings/twilio-account';
import { webhookPathMatches } from './twilio-webhook-urls';

/**
 * Checks X-Twilio-Signature with the SDK's validator: the tenant's auth token over the public URL
 * Twilio requested (the tenant's public base URL, or the service's, + the path and query exactly
 * as received) and every form parameter untrimmed; the path must name the same kind and tenant
 * as the request. Whatever fails (no signature, a wrong one, an
 * unknown tenant, no Twilio account) is the same 403, so the answer says nothing about tenants.
 */
@Injectable()
export class TwilioWebhookVerifier {
  private readonly logger = new Logger(TwilioWebhookVerifier.name);

  constructor(private readonly settings: TelephonySettingsService) {}

  async verifiedAccount(request: TwilioWebhookRequest): Promise<TwilioAccount> {
    const refused = new ForbiddenException('the Twilio signature of this webhook is missing or invalid');
    if (!request.signature || !isFormParams(request.params)) throw refused;
    if (!webhookPathMatches(request.path, request.kind, request.tenant_id)) throw refused;
    let account: TwilioAccount | null;
    try {
      account = await this.settings.account(request.tenant_id);
    } catch (error) {
      if (!(error instanceof SealedTokenUnreadableError)) throw error;
      this.logger.error({ tenant_id: request.tenant_id }, error.message);
      throw refused;
    }
    if (!account) throw refused;
    const url = `${account.publicBaseUrl}${request.path}`;
    if (!twilio.validateRequest(account.authToken, request.signature, url, request.params)) {
      this.logger.warn({ tenant_id: account.tenantId, kind: request.kind, url }, 'Twilio webhook refused: signature does not match');
      throw refused;
    }
    return account;
  }
}

/** Form fields: each a string, or a list of strings for a repeated key (signed as Twilio does). */
function isFormParams(params: unknown): params is Record<string, string | string[]> {
  return typeof params === 'object' && params !== null && !Array.isArray(params)
    && Object.values(params).every((value) => typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string')));
}

/** The fields as handlers read them once verified: a repeated key keeps its last value. */
export function flatParams(params: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value.at(-1) ?? '' : value]));
}
