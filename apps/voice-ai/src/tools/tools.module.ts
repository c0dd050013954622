import { Module } from '@nestjs/common';
import { ConversationToolsFactory } from './conversation-tools.factory';
import { LeadLookup } from './lead-lookup';

/** What conversations do in other services: knowledge, leads, compliance, telephony. */
@Module({ providers: [ConversationToolsFactory, LeadLookup], exports: [ConversationToolsFactory, LeadLookup] })
export class ToolsModule {}
