import { performance } from 'node:perf_hooks';
import type { AiAgentTool, ConversationActionDto, ConversationIntent, GroundingSourceDto, ObjectionType, TurnAnalysisDto } from '@parley/contracts';
import type {
  ConversationContext, ConversationEngine, ConversationTools, EngineOpening, EngineTurn, EngineWrapUp, TranscriptLine,
} from '../conversation-engine';
import type { ConversationMemory } from '../conversation-memory';
import { wrapUpConversation } from '../summary/conversation-wrap-up';
import { sentimentOf } from '../summary/sentiment-label';
import { writeHandoffSummary } from '../summary/summary-text-writer';
import { type CallerTurnUnderstanding, understandCallerTurn } from './nlu/caller-turn-analyzer';
import { warmUpEnglishPipeline } from './nlu/english-pipeline';
import { decideNextMove, type PolicyDecision } from './policy/conversation-policy';
import { copyMemory, enterState, recordCallerTurn, recordSilence } from './policy/dialogue-state-tracker';
import type { DialogueMove } from './policy/dialogue-move';
import { answerFromKnowledge, type KnowledgeAnswer } from './responder/knowledge-answer';
import { openingLine, voicemailMessage, writeReply } from './responder/reply-writer';

export interface LocalConversationEngineOptions {
  /** Load the language model when the engine is built rather than on the first turn (default true). */
  warmUp?: boolean;
  /** Silent caller turns in a row before the agent gives up (default 3). */
  silenceLimit?: number;
}

/** Moves that ask knowledge for the answer, and what to add to the caller's words so full-text search finds the right chunk. */
const KNOWLEDGE_MOVES: Partial<Record<DialogueMove, (text: string, memory: ConversationMemory, company: string) => string>> = {
  answer_question: (text) => text,
  answer_pricing: (text) => `${text} pricing price plans cost`,
  // What the caller is trying to do, else what the company offers: the qualification answer itself ("budget is 2k") finds nothing useful.
  present: (_text, memory, company) => `${typeof memory.slots['use_case'] === 'string' ? memory.slots['use_case'] : ''} ${company} overview benefits how it helps`.trim(),
};
/** Intents a bare time can stand in for: "Thursday at 2 works" answers our "when suits you?". */
const TIME_ANSWERS: ConversationIntent[] = ['unknown', 'agreement', 'interested', 'small_talk', 'greeting'];
const ASKED_FOR_TIME = /\b(when would|what time|what day|which day|good time|better time|when suits|day and time)\b/i;
const DEMO_PROPOSED = /\bdemo\b/i;

/** Turns that touch every costly path once (language model, sentiment lexicon, date parsing), so no caller waits for first use. */
const WARM_UP_TURNS = ['Can you call me back tomorrow at 3pm?', "It's too expensive, we already use another vendor.", 'Yes, that sounds great!'];

function warmUp(): void {
  warmUpEnglishPipeline();
  for (const text of WARM_UP_TURNS) understandCallerTurn(text, 'discovery', new Date(), 'UTC');
}

/**
 * The built-in engine: no network, no model. Each turn: understand the caller (intent, sentiment, facts, times), record it,
 * pick the next state and move from the policy, act through the tools (knowledge, callback, opt-out, transfer, lead update),
 * and word the reply in the agent's tone.
 */
export class LocalConversationEngine implements ConversationEngine {
  readonly provider = 'local' as const;
  private readonly silenceLimit: number;

  constructor(options: LocalConversationEngineOptions = {}) {
    this.silenceLimit = options.silenceLimit ?? 3;
    if (options.warmUp ?? true) warmUp();
  }

  async open(ctx: ConversationContext): Promise<EngineOpening> {
    const memory = copyMemory(ctx.memory);
    enterState(memory, memory.state, null);
    return { reply: openingLine(ctx), memory, timing: { model_ms: 0, knowledge_ms: 0 } };
  }

  async voicemail(ctx: ConversationContext): Promise<string> {
    return voicemailMessage(ctx);
  }

  async respond(ctx: ConversationContext, callerText: string, tools: ConversationTools): Promise<EngineTurn> {
    const memory = copyMemory(ctx.memory);
    const text = callerText.trim();
    if (text === '') return this.silence(ctx, memory, tools);

    const understanding = understandCallerTurn(text, memory.state, ctx.now, ctx.timezone);
    const intent = effectiveIntent(understanding, ctx.history);
    recordCallerTurn(memory, understanding, intent);
    const decision = decideNextMove(memory, intent, substantive(understanding));
    const turn = new TurnActions(ctx, tools);

    let knowledge: KnowledgeAnswer | null = null;
    const knowledgeQuery = KNOWLEDGE_MOVES[decision.move];
    if (knowledgeQuery !== undefined && turn.may('lookup_knowledge')) {
      const query = knowledgeQuery(text, memory, ctx.agent.companyName ?? '');
      // Presenting answers the query we built, not the caller's words; questions must share a word with the hit.
      knowledge = await turn.lookUp(query, decision.move === 'present' ? query : text, decision.move === 'answer_pricing');
    }

    let move = decision.move;
    let bookedAt: Date | null = null;
    let booked = false;
    let next = decision.next;
    let outcome = decision.outcome;
    if ((decision.move === 'book_callback' || decision.move === 'book_demo') && understanding.time !== null) {
      bookedAt = understanding.time.at;
      // A demo when asked for one, or when a bare time answered our demo proposal; "call me tomorrow" is a callback.
      const demo = decision.move === 'book_demo' || /\bdemo/i.test(text) || memory.intents.includes('demo_request')
        || (understanding.intent.intent !== 'callback_request' && lastAiLineMatches(ctx.history, DEMO_PROPOSED));
      memory.slots['callback_at'] = bookedAt.toISOString();
      if (turn.may('book_callback')) {
        await turn.bookCallback(bookedAt, demo ? `Demo requested: "${text}"` : `Callback requested: "${text}"`);
        booked = true;
        outcome = demo ? 'demo_booked' : 'callback_booked';
      }
      if (demo) move = 'book_demo';
      // Busy now and asked us to call later: book it and let them go.
      if (understanding.intent.objections.includes('timing') || memory.state === 'greeting') next = 'ended';
    }

    let transferred = false;
    const reason = reasonFor(decision.move, text);
    if (decision.move === 'opt_out') await turn.optOut(reason);
    if (decision.move === 'transfer') {
      if (turn.may('transfer_to_human')) {
        await turn.transfer(reason, writeHandoffSummary({ ...ctx, memory, history: [...ctx.history, { speaker: 'caller', text }] }, reason));
        transferred = true;
      } else {
        outcome = null;
      }
    }

    enterState(memory, next, outcome);
    const ending = next === 'ended';
    const reply = writeReply(ctx, {
      move, memory, objection: firstObjection(understanding, decision), knowledge,
      bookedAt, booked, transferred, ending, givingUp: false,
    });
    if (ending) await turn.finish(memory, endReason(decision, memory));

    const analysis: TurnAnalysisDto = {
      sentiment: understanding.sentiment,
      intent,
      confidence: intent === understanding.intent.intent ? understanding.intent.confidence : 0.7,
      objections: understanding.intent.objections,
      interest_signals: understanding.interestSignals,
    };
    return { reply, analysis, memory, shouldContinue: !ending, actions: turn.actions, sources: turn.sources, timing: turn.timing() };
  }

  async wrapUp(ctx: ConversationContext, durationSeconds: number, responseTimesMs: number[]): Promise<EngineWrapUp> {
    return { ...wrapUpConversation(ctx, durationSeconds, responseTimesMs, {}), timing: { model_ms: 0, knowledge_ms: 0 } };
  }

  /** Nothing heard: ask again, and after `silenceLimit` silent turns in a row, give up politely. */
  private async silence(ctx: ConversationContext, memory: ConversationMemory, tools: ConversationTools): Promise<EngineTurn> {
    recordSilence(memory);
    const givingUp = memory.silentTurns >= this.silenceLimit;
    const turn = new TurnActions(ctx, tools);
    if (givingUp) {
      enterState(memory, 'ended', null);
      await turn.finish(memory, 'silence');
    }
    const reply = writeReply(ctx, {
      move: 'reprompt_silence', memory, objection: null, knowledge: null, bookedAt: null, booked: false,
      transferred: false, ending: givingUp, givingUp,
    });
    const analysis: TurnAnalysisDto = { sentiment: sentimentOf(0), intent: 'unknown', confidence: 0, objections: [], interest_signals: [] };
    return { reply, analysis, memory, shouldContinue: !givingUp, actions: turn.actions, sources: [], timing: turn.timing() };
  }
}

/** The tools a turn used, what they answered, and the time spent waiting on knowledge. */
class TurnActions {
  readonly actions: ConversationActionDto[] = [];
  readonly sources: GroundingSourceDto[] = [];
  private knowledgeMs = 0;

  constructor(private readonly ctx: ConversationContext, private readonly tools: ConversationTools) {}

  may(tool: AiAgentTool): boolean {
    return this.ctx.agent.tools.includes(tool);
  }

  async lookUp(query: string, question: string, pricing: boolean): Promise<KnowledgeAnswer | null> {
    const started = performance.now();
    const hits = await this.tools.searchKnowledge(query);
    this.knowledgeMs += performance.now() - started;
    this.actions.push({ type: 'knowledge_lookup', query, hits: hits.length });
    const answer = answerFromKnowledge(question, hits, { pricing });
    if (answer !== null) this.sources.push(answer.source);
    return answer;
  }

  async bookCallback(at: Date, note: string): Promise<void> {
    this.actions.push(await this.tools.bookCallback(at, note));
  }

  /** Always honoured, whatever tools the agent has: an opt-out is a legal duty, not a feature. */
  async optOut(reason: string): Promise<void> {
    this.actions.push(await this.tools.optOut(reason));
  }

  async transfer(reason: string, summary: string): Promise<void> {
    this.actions.push(await this.tools.transferToHuman(reason, summary));
  }

  /** The conversation ends: what it learnt goes on the lead (when the agent may update it) and the end reason is recorded. */
  async finish(memory: ConversationMemory, reason: string): Promise<void> {
    if (this.may('update_lead') && this.ctx.lead !== null) {
      const fields = leadUpdate(memory, this.ctx.lead.status);
      if (fields !== null) this.actions.push(await this.tools.updateLead(fields));
    }
    this.actions.push(await this.tools.endCall(reason));
  }

  timing(): { model_ms: number; knowledge_ms: number } {
    return { model_ms: 0, knowledge_ms: Math.round(this.knowledgeMs * 1000) / 1000 };
  }
}

/** Enough said to count as an answer: four words or more, or a fact we could use. */
function substantive(understanding: CallerTurnUnderstanding): boolean {
  const words = understanding.utterance.tokens.filter((t) => t.type !== 'punctuation').length;
  return words >= 4 || Object.keys(understanding.slots).length > 0;
}

/** A time given in answer to our "when?" (or with an hour, where nothing else was meant) asks for a callback. */
function effectiveIntent(understanding: CallerTurnUnderstanding, history: readonly TranscriptLine[]): ConversationIntent {
  const intent = understanding.intent.intent;
  const time = understanding.time;
  if (time === null || !TIME_ANSWERS.includes(intent)) return intent;
  if (lastAiLineMatches(history, ASKED_FOR_TIME) || time.hourGiven) return 'callback_request';
  return intent;
}

function lastAiLineMatches(history: readonly TranscriptLine[], pattern: RegExp): boolean {
  for (let i = history.length - 1; i >= 0; i -= 1) {
    if (history[i].speaker === 'ai') return pattern.test(history[i].text);
  }
  return false;
}

function firstObjection(understanding: CallerTurnUnderstanding, decision: PolicyDecision): ObjectionType | null {
  return decision.move === 'handle_objection' ? understanding.intent.objections[0] ?? null : null;
}

function reasonFor(move: DialogueMove, text: string): string {
  const quoted = text.length > 160 ? `${text.slice(0, 157)}...` : text;
  return move === 'opt_out' ? `caller asked not to be called again: "${quoted}"` : `caller asked for a person: "${quoted}"`;
}

function endReason(decision: PolicyDecision, memory: ConversationMemory): string {
  return memory.outcome ?? (decision.move === 'goodbye' ? 'goodbye' : decision.move);
}

/** Facts for the lead record: qualified when the caller agreed to a next step, the facts they gave as custom fields. */
function leadUpdate(memory: ConversationMemory, leadStatus: string): { status?: string; notes?: string; custom_fields?: Record<string, unknown> } | null {
  const facts: Record<string, unknown> = {};
  for (const key of ['budget', 'team_size', 'timeline', 'decision_maker', 'competitor', 'use_case', 'email']) {
    if (memory.slots[key] !== undefined) facts[key] = memory.slots[key];
  }
  const qualifies = (memory.outcome === 'agreed' || memory.outcome === 'demo_booked') && ['new', 'contacted'].includes(leadStatus);
  if (Object.keys(facts).length === 0 && !qualifies) return null;
  const notes = [`AI call outcome: ${(memory.outcome ?? 'ended').replace(/_/g, ' ')}.`];
  if (Object.keys(facts).length > 0) notes.push(`Learnt: ${Object.entries(facts).map(([k, v]) => `${k.replace(/_/g, ' ')} ${String(v)}`).join(', ')}.`);
  return {
    ...(qualifies ? { status: 'qualified' } : {}),
    notes: notes.join(' '),
    ...(Object.keys(facts).length > 0 ? { custom_fields: facts } : {}),
  };
}
