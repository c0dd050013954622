import { Module } from '@nestjs/common';
import { CallModule } from '../call/call.module';
import { EscalationModule } from '../escalation/escalation.module';
import { TwilioClientModule } from '../twilio/twilio-client.module';
import { AiCallResponder } from './ai-call-responder';
import { ConversationEventsConsumer } from './conversation-events.consumer';

/** Phone calls an AI agent holds: voice-ai's turns as TwiML (the webhooks in twilio/ ask), its conversation events on the call. */
@Module({
  imports: [CallModule, EscalationModule, TwilioClientModule],
  providers: [AiCallResponder, ConversationEventsConsumer],
  exports: [AiCallResponder],
})
export class AiCallModule {}
