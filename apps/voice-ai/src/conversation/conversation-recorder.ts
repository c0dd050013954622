import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  backgroundContext,
  type ConversationTurnDto, type EndVoiceCallResult, type RequestContext, type TurnAnalysisDto, type TurnLatencyDto,
} from '@parley/contracts';
import { ConflictException, TenantDb } from '@parley/platform';
import type { ConversationMemory } from '../engine/conversation-memory';
import { conversationRef, emitInteraction } from './conversation-events';
import { ConversationRunner } from './conversation-runner';
import { ConversationTurnEntity } from './conversation-turn.entity';
import { runningSentiment, sentimentMoved } from './sentiment-tracker';
import { toEndResult, toTurnDto } from './voice-call.mapper';
import { VoiceCallEntity } from './voice-call.entity';

/** One line heard or spoken outside the engine's turns (the Realtime media bridge's transcripts). */
export interface RecordTurnInput {
  tenantId: string;
  voiceCallId: string;
  speaker: 'caller' | 'ai';
  text: string;
  /** When it was said; now when absent. */
  at?: Date;
  /** What was understood of a caller line, when the bridge knows (feeds the running sentiment). */
  analysis?: TurnAnalysisDto | null;
  latency?: TurnLatencyDto | null;
}

/**
 * Writes a conversation's turns as they happen elsewhere (the Realtime media bridge) and ends it.
 *
 * `recordTurn(input)`: stores the line and emits `interaction.added` (and `sentiment.changed` when a
 * caller line's analysis moves the running sentiment). Numbering follows the REST turns: a caller
 * line opens turn n+1; an AI line answers the open caller turn, or opens the next one (the first
 * AI line is turn 0, the greeting). Call it in spoken order; empty text is ignored (answers null);
 * an ended conversation is a 409.
 *
 * `endConversation(tenantId, voiceCallId, reason, memory?)`: the wrap-up (summary, QA, `qa.score.updated`)
 * from `memory` when given (the bridge's, which followed the conversation), else the stored one;
 * idempotent like `POST /voice/calls/:id/end`.
 */
@Injectable()
export class ConversationRecorder {
  constructor(
    private readonly db: TenantDb,
    private readonly runner: ConversationRunner,
  ) {}

  recordTurn(input: RecordTurnInput): Promise<ConversationTurnDto | null> {
    const text = input.text.trim();
    if (!text) return Promise.resolve(null);
    const ctx = systemContext(input.tenantId);
    return this.runner.serialize(input.voiceCallId, () => this.db.transaction(ctx, async (uow) => {
      const calls = uow.repo(VoiceCallEntity);
      // Locks the conversation against another replica's turn.
      await uow.manager.query('SELECT 1 FROM voice_calls WHERE id = $1 AND tenant_id = $2 FOR UPDATE', [input.voiceCallId, calls.tenantId]);
      const call = await calls.get({ id: input.voiceCallId });
      if (call.status === 'ended') throw new ConflictException('the conversation has ended', { voice_call_id: call.id });
      const turns = uow.repo(ConversationTurnEntity);
      const last = (await turns.find({ where: { voiceCallId: call.id }, order: { turn: 'DESC' }, take: 2 }));
      const top = last[0]?.turn;
      const openCallerTurn = top !== undefined && last.filter((t) => t.turn === top).every((t) => t.speaker === 'caller');
      const number = top === undefined ? (input.speaker === 'ai' ? 0 : 1) : input.speaker === 'ai' && openCallerTurn ? top : top + 1;

      const memory = structuredClone(call.memory);
      const previousSentiment = call.sentiment;
      let sentiment = previousSentiment;
      if (input.speaker === 'caller') {
        memory.callerTurns += 1;
        if (input.analysis) {
          memory.sentiments.push(input.analysis.sentiment.score);
          memory.intents.push(input.analysis.intent);
          sentiment = runningSentiment(memory.sentiments);
        }
      }
      const turn = await turns.insert({
        voiceCallId: call.id,
        turn: number,
        speaker: input.speaker,
        text,
        state: memory.state,
        intent: input.analysis?.intent ?? null,
        analysis: input.analysis ?? null,
        latency: input.latency ?? null,
        at: input.at ?? new Date(),
      });
      await calls.update({ id: call.id }, {
        turns: Math.max(call.turns, number), memory, sentiment, status: 'active', startedAt: call.startedAt ?? turn.at,
      });
      await emitInteraction(uow, call, turn);
      if (sentiment && sentimentMoved(previousSentiment, sentiment)) {
        await uow.emit('sentiment.changed', { ...conversationRef(call), sentiment, previous: previousSentiment, turn: number });
      }
      return toTurnDto(turn);
    }));
  }

  endConversation(tenantId: string, voiceCallId: string, reason: string, memory?: ConversationMemory): Promise<EndVoiceCallResult> {
    const ctx = systemContext(tenantId);
    return this.runner.serialize(voiceCallId, async () => {
      const conv = await this.runner.load(voiceCallId, ctx);
      if (conv.call.status === 'ended') return toEndResult(conv.call);
      // The bridge's memory knows the states, objections and signals the Realtime model went through.
      if (memory) conv.call.memory = memory;
      return this.runner.finish(conv, reason, ctx);
    });
  }
}

/** Work voice-ai does on its own for a tenant (no user asked). */
export function systemContext(tenantId: string): RequestContext {
  return backgroundContext(randomUUID(), tenantId);
}
