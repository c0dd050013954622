import { Module } from '@nestjs/common';
import { CallModule } from '../call/call.module';
import { EscalationWebhookModule } from '../escalation/escalation-webhook.module';
import { TelephonySettingsModule } from '../settings/telephony-settings.module';
import { CallReportRecorder } from './call-report-recorder';
import { StatusCallbackApplier } from './status-callback-applier';
import { TwilioClientFactory } from './twilio-client.factory';
import { TwilioWebhookHandler } from './twilio-webhook.handler';
import { TwilioWebhookService } from './twilio-webhook.service';
import { TwilioWebhookVerifier } from './twilio-webhook-verifier';
import { VoiceWebhookResponder } from './voice-webhook-responder';
import { WebhookReceipts } from './webhook-receipts';

@Module({
  imports: [CallModule, TelephonySettingsModule, EscalationWebhookModule],
  controllers: [TwilioWebhookHandler],
  providers: [
    TwilioClientFactory, TwilioWebhookVerifier, WebhookReceipts, TwilioWebhookService, StatusCallbackApplier,
    VoiceWebhookResponder, CallReportRecorder,
  ],
  exports: [TwilioClientFactory],
})
export class TwilioModule {}
