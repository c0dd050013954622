import { Module } from '@nestjs/common';
import { TelephonySettingsModule } from '../settings/telephony-settings.module';
import { TwilioModule } from '../twilio/twilio.module';
import { ConnectionTestHandler } from './connection-test.handler';
import { TwilioConnectionCheck } from './twilio-connection-check';

@Module({
  imports: [TelephonySettingsModule, TwilioModule],
  controllers: [ConnectionTestHandler],
  providers: [TwilioConnectionCheck],
})
export class ConnectionTestModule {}
