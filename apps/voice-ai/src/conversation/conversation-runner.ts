import { Inject, Injectable, Logger } from '@nestjs/common';
import { APIError } from 'openai';
import { Not } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type {
  ConversationState, EndVoiceCallResult, RequestContext, TurnAnalysisDto, TurnLatencyDto, VoiceTurnResultDto,
} from '@parley/contracts';
import { ConflictException, NotFoundException, ServiceUnavailableException, TenantDb, type UnitOfWork } from '@parley/platform';
import { AiAgentEntity } from '../agent/ai-agent.entity';
import { toAgentProfile } from '../agent/ai-agent.mapper';
import type { ConversationContext, ConversationEngine, EngineWrapUp } from '../engine/conversation-engine';
import type { ConversationMemory } from '../engine/conversation-memory';
import { EngineRegistry } from '../engine/engine-registry';
import { describeOpenAIError } from '../settings/openai-connection-check';
import type { TransferHandoff } from '../tools/conversation-tools';
import { ConversationToolsFactory } from '../tools/conversation-tools.factory';
import { VOICE_AI_CONFIG, type VoiceAiConfig } from '../voice-ai.config';
import { conversationContext } from './conversation-context';
import { conversationRef, emitInteraction } from './conversation-events';
import { conversationSucceeded } from './conversation-success';
import { ConversationTurnEntity } from './conversation-turn.entity';
import { KeyedSerialQueue } from './keyed-serial-queue';
import { runningSentiment, sentimentMoved } from './sentiment-tracker';
import { elapsedMs, turnLatency } from './turn-latency';
import { toEndResult } from './voice-call.mapper';
import { VoiceCallEntity } from './voice-call.entity';

/** A conversation as loaded for one step: the call, its agent, and every turn so far. */
export interface LoadedConversation {
  call: VoiceCallEntity;
  agent: AiAgentEntity;
  turns: ConversationTurnEntity[];
}

export interface TurnOutcome {
  result: VoiceTurnResultDto;
  /** The engine asked for a human (the phone path answers mode `transfer` with it). */
  transfer: { reason: string; summary: string } | null;
  /** Set when the turn ended the conversation (goodbye, opt-out, transfer, end_call). */
  ended: EndVoiceCallResult | null;
}

/** Memory outcomes a reason to end implies when the engine set none. */
const OUTCOME_OF_REASON: Record<string, string> = {
  voicemail: 'voicemail', transferred: 'transferred', hung_up: 'hung_up', silence: 'hung_up', opt_out: 'opted_out',
};

/**
 * Drives a conversation one step at a time (open, a caller turn, a line of ours, the wrap-up):
 * runs the engine, measures the turn, stores the turns and the memory, and emits the events,
 * each step in one transaction. Steps of one conversation never interleave in this process, and
 * a guard on the turn count refuses a step another replica took meanwhile.
 */
@Injectable()
export class ConversationRunner {
  private readonly logger = new Logger(ConversationRunner.name);
  private readonly queue = new KeyedSerialQueue();

  constructor(
    private readonly db: TenantDb,
    private readonly engines: EngineRegistry,
    private readonly tools: ConversationToolsFactory,
    @Inject(VOICE_AI_CONFIG) private readonly config: VoiceAiConfig,
  ) {}

  /** Runs `work` after every earlier step of this conversation. */
  serialize<T>(voiceCallId: string, work: () => Promise<T>): Promise<T> {
    return this.queue.run(voiceCallId, work);
  }

  async load(id: string, ctx: RequestContext): Promise<LoadedConversation> {
    const call = await this.db.repo(ctx, VoiceCallEntity).get({ id });
    return this.complete(call, ctx);
  }

  async loadByCallId(callId: string, ctx: RequestContext): Promise<LoadedConversation | null> {
    const call = await this.db.repo(ctx, VoiceCallEntity).findOne({ callId });
    return call ? this.complete(call, ctx) : null;
  }

  /** The opening line (turn 0): the conversation becomes active. */
  async open(conv: LoadedConversation, ctx: RequestContext): Promise<{ reply: string; latency: TurnLatencyDto }> {
    const context = this.context(conv);
    const engine = await this.engineOf(conv);
    const started = process.hrtime.bigint();
    const opening = await this.guarded(() => engine.open(context));
    const latency = turnLatency(elapsedMs(started), opening.timing);
    const { call } = conv;
    await this.db.transaction(ctx, async (uow) => {
      const turn = await this.insertTurn(uow, call, { turn: 0, speaker: 'ai', text: opening.reply, state: opening.memory.state, latency });
      const moved = await uow.repo(VoiceCallEntity).update(
        { id: call.id, status: Not('ended' as const), turns: call.turns },
        { status: 'active', startedAt: call.startedAt ?? turn.at, memory: opening.memory, state: opening.memory.state },
      );
      if (moved === 0) throw new ConflictException('the conversation changed while it was being opened; try again');
      await emitInteraction(uow, call, turn);
      conv.turns.push(turn);
    });
    call.status = 'active';
    call.startedAt ??= new Date();
    call.memory = opening.memory;
    call.state = opening.memory.state;
    return { reply: opening.reply, latency };
  }

  /** Marks the conversation active without an opening of ours (the Realtime model speaks first on media streams). */
  async activate(conv: LoadedConversation, ctx: RequestContext): Promise<void> {
    const startedAt = conv.call.startedAt ?? new Date();
    await this.db.repo(ctx, VoiceCallEntity).update({ id: conv.call.id, status: 'created' }, { status: 'active', startedAt });
    conv.call.status = 'active';
    conv.call.startedAt = startedAt;
  }

  /** One caller turn: the engine answers with the conversation's tools; both turns are stored and announced. */
  async takeTurn(conv: LoadedConversation, callerText: string, ctx: RequestContext, handoff: TransferHandoff): Promise<TurnOutcome> {
    const { call } = conv;
    const context = this.context(conv);
    const tools = this.tools.forConversation({
      ctx, voiceCallId: call.id, agent: context.agent, lead: context.lead, callId: call.callId, remoteNumber: call.phoneNumber,
      timezone: call.timezone, transferHandoff: handoff,
    });
    const engine = await this.engineOf(conv);
    const started = process.hrtime.bigint();
    const turn = await this.guarded(() => engine.respond(context, callerText, tools));
    const latency = turnLatency(elapsedMs(started), turn.timing, tools.servicesMs);
    const number = call.turns + 1;
    const previousSentiment = call.sentiment;
    const sentiment = runningSentiment(turn.memory.sentiments) ?? previousSentiment;
    const state = turn.memory.state;
    await this.db.transaction(ctx, async (uow) => {
      const moved = await uow.repo(VoiceCallEntity).update(
        { id: call.id, turns: call.turns, status: Not('ended' as const) },
        // The lead as the tools left it (a callback moved it to contacted), so the next turn does not redo it.
        { turns: number, memory: turn.memory, state, sentiment, lead: context.lead },
      );
      if (moved === 0) throw new ConflictException('another turn of this conversation was answered at the same time; try again');
      const heard = await this.insertTurn(uow, call, { turn: number, speaker: 'caller', text: callerText, state, analysis: turn.analysis });
      const said = await this.insertTurn(uow, call, { turn: number, speaker: 'ai', text: turn.reply, state, latency });
      await emitInteraction(uow, call, heard);
      await emitInteraction(uow, call, said);
      if (sentimentMoved(previousSentiment, sentiment) && sentiment) {
        await uow.emit('sentiment.changed', { ...conversationRef(call), sentiment, previous: previousSentiment, turn: number });
      }
      conv.turns.push(heard, said);
    });
    Object.assign(call, { turns: number, memory: turn.memory, state, sentiment, lead: context.lead });

    const over = !turn.shouldContinue || tools.endReason !== null;
    const ended = over ? await this.finish(conv, tools.transferRequest ? 'transferred' : (tools.endReason ?? 'completed'), ctx) : null;
    return {
      result: {
        ai_response: turn.reply,
        analysis: turn.analysis,
        conversation_state: ended ? 'ended' : state,
        should_continue: !over,
        actions: turn.actions,
        sources: turn.sources,
        latency,
        turn: number,
      },
      transfer: tools.transferRequest,
      ended,
    };
  }

  /** A line of ours that the engine did not write (a silence prompt, a voicemail), with the memory it leaves. */
  async say(conv: LoadedConversation, text: string, ctx: RequestContext, memory: ConversationMemory = conv.call.memory): Promise<ConversationTurnEntity> {
    const { call } = conv;
    const number = conv.turns.length === 0 ? 0 : call.turns + 1;
    return this.db.transaction(ctx, async (uow) => {
      const moved = await uow.repo(VoiceCallEntity).update(
        { id: call.id, turns: call.turns, status: Not('ended' as const) },
        { turns: number, memory, status: 'active', startedAt: call.startedAt ?? new Date() },
      );
      if (moved === 0) throw new ConflictException('the conversation changed at the same time; try again');
      const turn = await this.insertTurn(uow, call, { turn: number, speaker: 'ai', text, state: memory.state });
      await emitInteraction(uow, call, turn);
      conv.turns.push(turn);
      Object.assign(call, { turns: number, memory, status: 'active', startedAt: call.startedAt ?? turn.at });
      return turn;
    });
  }

  /** The message for an answering machine; the local engine's when the provider fails (the machine will not wait). */
  async voicemail(conv: LoadedConversation): Promise<string> {
    const context = this.context(conv);
    try {
      return await (await this.engineOf(conv)).voicemail(context);
    } catch (error) {
      if (conv.call.provider === 'local') throw error;
      this.logger.warn({ err: error, voice_call_id: conv.call.id }, 'provider voicemail failed; leaving the local engine\'s message');
      return this.engines.localEngine().voicemail(context);
    }
  }

  /**
   * Ends the conversation: summary, analytics, extraction and QA from the engine (the local one when
   * the provider fails: an ending must not be lost), then `qa.score.updated`. Ending again answers
   * the stored wrap-up.
   */
  async finish(conv: LoadedConversation, reason: string, ctx: RequestContext): Promise<EndVoiceCallResult> {
    const { call } = conv;
    if (call.status === 'ended') return toEndResult(call);
    const now = new Date();
    const memory = structuredClone(call.memory);
    memory.outcome ??= OUTCOME_OF_REASON[reason] ?? null;
    const context = { ...this.context(conv), memory, now };
    const startedAt = call.startedAt ?? call.createdAt;
    const duration = Math.max(0, (now.getTime() - startedAt.getTime()) / 1000);
    const responseTimes = conv.turns
      .filter((t) => t.speaker === 'ai' && t.turn > 0 && t.latency)
      .map((t) => (t.latency as TurnLatencyDto).total_ms);
    const wrap = await this.wrapUp(conv, context, duration, responseTimes);
    const ended = await this.db.transaction(ctx, async (uow) => {
      const repo = uow.repo(VoiceCallEntity);
      const moved = await repo.update({ id: call.id, status: Not('ended' as const) }, {
        status: 'ended',
        endedAt: now,
        startedAt,
        state: 'ended',
        memory,
        summary: wrap.summary,
        analytics: wrap.analytics,
        extracted: wrap.extracted as QueryDeepPartialEntity<VoiceCallEntity>['extracted'],
        qa: wrap.qa,
        succeeded: conversationSucceeded(wrap.summary),
        endReason: reason.slice(0, 200),
      });
      const stored = await repo.get({ id: call.id });
      if (moved > 0) {
        await uow.emit('qa.score.updated', { ...conversationRef(stored), qa: wrap.qa, summary: wrap.summary, sentiment: wrap.summary.overall_sentiment.score });
      }
      return stored;
    });
    conv.call = ended;
    return toEndResult(ended);
  }

  private async wrapUp(conv: LoadedConversation, context: ConversationContext, duration: number, responseTimes: number[]): Promise<EngineWrapUp> {
    try {
      const engine = await this.engineOf(conv);
      return await engine.wrapUp(context, duration, responseTimes);
    } catch (error) {
      if (conv.call.provider === 'local') throw error;
      this.logger.warn({ err: error, voice_call_id: conv.call.id }, 'provider wrap-up failed; summarising with the local engine');
      return this.engines.localEngine().wrapUp(context, duration, responseTimes);
    }
  }

  private async complete(call: VoiceCallEntity, ctx: RequestContext): Promise<LoadedConversation> {
    // Independent reads: asked together, a turn waits for one round trip instead of two.
    const [agent, turns] = await Promise.all([
      this.db.repo(ctx, AiAgentEntity).findOne({ id: call.aiAgentId }),
      this.db.repo(ctx, ConversationTurnEntity).find({ where: { voiceCallId: call.id }, order: { turn: 'ASC', at: 'ASC' } }),
    ]);
    if (!agent) throw new NotFoundException('ai agent', call.aiAgentId);
    return { call, agent, turns };
  }

  private context(conv: LoadedConversation): ConversationContext {
    return conversationContext(conv.call, toAgentProfile(conv.agent), conv.turns, new Date());
  }

  private engineOf(conv: LoadedConversation): Promise<ConversationEngine> {
    return this.engines.engineFor(conv.call.provider, conv.call.tenantId);
  }

  /** A provider's failure is a 503 naming what it said, not an internal error. */
  private async guarded<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      if (error instanceof APIError) {
        throw new ServiceUnavailableException('the AI provider did not answer', { provider: 'openai', ...describeOpenAIError(error) });
      }
      throw error;
    }
  }

  private insertTurn(
    uow: UnitOfWork,
    call: VoiceCallEntity,
    fields: { turn: number; speaker: 'caller' | 'ai'; text: string; state: ConversationState; analysis?: TurnAnalysisDto; latency?: TurnLatencyDto },
  ): Promise<ConversationTurnEntity> {
    return uow.repo(ConversationTurnEntity).insert({
      voiceCallId: call.id,
      turn: fields.turn,
      speaker: fields.speaker,
      text: fields.text,
      state: fields.state,
      intent: fields.analysis?.intent ?? null,
      analysis: fields.analysis ?? null,
      latency: fields.latency ?? null,
      at: new Date(),
    });
  }
}
