import { Module } from '@nestjs/common';
import { TelephonySettingsModule } from '../settings/telephony-settings.module';
import { TwilioClientModule } from '../twilio/twilio-client.module';
import { ConnectionTestHandler } from './connection-test.handler';
import { TwilioConnectionCheck } from './twilio-connection-check';

@Module({
  imports: [TelephonySettingsModule, TwilioClientModule],
  controllers: [ConnectionTestHandler],
  providers: [TwilioConnectionCheck],
})
export class ConnectionTestModule {}
