import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@parley/platform';
import { AiCallModule } from './ai-call/ai-call.module';
import { CallControlModule } from './call-control/call-control.module';
import { CallModule } from './call/call.module';
import { ChannelSettingsModule } from './channels/channel-settings.module';
import { ConnectionTestModule } from './connection-test/connection-test.module';
import { telephonyDatabase } from './database/telephony.database';
import { MediaStreamsModule } from './media/media-streams.module';
import { EscalationModule } from './escalation/escalation.module';
import { NoteModule } from './note/note.module';
import { NumberBindingModule } from './number-binding/number-binding.module';
import { TelephonySettingsModule } from './settings/telephony-settings.module';
import { TELEPHONY_CONFIG, type TelephonyConfig } from './telephony.config';
import { TwilioModule } from './twilio/twilio.module';

/** The telephony service; a dynamic module so tests boot it with their own config. */
@Module({})
export class TelephonyAppModule {
  static forRoot(config: TelephonyConfig): DynamicModule {
    return {
      module: TelephonyAppModule,
      global: true,
      imports: [
        PlatformModule.forService({ service: 'telephony', config, database: telephonyDatabase }),
        TelephonySettingsModule,
        CallModule,
        NoteModule,
        TwilioModule,
        CallControlModule,
        MediaStreamsModule.forRoot(config),
        EscalationModule,
        ChannelSettingsModule,
        ConnectionTestModule,
        NumberBindingModule,
        AiCallModule,
      ],
      providers: [{ provide: TELEPHONY_CONFIG, useValue: config }],
      exports: [TELEPHONY_CONFIG],
    };
  }
}
