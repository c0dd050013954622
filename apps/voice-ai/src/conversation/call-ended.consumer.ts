import { Injectable, Logger } from '@nestjs/common';
import type { DomainEvent } from '@parley/contracts';
import { eventContext, NotFoundException, OnEvent } from '@parley/platform';
import { ConversationRunner, type LoadedConversation } from './conversation-runner';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Telephony's `call.ended` for a call an AI agent was holding: the caller hung up (or the call was
 * transferred away), so the conversation is wrapped up and scored now rather than left open.
 */
@Injectable()
export class CallEndedConsumer {
  private readonly logger = new Logger(CallEndedConsumer.name);

  constructor(private readonly runner: ConversationRunner) {}

  @OnEvent('call.ended')
  async onCallEnded(event: DomainEvent<'call.ended'>): Promise<void> {
    const call = event.data;
    if (!call.ai_agent_id || !UUID.test(call.call_id)) return;
    const ctx = eventContext(event);
    let conv: LoadedConversation | null;
    try {
      conv = await this.runner.loadByCallId(call.call_id, ctx);
    } catch (error) {
      // The agent was deleted meanwhile: there is nothing left to wrap the conversation up with.
      if (error instanceof NotFoundException) return;
      throw error;
    }
    if (!conv || conv.call.status === 'ended') return;
    const voiceCallId = conv.call.id;
    await this.runner.serialize(voiceCallId, async () => {
      const fresh = await this.runner.load(voiceCallId, ctx);
      if (fresh.call.status === 'ended') return;
      await this.runner.finish(fresh, 'hung_up', ctx);
      this.logger.debug({ voice_call_id: fresh.call.id, call_id: call.call_id }, 'conversation ended with its phone call');
    });
  }
}
