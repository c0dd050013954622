import { Injectable } from '@nestjs/common';
import type { TwilioConnectionResult } from '@parley/contracts';
import { twilioFailure } from '../call-control/twilio-failure';
import { SealedTokenUnreadableError, TelephonySettingsService } from '../settings/telephony-settings.service';
import type { TwilioAccount } from '../settings/twilio-account';
import { TwilioClientFactory } from '../twilio/twilio-client.factory';

/**
 * Checks the tenant's saved Twilio account for real: the account is fetched with the saved sid and
 * token (Twilio answers 401 to bad credentials), and the saved number is looked up among the
 * account's IncomingPhoneNumbers. Every failure is reported in the result, never thrown: this is
 * what a settings page shows next to "Test connection".
 */
@Injectable()
export class TwilioConnectionCheck {
  constructor(
    private readonly settings: TelephonySettingsService,
    private readonly twilio: TwilioClientFactory,
  ) {}

  async check(tenantId: string): Promise<TwilioConnectionResult> {
    let account: TwilioAccount | null;
    try {
      account = await this.settings.account(tenantId);
    } catch (error) {
      if (!(error instanceof SealedTokenUnreadableError)) throw error;
      return notChecked(true, 'the stored Twilio auth token cannot be read (the encryption key changed): save it again with PUT /config/telephony');
    }
    if (!account) return notChecked(false, 'telephony is not configured: save a Twilio account with PUT /config/telephony first');

    const client = this.twilio.forAccount(account);
    const result: TwilioConnectionResult = {
      ok: false, configured: true, account_sid: account.accountSid, account_name: null, account_status: null,
      phone_number: account.phoneNumber, phone_number_found: false, error: null,
    };
    try {
      const fetched = await client.api.v2010.accounts(account.accountSid).fetch();
      result.account_name = fetched.friendlyName;
      result.account_status = fetched.status;
      const numbers = await client.incomingPhoneNumbers.list({ phoneNumber: account.phoneNumber, limit: 1 });
      result.phone_number_found = numbers.some((n) => n.phoneNumber === account.phoneNumber);
    } catch (error) {
      const failure = twilioFailure(error);
      result.error = { code: failure.twilio_code, message: failure.message };
      return result;
    }
    if (result.account_status !== 'active') {
      result.error = { code: null, message: `the Twilio account is ${result.account_status}` };
    } else if (!result.phone_number_found) {
      result.error = { code: null, message: `${account.phoneNumber} is not a number of this Twilio account` };
    }
    result.ok = result.error === null;
    return result;
  }
}

function notChecked(configured: boolean, message: string): TwilioConnectionResult {
  return {
    ok: false, configured, account_sid: null, account_name: null, account_status: null, phone_number: null,
    phone_number_found: false, error: { code: null, message },
  };
}
