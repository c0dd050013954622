import { Module } from '@nestjs/common';
import { ConversationModule } from '../conversation/conversation.module';
import { PhoneConversationHandler } from './phone-conversation.handler';
import { PhoneConversationService } from './phone-conversation.service';

/** Phone calls held by AI agents over Twilio Gather (telephony asks at each webhook). */
@Module({ imports: [ConversationModule], controllers: [PhoneConversationHandler], providers: [PhoneConversationService] })
export class PhoneConversationModule {}
