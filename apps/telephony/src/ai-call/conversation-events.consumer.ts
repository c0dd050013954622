import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '@parley/contracts';
import { eventContext, OnEvent, UnitOfWork } from '@parley/platform';
import { CallLifecycle } from '../call/call-lifecycle';
import type { CallEntity } from '../call/call.entity';
import { withConversationLine } from './conversation-transcript';

/** Sentiment is stored within −1…1 (a CHECK constraint); a score outside it is clamped, not refused. */
const clampSentiment = (score: number) => Math.max(-1, Math.min(1, score));

/**
 * voice-ai's conversation events about a phone call, kept on the call record: each spoken line
 * (interaction.added) on the transcript, in turn order and once however often it is delivered; the
 * scored summary (qa.score.updated) as the call's summary, sentiment and `analysis.voice_ai`.
 * Another tenant's call id is simply unknown here.
 */
@Injectable()
export class ConversationEventsConsumer {
  constructor(private readonly lifecycle: CallLifecycle) {}

  @OnEvent('interaction.added')
  async onInteraction(event: DomainEvent<'interaction.added'>, manager: EntityManager): Promise<void> {
    const line = event.data;
    const uow = new UnitOfWork(manager, eventContext(event));
    const call = await this.callOf(uow, line.call_id);
    if (!call) return;
    const transcript = withConversationLine(call.transcript, {
      voice_call_id: line.voice_call_id, turn: line.turn, speaker: line.speaker, text: line.text, at: line.at,
    });
    if (transcript) await this.lifecycle.update(uow, call, { transcript }, ['transcript']);
  }

  @OnEvent('qa.score.updated')
  async onScored(event: DomainEvent<'qa.score.updated'>, manager: EntityManager): Promise<void> {
    const scored = event.data;
    const uow = new UnitOfWork(manager, eventContext(event));
    const call = await this.callOf(uow, scored.call_id);
    if (!call) return;
    const patch: Partial<CallEntity> = {
      summary: scored.summary.text,
      sentiment: clampSentiment(scored.sentiment),
      analysis: {
        ...call.analysis,
        voice_ai: {
          voice_call_id: scored.voice_call_id, ai_agent_id: scored.ai_agent_id, qa: scored.qa, summary: scored.summary, sentiment: scored.sentiment,
        },
      },
    };
    const changes = ['summary', 'sentiment', 'analysis'];
    // A voicemail (or an outcome a person set) stays; otherwise the conversation's outcome is the call's.
    if (call.outcome === null && scored.summary.outcome) {
      patch.outcome = scored.summary.outcome;
      changes.push('outcome');
    }
    await this.lifecycle.update(uow, call, patch, changes);
  }

  private async callOf(uow: UnitOfWork, callId: string | null): Promise<CallEntity | null> {
    if (!callId || !isUUID(callId)) return null;
    return this.lifecycle.lockById(uow, callId);
  }
}
