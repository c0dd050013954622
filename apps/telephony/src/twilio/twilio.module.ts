import { Module } from '@nestjs/common';
import { AiCallModule } from '../ai-call/ai-call.module';
import { CallModule } from '../call/call.module';
import { EscalationWebhookModule } from '../escalation/escalation-webhook.module';
import { NumberBindingModule } from '../number-binding/number-binding.module';
import { TelephonySettingsModule } from '../settings/telephony-settings.module';
import { CallReportRecorder } from './call-report-recorder';
import { StatusCallbackApplier } from './status-callback-applier';
import { TwilioClientModule } from './twilio-client.module';
import { TwilioWebhookHandler } from './twilio-webhook.handler';
import { TwilioWebhookService } from './twilio-webhook.service';
import { TwilioWebhookVerifier } from './twilio-webhook-verifier';
import { VoiceWebhookResponder } from './voice-webhook-responder';
import { WebhookReceipts } from './webhook-receipts';

@Module({
  imports: [CallModule, TelephonySettingsModule, EscalationWebhookModule, TwilioClientModule, NumberBindingModule, AiCallModule],
  controllers: [TwilioWebhookHandler],
  providers: [
    TwilioWebhookVerifier, WebhookReceipts, TwilioWebhookService, StatusCallbackApplier, VoiceWebhookResponder, CallReportRecorder,
  ],
  exports: [TwilioClientModule],
})
export class TwilioModule {}
