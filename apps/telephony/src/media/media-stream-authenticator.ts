import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import twilio from 'twilio';
import type { RequestContext } from '@parley/contracts';
import { TenantDb } from '@parley/platform';
import { CallEntity } from '../call/call.entity';
import { SealedTokenUnreadableError, TelephonySettingsService } from '../settings/telephony-settings.service';
import type { MediaStreamIdentity } from './media-stream-session';
import { mediaStreamUrl, type MediaStreamTarget } from './media-stream-url';

/** Twilio's context in a tenant: nobody is the actor. */
export function twilioContext(tenantId: string): RequestContext {
  return { request_id: randomUUID(), tenant_id: tenantId, user_id: null, roles: [], perms: [] };
}

/**
 * Checks a Media Streams upgrade request before any frame flows: X-Twilio-Signature is the
 * tenant's auth token over the wss URL we gave Twilio (no parameters), and the call is the tenant's.
 * Whatever fails is the same refusal, so it says nothing about tenants or calls.
 */
@Injectable()
export class MediaStreamAuthenticator {
  private readonly logger = new Logger(MediaStreamAuthenticator.name);

  constructor(
    private readonly settings: TelephonySettingsService,
    private readonly db: TenantDb,
  ) {}

  async verify(target: MediaStreamTarget, signature: string | undefined): Promise<MediaStreamIdentity | null> {
    if (!signature) return null;
    let account;
    try {
      account = await this.settings.account(target.tenantId);
    } catch (error) {
      if (!(error instanceof SealedTokenUnreadableError)) throw error;
      this.logger.error({ tenant_id: target.tenantId }, error.message);
      return null;
    }
    if (!account) return null;
    const url = mediaStreamUrl(account.publicBaseUrl, target);
    if (!twilio.validateRequest(account.authToken, signature, url, {})) {
      this.logger.warn({ tenant_id: target.tenantId, url }, 'Media Stream refused: signature does not match');
      return null;
    }
    const call = await this.db.repo(twilioContext(target.tenantId), CallEntity).findOne({ id: target.callId });
    if (!call) return null;
    return { tenantId: target.tenantId, callId: call.id, accountSid: account.accountSid, expectedCallSid: call.providerCallId };
  }
}
