import { Module } from '@nestjs/common';
import { CallModule } from '../call/call.module';
import { TelephonySettingsModule } from '../settings/telephony-settings.module';
import { TwilioModule } from '../twilio/twilio.module';
import { CallEscalator } from './call-escalator';
import { EscalationWebhookModule } from './escalation-webhook.module';
import { EscalationHandler } from './escalation.handler';
import { HumanAgentSelector } from './human-agent-selector';

@Module({
  imports: [CallModule, TelephonySettingsModule, TwilioModule, EscalationWebhookModule],
  controllers: [EscalationHandler],
  providers: [CallEscalator, HumanAgentSelector],
})
export class EscalationModule {}
