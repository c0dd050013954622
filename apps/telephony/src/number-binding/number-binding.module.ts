import { Module } from '@nestjs/common';
import { ChannelSettingsModule } from '../channels/channel-settings.module';
import { TelephonySettingsModule } from '../settings/telephony-settings.module';
import { NumberBindingHandler } from './number-binding.handler';
import { NumberBindingService } from './number-binding.service';

/** AI agents bound to the tenant's numbers; the voice webhook (twilio/) asks who answers a number. */
@Module({
  imports: [TelephonySettingsModule, ChannelSettingsModule],
  controllers: [NumberBindingHandler],
  providers: [NumberBindingService],
  exports: [NumberBindingService],
})
export class NumberBindingModule {}
