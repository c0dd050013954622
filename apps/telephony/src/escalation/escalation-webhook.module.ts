import { Module } from '@nestjs/common';
import { CallModule } from '../call/call.module';
import { CallEscalations } from './call-escalations';
import { EscalationWebhookResponder } from './escalation-webhook.responder';

/** The escalation side of Twilio's webhooks (dial, queue, wait): TwilioModule dispatches to it. */
@Module({
  imports: [CallModule],
  providers: [CallEscalations, EscalationWebhookResponder],
  exports: [CallEscalations, EscalationWebhookResponder],
})
export class EscalationWebhookModule {}
