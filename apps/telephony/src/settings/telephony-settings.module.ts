import { Module } from '@nestjs/common';
import { SecretCipher, secretCipherOf } from '@parley/platform';
import { TELEPHONY_CONFIG, type TelephonyConfig } from '../telephony.config';
import { TelephonySettingsHandler } from './telephony-settings.handler';
import { TelephonySettingsService } from './telephony-settings.service';

@Module({
  controllers: [TelephonySettingsHandler],
  providers: [
    {
      provide: SecretCipher,
      inject: [TELEPHONY_CONFIG],
      useFactory: (config: TelephonyConfig) => secretCipherOf(config.TELEPHONY_ENCRYPTION_KEY, 'telephony', 'TELEPHONY_ENCRYPTION_KEY'),
    },
    TelephonySettingsService,
  ],
  exports: [TelephonySettingsService],
})
export class TelephonySettingsModule {}
