import { Module } from '@nestjs/common';
import { TelephonySettingsModule } from '../settings/telephony-settings.module';
import { TwilioClientModule } from '../twilio/twilio-client.module';
import { ChannelSettingsHandler } from './channel-settings.handler';
import { ChannelSettingsService } from './channel-settings.service';
import { TwilioNumberWebhooks } from './twilio-number-webhooks';

@Module({
  imports: [TelephonySettingsModule, TwilioClientModule],
  controllers: [ChannelSettingsHandler],
  providers: [ChannelSettingsService, TwilioNumberWebhooks],
  exports: [TwilioNumberWebhooks],
})
export class ChannelSettingsModule {}
