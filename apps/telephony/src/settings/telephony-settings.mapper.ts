import type { TelephonySettingsView } from '@parley/contracts';
import type { TelephonySettingsEntity } from './telephony-settings.entity';

/** The settings as a tenant sees them: the token only as a mask (or null when none is stored). */
export function toTelephonySettingsView(settings: TelephonySettingsEntity | null, maskedToken: string | null): TelephonySettingsView {
  if (!settings) {
    return { twilio_account_sid: null, twilio_auth_token: null, twilio_phone_number: null, public_base_url: null, configured: false, updated_at: null };
  }
  return {
    twilio_account_sid: settings.accountSid,
    twilio_auth_token: maskedToken,
    twilio_phone_number: settings.phoneNumber,
    public_base_url: settings.publicBaseUrl,
    configured: true,
    updated_at: settings.updatedAt.toISOString(),
  };
}
