import { Injectable, Logger } from '@nestjs/common';
import { ServiceUnavailableException, ValidationException } from '@parley/platform';
import type { TwilioAccount } from '../settings/twilio-account';
import { twilioFailure } from '../call-control/twilio-failure';
import { TwilioClientFactory } from '../twilio/twilio-client.factory';
import { twilioWebhookUrl } from '../twilio/twilio-webhook-urls';

export interface ConfiguredNumber {
  sid: string;
  voiceUrl: string;
  statusCallbackUrl: string;
}

/**
 * Points one of the tenant's Twilio numbers at Parley: its Voice URL at our voice webhook (inbound
 * calls get TwiML from us) and its status callback at our status webhook, both carrying the tenant
 * so their signatures can be checked. A number not on the account is a 422 naming it.
 */
@Injectable()
export class TwilioNumberWebhooks {
  private readonly logger = new Logger(TwilioNumberWebhooks.name);

  constructor(private readonly twilio: TwilioClientFactory) {}

  async pointAtParley(account: TwilioAccount, phoneNumber: string): Promise<ConfiguredNumber> {
    const client = this.twilio.forAccount(account);
    const voiceUrl = twilioWebhookUrl(account.publicBaseUrl, 'voice', account.tenantId);
    const statusCallbackUrl = twilioWebhookUrl(account.publicBaseUrl, 'status', account.tenantId);
    try {
      const [number] = await client.incomingPhoneNumbers.list({ phoneNumber, limit: 1 });
      if (!number) {
        const message = `${phoneNumber} is not a number of the Twilio account ${account.accountSid}: buy or port it on Twilio first`;
        throw new ValidationException(message, { fields: { phone_number: [message] } });
      }
      await client.incomingPhoneNumbers(number.sid).update({
        voiceUrl, voiceMethod: 'POST', statusCallback: statusCallbackUrl, statusCallbackMethod: 'POST',
      });
      return { sid: number.sid, voiceUrl, statusCallbackUrl };
    } catch (error) {
      if (error instanceof ValidationException) throw error;
      const failure = twilioFailure(error);
      this.logger.warn({ tenant_id: account.tenantId, phone_number: phoneNumber, ...failure }, 'Twilio did not configure the number');
      if (failure.twilio_status === 401) {
        const message = `Twilio refused the saved credentials: ${failure.message}`;
        throw new ValidationException(message, { fields: { twilio_auth_token: [message] }, provider: 'twilio', ...failure });
      }
      throw new ServiceUnavailableException(`Twilio did not configure ${phoneNumber}: ${failure.message}`, { provider: 'twilio', ...failure });
    }
  }
}
