import { Inject, Injectable } from '@nestjs/common';
import twilio from 'twilio';
import type { TwilioAccount } from '../settings/twilio-account';
import { TELEPHONY_CONFIG, type TelephonyConfig } from '../telephony.config';
import { RedirectingRequestClient } from './redirecting-request-client';

export type TwilioRestClient = ReturnType<typeof twilio>;

/**
 * Twilio REST clients, one per tenant account and request (cheap: the SDK loads its resources
 * lazily). They share one HTTP client, so one keep-alive pool serves every tenant.
 */
@Injectable()
export class TwilioClientFactory {
  private readonly httpClient: RedirectingRequestClient;

  constructor(@Inject(TELEPHONY_CONFIG) config: TelephonyConfig) {
    this.httpClient = new RedirectingRequestClient(config.TWILIO_API_BASE_URL, {
      timeout: config.TWILIO_REQUEST_TIMEOUT_MS,
      keepAlive: true,
    });
  }

  forAccount(account: Pick<TwilioAccount, 'accountSid' | 'authToken'>): TwilioRestClient {
    return twilio(account.accountSid, account.authToken, { httpClient: this.httpClient });
  }
}
