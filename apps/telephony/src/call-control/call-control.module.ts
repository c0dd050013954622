import { Module } from '@nestjs/common';
import { CallModule } from '../call/call.module';
import { TelephonySettingsModule } from '../settings/telephony-settings.module';
import { TwilioClientModule } from '../twilio/twilio-client.module';
import { CallControlHandler } from './call-control.handler';
import { CallHangup } from './call-hangup';
import { CallingPermission } from './calling-permission';
import { DialRateLimit } from './dial-rate-limit';
import { OutboundDialer } from './outbound-dialer';

@Module({
  imports: [CallModule, TelephonySettingsModule, TwilioClientModule],
  controllers: [CallControlHandler],
  providers: [OutboundDialer, CallHangup, CallingPermission, DialRateLimit],
})
export class CallControlModule {}
