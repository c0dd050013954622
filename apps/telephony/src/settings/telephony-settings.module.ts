import { Module } from '@nestjs/common';
import { authTokenCipherProvider } from './auth-token-cipher.provider';
import { TelephonySettingsHandler } from './telephony-settings.handler';
import { TelephonySettingsService } from './telephony-settings.service';

@Module({
  controllers: [TelephonySettingsHandler],
  providers: [authTokenCipherProvider, TelephonySettingsService],
  exports: [TelephonySettingsService],
})
export class TelephonySettingsModule {}
