import type { ChannelSettingsView } from '@parley/contracts';
import type { ChannelSettingsEntity } from './channel-settings.entity';

/** Set when a number is saved while the tenant has no Twilio account to configure it on. */
export const NUMBER_AWAITS_TWILIO = 'saved; its webhooks are set on Twilio once telephony is configured (PUT /config/telephony, then save the channels again)';

export function toChannelSettingsView(settings: ChannelSettingsEntity | null): ChannelSettingsView {
  const configured = !!settings?.phoneConfiguredAt;
  return {
    phone: {
      number: settings?.phoneNumber ?? null,
      twilio_webhooks_configured: configured,
      twilio_phone_number_sid: settings?.phoneNumberSid ?? null,
      voice_url: settings?.voiceUrl ?? null,
      status_callback_url: settings?.statusCallbackUrl ?? null,
      configured_at: settings?.phoneConfiguredAt ? settings.phoneConfiguredAt.toISOString() : null,
      note: settings?.phoneNumber && !configured ? NUMBER_AWAITS_TWILIO : null,
    },
    chat_widget: {
      enabled: settings?.chatWidgetEnabled ?? false,
      greeting: settings?.chatWidgetGreeting ?? null,
      color: settings?.chatWidgetColor ?? null,
    },
    whatsapp: { enabled: settings?.whatsappEnabled ?? false, number: settings?.whatsappNumber ?? null },
    email: { enabled: settings?.emailEnabled ?? false, address: settings?.emailAddress ?? null },
    updated_at: settings ? settings.updatedAt.toISOString() : null,
  };
}
