import { Module } from '@nestjs/common';
import { CallModule } from '../call/call.module';
import { TelephonySettingsModule } from '../settings/telephony-settings.module';
import { TwilioClientModule } from '../twilio/twilio-client.module';
import { CallEscalator } from './call-escalator';
import { EscalationWebhookModule } from './escalation-webhook.module';
import { EscalationHandler } from './escalation.handler';
import { HumanAgentSelector } from './human-agent-selector';

@Module({
  imports: [CallModule, TelephonySettingsModule, TwilioClientModule, EscalationWebhookModule],
  controllers: [EscalationHandler],
  providers: [CallEscalator, HumanAgentSelector],
  exports: [CallEscalator],
})
export class EscalationModule {}
