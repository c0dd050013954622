import { Module } from '@nestjs/common';
import { TelephonySettingsModule } from '../settings/telephony-settings.module';
import { TwilioModule } from '../twilio/twilio.module';
import { ChannelSettingsHandler } from './channel-settings.handler';
import { ChannelSettingsService } from './channel-settings.service';
import { TwilioNumberWebhooks } from './twilio-number-webhooks';

@Module({
  imports: [TelephonySettingsModule, TwilioModule],
  controllers: [ChannelSettingsHandler],
  providers: [ChannelSettingsService, TwilioNumberWebhooks],
})
export class ChannelSettingsModule {}
