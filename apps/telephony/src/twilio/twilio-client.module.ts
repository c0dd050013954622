import { Module } from '@nestjs/common';
import { TwilioClientFactory } from './twilio-client.factory';

/** Twilio REST clients on their own, so escalation and AI calls use them without the webhook module (no import cycle). */
@Module({
  providers: [TwilioClientFactory],
  exports: [TwilioClientFactory],
})
export class TwilioClientModule {}
